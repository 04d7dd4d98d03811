package dev.daybreak.ecs;

import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.EcsClientBuilder;

/**
 * Builds the AWS SDK v2 {@link EcsClient} daybreak uses. Choices, deliberately:
 *
 * <ul>
 *   <li>HTTP client: {@link UrlConnectionHttpClient} (the JDK's), set explicitly; Apache and Netty
 *       are excluded from the build. daybreak makes few, small, synchronous calls.
 *   <li>Retries: none in the SDK ({@link AwsRetryStrategy#doNotRetry()}). {@link SdkEcsGateway}
 *       retries itself, so that every attempt passes through its client-side token buckets (SDK
 *       retries would bypass them and spend ECS quota unseen) and so that a throttle is waited out
 *       for as long as it lasts instead of failing after the SDK's three attempts.
 *   <li>Timeouts: 3 s to connect, 15 s per attempt, so a hung connection cannot stall a reconcile
 *       worker.
 *   <li>Region and credentials: the SDK's default provider chains, unless the endpoint names a
 *       region or asks for dummy credentials (simulators); a simulator without a region gets
 *       us-east-1.
 * </ul>
 */
public final class EcsClients {

  /** The application id daybreak's calls carry in their User-Agent ({@code app/daybreak}). */
  public static final String APP_ID = "daybreak";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(15);
  private static final String SIMULATOR_REGION = "us-east-1";

  private EcsClients() {}

  /**
   * A client for {@code endpoint}.
   *
   * @throws IllegalArgumentException when no region is configured anywhere (naming how to set one)
   */
  public static EcsClient create(EcsEndpoint endpoint, String appId) {
    EcsClientBuilder builder =
        EcsClient.builder()
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(ATTEMPT_TIMEOUT))
            .overrideConfiguration(
                o ->
                    o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .appId(appId));
    endpoint.url().ifPresent(builder::endpointOverride);
    endpoint
        .region()
        .or(
            () ->
                endpoint.credentials() == EcsEndpoint.Credentials.DUMMY
                    ? Optional.of(SIMULATOR_REGION)
                    : Optional.empty())
        .map(Region::of)
        .ifPresent(builder::region);
    if (endpoint.credentials() == EcsEndpoint.Credentials.DUMMY) {
      builder.credentialsProvider(
          StaticCredentialsProvider.create(
              AwsBasicCredentials.create("daybreak-simulator", "daybreak-simulator")));
    }
    try {
      return builder.build();
    } catch (SdkClientException e) {
      throw new IllegalArgumentException(
          "cannot build the ECS client: "
              + e.getMessage()
              + " (set --region, or AWS_REGION, or a region in the AWS profile)",
          e);
    }
  }
}
