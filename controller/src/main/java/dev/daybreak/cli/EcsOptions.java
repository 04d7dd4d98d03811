package dev.daybreak.cli;

import dev.daybreak.ecs.EcsEndpoint;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where a command finds ECS: {@code --ecs-endpoint} and {@code --region}. Mix into any command that
 * talks to ECS with {@code @Mixin EcsOptions ecs;} and build the client from {@link #endpoint()}.
 */
public final class EcsOptions {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  @Option(
      names = "--ecs-endpoint",
      paramLabel = "URL",
      description = {
        "ECS API endpoint to use instead of the region's, e.g. a `daybreak ecs-sim` at"
            + " http://127.0.0.1:4599.",
        "An endpoint on this machine is called with dummy credentials; real ones never leave"
            + " for it."
      })
  private URI endpoint;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "AWS region (default: the AWS SDK's chain: AWS_REGION, the profile, instance"
              + " metadata).")
  private String region;

  /**
   * The endpoint these options describe.
   *
   * @throws ParameterException when {@code --ecs-endpoint} is not an http(s) URL
   */
  public EcsEndpoint endpoint() {
    Optional<URI> url = Optional.ofNullable(endpoint);
    url.ifPresent(
        u -> {
          if (u.getHost() == null
              || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
            throw new ParameterException(
                spec.commandLine(),
                "--ecs-endpoint must be an http:// or https:// URL with a host, was '" + u + "'");
          }
        });
    return EcsEndpoint.of(url, Optional.ofNullable(region).filter(r -> !r.isBlank()));
  }
}
