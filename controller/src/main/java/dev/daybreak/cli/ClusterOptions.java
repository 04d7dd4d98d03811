package dev.daybreak.cli;

import dev.daybreak.reconcile.ClusterAllowlist;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --clusters}: the ECS clusters a controller command may act on (a picocli mixin). */
final class ClusterOptions {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  @Option(
      names = "--clusters",
      paramLabel = "CLUSTER[,CLUSTER...]",
      defaultValue = "${env:" + ClusterAllowlist.VARIABLE + "}",
      description = {
        "Act only on environments whose spec.cluster is one of these; any other is not scaled and"
            + " its status turns Degraded (ClusterNotAllowed), naming the allowed clusters.",
        "deploy/ sets it to the clusters its IAM role may scale. Env: "
            + ClusterAllowlist.VARIABLE
            + ". Default: every cluster."
      })
  private String clusters;

  /**
   * The allowlist these options describe.
   *
   * @throws ParameterException when a name is not an ECS cluster name
   */
  ClusterAllowlist allowlist() {
    try {
      return ClusterAllowlist.parse(
          Optional.ofNullable(clusters), "--clusters (or " + ClusterAllowlist.VARIABLE + ")");
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
