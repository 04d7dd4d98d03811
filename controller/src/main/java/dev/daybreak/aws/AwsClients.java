package dev.daybreak.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;

/**
 * What daybreak's AWS client factories share: the JDK's HTTP client with bounded timeouts, the
 * SDK's standard retries (or none, for the gateways that retry through their own token buckets), a
 * region that is never looked up from instance metadata, and placeholder credentials for servers on
 * this machine.
 */
public final class AwsClients {

  /** The region signed with for local endpoints (dynalite and the mocks ignore it). */
  public static final Region LOCAL_REGION = Region.US_EAST_1;

  /** Fails fast when nothing listens, instead of the JDK's default of minutes. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  /** How long one response may stall. */
  public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

  /** How long one attempt of a gateway's call may take. */
  public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(15);

  private static final AwsCredentialsProvider SIMULATOR_CREDENTIALS =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create("daybreak-simulator", "daybreak-simulator"));

  private AwsClients() {}

  /**
   * The region from system settings ({@code aws.region}, {@code AWS_REGION}) and the profile file;
   * never instance metadata, which would be a network call.
   */
  public static Optional<Region> configuredRegion() {
    try {
      return Optional.of(
          new AwsRegionProviderChain(
                  new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
              .getRegion());
    } catch (SdkClientException e) {
      return Optional.empty();
    }
  }

  /** Credentials a server on this machine accepts; real ones never go to it. */
  public static AwsCredentialsProvider placeholderCredentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
  }

  /**
   * Sets the shared HTTP client, timeouts and retries on {@code builder}, with {@code region},
   * {@code credentials} and, when given, {@code endpoint}.
   *
   * @param apiCallTimeout one call including the SDK's retries
   */
  public static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C build(
      B builder,
      Region region,
      AwsCredentialsProvider credentials,
      Optional<URI> endpoint,
      Duration apiCallTimeout) {
    builder
        .httpClient(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build())
        .region(region)
        .credentialsProvider(credentials)
        .overrideConfiguration(
            c -> c.apiCallTimeout(apiCallTimeout).retryStrategy(RetryMode.STANDARD));
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /**
   * The settings of the clients behind daybreak's ECS, Elastic Load Balancing and Application Auto
   * Scaling gateways, which all retry themselves.
   *
   * <ul>
   *   <li>HTTP client: the JDK's ({@link UrlConnectionHttpClient}), set explicitly; Apache and
   *       Netty are excluded from the build. daybreak makes few, small, synchronous calls.
   *   <li>Retries: none in the SDK ({@link AwsRetryStrategy#doNotRetry()}): the gateways retry
   *       themselves, so every attempt passes through their client-side token buckets (SDK retries
   *       would bypass them and spend quota unseen) and a throttle is waited out for as long as it
   *       lasts.
   *   <li>Timeouts: {@link #CONNECT_TIMEOUT} to connect, {@link #ATTEMPT_TIMEOUT} per attempt, so a
   *       hung connection cannot stall a reconcile worker.
   *   <li>Region: {@code region}, else the SDK's default chain; a simulator without one gets {@link
   *       #LOCAL_REGION}.
   *   <li>Credentials: {@code credentials} (an assumed role), else dummy keys for a simulator, else
   *       the SDK's default chain.
   * </ul>
   *
   * @param service the service's name, for the error when no region is configured
   * @param url the endpoint instead of the region's, if any
   * @param simulator whether the endpoint is a simulator on this machine (dummy credentials)
   * @throws IllegalArgumentException when no region is configured anywhere (naming how to set one)
   */
  public static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C gateway(
      B builder,
      String service,
      Optional<URI> url,
      Optional<String> region,
      boolean simulator,
      Optional<AwsCredentialsProvider> credentials,
      String appId) {
    builder
        .httpClient(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(ATTEMPT_TIMEOUT)
                .build())
        .overrideConfiguration(
            o ->
                o.retryStrategy(AwsRetryStrategy.doNotRetry())
                    .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                    .appId(appId));
    url.ifPresent(builder::endpointOverride);
    region
        .or(() -> simulator ? Optional.of(LOCAL_REGION.id()) : Optional.empty())
        .map(Region::of)
        .ifPresent(builder::region);
    credentials
        .or(() -> simulator ? Optional.of(SIMULATOR_CREDENTIALS) : Optional.empty())
        .ifPresent(builder::credentialsProvider);
    try {
      return builder.build();
    } catch (SdkClientException e) {
      throw new IllegalArgumentException(
          "cannot build the "
              + service
              + " client: "
              + e.getMessage()
              + " (set --region, or AWS_REGION, or a region in the AWS profile)",
          e);
    }
  }
}
