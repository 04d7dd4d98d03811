package dev.daybreak.ecs;

import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2ClientBuilder;

/**
 * Builds the AWS SDK v2 {@link ElasticLoadBalancingV2Client} daybreak reads target health with,
 * with the same choices as {@link EcsClients}: the JDK's HTTP client, no SDK retries (the gateway
 * retries through its own bucket), 3 s to connect and 15 s per attempt, the endpoint's region and
 * credentials, and {@link EcsEndpoint#elbUrl()} as the endpoint when one is set.
 */
public final class ElbClients {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(15);
  private static final String SIMULATOR_REGION = "us-east-1";

  private ElbClients() {}

  /**
   * A client for {@code endpoint}'s Elastic Load Balancing v2.
   *
   * @throws IllegalArgumentException when no region is configured anywhere (naming how to set one)
   */
  public static ElasticLoadBalancingV2Client create(EcsEndpoint endpoint, String appId) {
    ElasticLoadBalancingV2ClientBuilder builder =
        ElasticLoadBalancingV2Client.builder()
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(ATTEMPT_TIMEOUT))
            .overrideConfiguration(
                o ->
                    o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .appId(appId));
    endpoint.elbUrl().ifPresent(builder::endpointOverride);
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
          "cannot build the Elastic Load Balancing client: "
              + e.getMessage()
              + " (set --region, or AWS_REGION, or a region in the AWS profile)",
          e);
    }
  }
}
