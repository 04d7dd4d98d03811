package dev.daybreak.cli;

import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.ecs.GatewaySettings;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where a command finds ECS: {@code --ecs-endpoint}, {@code --elb-endpoint} (target health) and
 * {@code --region}; and how much of ECS's API quota it may use ({@code --ecs-quota-share}). Mix
 * into any command that talks to ECS with {@code @Mixin EcsOptions ecs;} and build the client from
 * {@link #endpoint()}.
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
      description = {
        "Elastic Load Balancing v2 endpoint (target health) to use instead of the region's."
            + " Default: the --ecs-endpoint when that is on this machine (`daybreak ecs-sim`"
            + " serves both), else the region's. Env: DAYBREAK_ELB_ENDPOINT."
      })
  private URI elbEndpoint;

  @Option(
      names = "--autoscaling-endpoint",
      paramLabel = "URL",
      description = {
        "Application Auto Scaling endpoint to use instead of the region's; by default the"
            + " --ecs-endpoint when one is given (a `daybreak ecs-sim` serves both on one port).",
        "Env: DAYBREAK_AUTOSCALING_ENDPOINT."
      })
  private URI scalingEndpoint;

  @Option(
      names = "--ecs-quota-share",
      paramLabel = "SHARE",
      description = {
        "The share of ECS's API quota in the account and region (UpdateService: 5 a second,"
            + " DescribeServices: 20) daybreak paces itself to, above 0 and at most 1."
            + " Default: 0.98. Whenever ECS throttles it anyway (another caller needs more),"
            + " daybreak slows down and climbs back over two minutes.",
        "Env: DAYBREAK_ECS_QUOTA_SHARE."
      })
  private Double quotaShare;

  /**
   * The endpoint these options describe, in {@code region} (the one {@code --region} option that
   * {@link StoreOptions} declares for every AWS client of a command; empty: the SDK's chain).
   *
   * @throws ParameterException when {@code --ecs-endpoint} is not an http(s) URL
   */
  public EcsEndpoint endpoint(Optional<String> region) {
    EcsEndpoint ecs = endpoint("--ecs-endpoint", Optional.ofNullable(endpoint), region);
    if (elbEndpoint == null) {
      return ecs;
    }
    check("--elb-endpoint", elbEndpoint);
    return ecs.withElb(elbEndpoint);
  }

  /**
   * How the ECS gateway spends the quota: {@code --ecs-quota-share} of ECS's buckets.
   *
   * @throws ParameterException when the share is not above 0 and at most 1
   */
  public GatewaySettings gateway() {
    if (quotaShare == null) {
      return GatewaySettings.defaults();
    }
    try {
      return GatewaySettings.withQuotaShare(quotaShare);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(),
          "--ecs-quota-share must be above 0 and at most 1 (such as 0.98 or 0.5), was '"
              + quotaShare
              + "'");
    }
  }

  /**
   * Where Application Auto Scaling is: {@code --autoscaling-endpoint}, else the {@code
   * --ecs-endpoint}, else the region's.
   *
   * @throws ParameterException when either option is not an http(s) URL
   */
  public EcsEndpoint scalingEndpoint(Optional<String> region) {
    return scalingEndpoint == null
        ? endpoint(region)
        : endpoint("--autoscaling-endpoint", Optional.of(scalingEndpoint), region);
  }

  private EcsEndpoint endpoint(String option, Optional<URI> url, Optional<String> region) {
    url.ifPresent(u -> check(option, u));
    return EcsEndpoint.of(url, region.filter(r -> !r.isBlank()));
  }

  private void check(String option, URI u) {
    if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
      throw new ParameterException(
          spec.commandLine(),
          option + " must be an http:// or https:// URL with a host, was '" + u + "'");
    }
  }
}
