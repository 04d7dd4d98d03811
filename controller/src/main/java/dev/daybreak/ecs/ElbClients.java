package dev.daybreak.ecs;

import dev.daybreak.aws.AwsClients;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Builds the AWS SDK v2 {@link ElasticLoadBalancingV2Client} daybreak reads target health with,
 * with the choices {@link AwsClients#gateway} documents, and {@link EcsEndpoint#elbUrl()} as the
 * endpoint when one is set.
 */
public final class ElbClients {

  private ElbClients() {}

  /**
   * A client for {@code endpoint}'s Elastic Load Balancing v2.
   *
   * @throws IllegalArgumentException when no region is configured anywhere (naming how to set one)
   */
  public static ElasticLoadBalancingV2Client create(EcsEndpoint endpoint, String appId) {
    return create(endpoint, endpoint.region(), Optional.empty(), appId);
  }

  /** A client in {@code region}, signing with {@code credentials} (an assumed role) when given. */
  public static ElasticLoadBalancingV2Client create(
      EcsEndpoint endpoint,
      Optional<String> region,
      Optional<AwsCredentialsProvider> credentials,
      String appId) {
    return AwsClients.gateway(
        ElasticLoadBalancingV2Client.builder(),
        "Elastic Load Balancing",
        endpoint.elbUrl(),
        region,
        endpoint.credentials() == EcsEndpoint.Credentials.DUMMY,
        credentials,
        appId);
  }
}
