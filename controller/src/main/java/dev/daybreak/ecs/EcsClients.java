package dev.daybreak.ecs;

import dev.daybreak.aws.AwsClients;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Builds the AWS SDK v2 {@link EcsClient} daybreak uses, with the choices {@link
 * AwsClients#gateway} documents (no SDK retries: {@link SdkEcsGateway} retries through its token
 * buckets).
 */
public final class EcsClients {

  /** The application id daybreak's calls carry in their User-Agent ({@code app/daybreak}). */
  public static final String APP_ID = "daybreak";

  private EcsClients() {}

  /**
   * A client for {@code endpoint}.
   *
   * @throws IllegalArgumentException when no region is configured anywhere (naming how to set one)
   */
  public static EcsClient create(EcsEndpoint endpoint, String appId) {
    return create(endpoint, endpoint.region(), Optional.empty(), appId);
  }

  /**
   * A client for {@code endpoint} in {@code region}, signing with {@code credentials} (an assumed
   * role) when given.
   */
  public static EcsClient create(
      EcsEndpoint endpoint,
      Optional<String> region,
      Optional<AwsCredentialsProvider> credentials,
      String appId) {
    return AwsClients.gateway(
        EcsClient.builder(),
        "ECS",
        endpoint.url(),
        region,
        endpoint.credentials() == EcsEndpoint.Credentials.DUMMY,
        credentials,
        appId);
  }
}
