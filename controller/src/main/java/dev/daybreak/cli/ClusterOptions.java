package dev.daybreak.cli;

import dev.daybreak.reconcile.ClusterAllowlist;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --clusters}: the ECS clusters a controller command may act on (a picocli mixin). */
final class ClusterOptions {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  @Mixin private AccountOptions account;

  @Option(
      names = "--clusters",
      paramLabel = "CLUSTER[,CLUSTER...]",
      description = {
        "Act only on environments whose spec.cluster is one of these (names or ARNs; a name is in"
            + " --region and --account); any other is not scaled and its status turns Degraded"
            + " (ClusterNotAllowed), naming the allowed clusters. A cluster in another region or"
            + " account is never acted on.",
        "deploy/ sets it to the clusters its IAM role may scale. Env: "
            + ClusterAllowlist.VARIABLE
            + ". Default: every cluster."
      })
  private String clusters;

  /**
   * The allowlist these options describe, in {@code region} (the command's {@code --region}) and
   * {@code --account}.
   *
   * @throws ParameterException when an item is neither an ECS cluster name nor a cluster ARN, or
   *     the account is not 12 digits
   */
  ClusterAllowlist allowlist(Optional<String> region) {
    try {
      Optional<String> home = account.account();
      return ClusterAllowlist.parse(
              Optional.ofNullable(clusters), "--clusters (or " + ClusterAllowlist.VARIABLE + ")")
          .in(region, home);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
