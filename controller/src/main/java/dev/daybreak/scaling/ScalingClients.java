package dev.daybreak.scaling;

import dev.daybreak.ecs.EcsEndpoint;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClientBuilder;

/**
 * Builds the AWS SDK v2 {@link ApplicationAutoScalingClient} daybreak uses, with the choices of
 * {@link dev.daybreak.ecs.EcsClients}: the JDK's HTTP client, no SDK retries ({@link
 * SdkScalingGateway} retries), 3 s to connect and 15 s per attempt, dummy credentials and us-east-1
 * for a simulator.
 */
public final class ScalingClients {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(15);
  private static final String SIMULATOR_REGION = "us-east-1";

  private ScalingClients() {}

  /**
   * A client for {@code endpoint}.
   *
   * @throws IllegalArgumentException when no region is configured anywhere
   */
  public static ApplicationAutoScalingClient create(EcsEndpoint endpoint, String appId) {
    ApplicationAutoScalingClientBuilder builder =
        ApplicationAutoScalingClient.builder()
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
          "cannot build the Application Auto Scaling client: "
              + e.getMessage()
              + " (set --region, or AWS_REGION, or a region in the AWS profile)",
          e);
    }
  }
}
