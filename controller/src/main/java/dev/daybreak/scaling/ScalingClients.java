package dev.daybreak.scaling;

import dev.daybreak.aws.AwsClients;
import dev.daybreak.ecs.EcsEndpoint;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;

/**
 * Builds the AWS SDK v2 {@link ApplicationAutoScalingClient} daybreak uses, with the choices {@link
 * AwsClients#gateway} documents (no SDK retries: {@link SdkScalingGateway} retries).
 */
public final class ScalingClients {

  private ScalingClients() {}

  /**
   * A client for {@code endpoint}.
   *
   * @throws IllegalArgumentException when no region is configured anywhere
   */
  public static ApplicationAutoScalingClient create(EcsEndpoint endpoint, String appId) {
    return create(endpoint, endpoint.region(), Optional.empty(), appId);
  }

  /** A client in {@code region}, signing with {@code credentials} (an assumed role) when given. */
  public static ApplicationAutoScalingClient create(
      EcsEndpoint endpoint,
      Optional<String> region,
      Optional<AwsCredentialsProvider> credentials,
      String appId) {
    return AwsClients.gateway(
        ApplicationAutoScalingClient.builder(),
        "Application Auto Scaling",
        endpoint.url(),
        region,
        endpoint.credentials() == EcsEndpoint.Credentials.DUMMY,
        credentials,
        appId);
  }
}
