package dev.daybreak.metrics;

import dev.daybreak.aws.AwsClients;
import dev.daybreak.ecs.EcsEndpoint;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
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

  /** One PutMetricData including the SDK's standard retries: well inside a publish period. */
  private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(20);

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
            .or(AwsClients::configuredRegion)
            .or(() -> local ? Optional.of(AwsClients.LOCAL_REGION) : Optional.empty())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no AWS region for CloudWatch: pass --region (or set DAYBREAK_REGION or"
                            + " AWS_REGION)"));
    return AwsClients.build(
        CloudWatchClient.builder(),
        resolved,
        local ? AwsClients.placeholderCredentials() : DefaultCredentialsProvider.builder().build(),
        endpoint,
        API_CALL_TIMEOUT);
  }
}
