package dev.daybreak.metrics;

import dev.daybreak.ecs.EcsEndpoint;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Builds the CloudWatch client daybreak publishes its metrics with, as {@code EcsClients} and
 * {@code DynamoDbClients} build theirs: the JDK's HTTP client, bounded timeouts, and nothing looked
 * up over the network for a local endpoint.
 *
 * <ul>
 *   <li>An endpoint on this machine (a mock, in tests) gets dummy credentials and, without a
 *       region, {@code us-east-1}: real credentials never go to it, and neither the credential nor
 *       the region chain reaches instance metadata.
 *   <li>Otherwise credentials come from the SDK's default chain (the Lambda or task role); the
 *       region from {@code region}, else {@code AWS_REGION} / {@code aws.region} / the profile,
 *       never instance metadata.
 * </ul>
 */
public final class CloudWatchClients {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

  /** One PutMetricData including the SDK's standard retries: well inside a publish period. */
  private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(20);

  private static final Region LOCAL_REGION = Region.US_EAST_1;

  private CloudWatchClients() {}

  /**
   * A client for {@code region}, at {@code endpoint} when given.
   *
   * @throws IllegalArgumentException when no region is given or configured and there is no local
   *     endpoint (naming how to set one)
   */
  public static CloudWatchClient create(Optional<URI> endpoint, Optional<String> region) {
    boolean local = EcsEndpoint.of(endpoint, region).credentials() == EcsEndpoint.Credentials.DUMMY;
    Region resolved =
        region
            .filter(r -> !r.isBlank())
            .map(Region::of)
            .or(CloudWatchClients::configuredRegion)
            .or(() -> local ? Optional.of(LOCAL_REGION) : Optional.empty())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no AWS region for CloudWatch: pass --region (or set DAYBREAK_REGION or"
                            + " AWS_REGION)"));
    var builder =
        CloudWatchClient.builder()
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(SOCKET_TIMEOUT)
                    .build())
            .region(resolved)
            .credentialsProvider(
                local
                    ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                    : DefaultCredentialsProvider.builder().build())
            .overrideConfiguration(
                c -> c.apiCallTimeout(API_CALL_TIMEOUT).retryStrategy(RetryMode.STANDARD));
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private static Optional<Region> configuredRegion() {
    try {
      return Optional.of(
          new AwsRegionProviderChain(
                  new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
              .getRegion());
    } catch (SdkClientException e) {
      return Optional.empty();
    }
  }
}
