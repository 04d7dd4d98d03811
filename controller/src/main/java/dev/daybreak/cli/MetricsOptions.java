package dev.daybreak.cli;

import dev.daybreak.metrics.CloudWatchClients;
import dev.daybreak.metrics.CloudWatchPublisher;
import dev.daybreak.metrics.ReconcileMetrics;
import dev.daybreak.model.Phase;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where a controller command publishes its CloudWatch metrics, if anywhere (a picocli mixin). */
final class MetricsOptions {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  @Option(
      names = "--metrics-namespace",
      paramLabel = "NAMESPACE",
      description = {
        "Publish the number of Degraded environments to CloudWatch as the metric "
            + CloudWatchPublisher.DEGRADED_ENVIRONMENTS
            + " in this namespace (deploy/'s alarm reads "
            + CloudWatchPublisher.DEFAULT_NAMESPACE
            + "), every minute and on exit; needs cloudwatch:PutMetricData.",
        "Env: " + CloudWatchPublisher.NAMESPACE_VARIABLE + ". Default: not published."
      })
  private String namespace;

  @Option(
      names = "--cloudwatch-endpoint",
      paramLabel = "URL",
      description =
          "A CloudWatch-compatible endpoint instead of the region's; one on this machine is"
              + " called with dummy credentials. Env: "
              + CloudWatchPublisher.ENDPOINT_VARIABLE
              + ".")
  private URI endpoint;

  /**
   * A publisher of {@code metrics}' Degraded count, or empty when no namespace is configured.
   *
   * @throws ParameterException when the namespace is not one CloudWatch accepts
   */
  Optional<CloudWatchPublisher> publisher(
      ReconcileMetrics metrics, Optional<String> region, Clock clock, PrintWriter out) {
    if (namespace == null || namespace.isBlank()) {
      return Optional.empty();
    }
    try {
      CloudWatchPublisher.validNamespace(
          namespace.trim(),
          "--metrics-namespace (or " + CloudWatchPublisher.NAMESPACE_VARIABLE + ")");
      Optional.ofNullable(endpoint)
          .ifPresent(
              e ->
                  CloudWatchPublisher.validEndpoint(
                      e,
                      "--cloudwatch-endpoint (or " + CloudWatchPublisher.ENDPOINT_VARIABLE + ")"));
      CloudWatchPublisher publisher =
          new CloudWatchPublisher(
              CloudWatchClients.create(Optional.ofNullable(endpoint), region),
              namespace.trim(),
              () -> metrics.environmentsIn(Phase.DEGRADED),
              clock);
      out.println(
          "publishing "
              + CloudWatchPublisher.DEGRADED_ENVIRONMENTS
              + " to CloudWatch namespace "
              + publisher.namespace());
      return Optional.of(publisher);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
