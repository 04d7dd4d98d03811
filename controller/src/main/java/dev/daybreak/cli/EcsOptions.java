package dev.daybreak.cli;

import dev.daybreak.ecs.EcsEndpoint;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where a command finds ECS: {@code --ecs-endpoint}, {@code --elb-endpoint} (target health) and
 * {@code --region}. Mix into any command that talks to ECS with {@code @Mixin EcsOptions ecs;} and
 * build the client from {@link #endpoint()}.
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
            + " for it. Env: DAYBREAK_ECS_ENDPOINT."
      })
  private URI endpoint;

  @Option(
      names = "--elb-endpoint",
      paramLabel = "URL",
      defaultValue = "${env:DAYBREAK_ELB_ENDPOINT}",
      description = {
        "Elastic Load Balancing v2 endpoint (target health) to use instead of the region's."
            + " Default: the --ecs-endpoint when that is on this machine (`daybreak ecs-sim`"
            + " serves both), else the region's. Env: DAYBREAK_ELB_ENDPOINT."
      })
  private URI elbEndpoint;

  /**
   * The endpoint these options describe, in {@code region} (the one {@code --region} option that
   * {@link StoreOptions} declares for every AWS client of a command; empty: the SDK's chain).
   *
   * @throws ParameterException when {@code --ecs-endpoint} is not an http(s) URL
   */
  public EcsEndpoint endpoint(Optional<String> region) {
    Optional<URI> url = Optional.ofNullable(endpoint);
    url.ifPresent(u -> check("--ecs-endpoint", u));
    EcsEndpoint ecs = EcsEndpoint.of(url, region.filter(r -> !r.isBlank()));
    if (elbEndpoint == null) {
      return ecs;
    }
    check("--elb-endpoint", elbEndpoint);
    return ecs.withElb(elbEndpoint);
  }

  private void check(String option, URI u) {
    if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
      throw new ParameterException(
          spec.commandLine(),
          option + " must be an http:// or https:// URL with a host, was '" + u + "'");
    }
  }
}
