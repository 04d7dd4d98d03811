package dev.daybreak.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
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
 * SDK's standard retries, a region that is never looked up from instance metadata, and placeholder
 * credentials for servers on this machine.
 */
public final class AwsClients {

  /** The region signed with for local endpoints (dynalite and the mocks ignore it). */
  public static final Region LOCAL_REGION = Region.US_EAST_1;

  /** Fails fast when nothing listens, instead of the JDK's default of minutes. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  /** How long one response may stall. */
  public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

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
}
