package dev.daybreak.cli;

import dev.daybreak.chatops.ChatOpsSettings;
import dev.daybreak.metrics.CloudWatchPublisher;
import dev.daybreak.metrics.ReconcileMetrics;
import dev.daybreak.production.ProductionModule;
import dev.daybreak.reconcile.ClusterAllowlist;
import dev.daybreak.reconcile.ControllerSettings;
import dev.daybreak.slack.SecretSources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The Lambda handler's settings, read from the function's environment through the same options (and
 * the same {@link dev.daybreak.config.Setting} variables) as {@code daybreak run} and {@code
 * daybreak reconcile --once}, so a setting means the same in every mode.
 */
@Command(name = "lambda", description = "The Lambda handler's settings (no command line).")
public final class LambdaSettings implements StoreRoot {

  /** The store options, declared here as {@code daybreak}'s root command declares them. */
  @Mixin StoreFlags storeFlags;

  @Mixin StoreOptions store;
  @Mixin EcsOptions ecs;
  @Mixin SlackOptions slack;
  @Mixin ChatOpsOptions chatOps;
  @Mixin CalendarOptions calendars;
  @Mixin PriceOptions prices;
  @Mixin ClusterOptions clusters;
  @Mixin MetricsOptions cloudWatch;

  @Option(
      names = "--status-page",
      paramLabel = "on|off",
      arity = "1",
      defaultValue = "off",
      converter = OnOff.class,
      description =
          "on: render the status page for requests that came through a Function URL with AWS_IAM"
              + " auth (deploy/'s -c statusPage=true); never for the Slack URL's."
              + " Env: DAYBREAK_STATUS_PAGE. Default: off.")
  boolean statusPage;

  private Map<String, String> environment = Map.of();

  LambdaSettings() {}

  @Override
  public StoreFlags storeFlags() {
    return storeFlags;
  }

  /**
   * The settings in a function's environment variables.
   *
   * @throws IllegalArgumentException naming the variable's option when a value is not valid
   */
  public static LambdaSettings read(Map<String, String> environment) {
    LambdaSettings settings = new LambdaSettings();
    settings.environment = Map.copyOf(environment);
    CommandLine commandLine = commandLine(settings, environment);
    try {
      commandLine.parseArgs();
      settings.clusters();
      settings.ecs.gateway();
      return settings;
    } catch (ParameterException e) {
      throw new IllegalArgumentException("the function's environment: " + e.getMessage(), e);
    }
  }

  /** The command line the settings are parsed with (for tests of which options it has). */
  static CommandLine commandLine(LambdaSettings settings, Map<String, String> environment) {
    CommandLine commandLine = new CommandLine(settings);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setDefaultValueProvider(new SettingDefaults(environment));
    return commandLine;
  }

  /** The state store (opened now), ECS and Slack (or the log) these settings name. */
  public ProductionModule.Config production() {
    StoreOptions.Opened opened =
        store.open(CliContext.production(), new PrintWriter(System.err, true));
    return new ProductionModule.Config(
        opened.store(),
        opened,
        ecs.endpoint(store.region()),
        ecs.scalingEndpoint(store.region()),
        slack.settings(),
        SecretSources.botToken(environment),
        new SimpleMeterRegistry(),
        Optional.empty(),
        ecs.gateway());
  }

  /** The controller's settings: defaults, with the calendars and clusters of these settings. */
  public ControllerSettings controller() {
    return new ControllerSettings(
            ControllerSettings.DEFAULT_RESYNC,
            ControllerSettings.DEFAULT_WORKERS,
            Optional.empty(),
            calendars.calendars())
        .withClusters(clusters())
        .withPrices(prices.table());
  }

  /** Chat-ops' settings: {@code --zone} (UTC when unset, Lambda's own zone), the allowlists. */
  public ChatOpsSettings chatOps() {
    return chatOps.settings(ZoneId.of("UTC"), clusters());
  }

  /** A CloudWatch publisher of {@code metrics}' Degraded count, when a namespace is set. */
  public Optional<CloudWatchPublisher> publisher(ReconcileMetrics metrics, Clock clock) {
    return cloudWatch.publisher(
        metrics, store.region(), clock, new PrintWriter(new StringWriter()));
  }

  /** Whether the function renders the status page for AWS_IAM-authorized Function URL requests. */
  public boolean statusPage() {
    return statusPage;
  }

  /** The holiday calendars schedules may name. */
  public dev.daybreak.manifests.Calendars calendars() {
    return calendars.calendars();
  }

  /** The clusters the controller acts on, in its region and account. */
  public ClusterAllowlist clusters() {
    return clusters.allowlist(store.region());
  }
}
