package dev.daybreak.cli;

import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.model.Conditions;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.InvalidDesired;
import dev.daybreak.model.Phase;
import dev.daybreak.production.ProductionModule;
import dev.daybreak.queue.Result;
import dev.daybreak.reconcile.ClusterAllowlist;
import dev.daybreak.reconcile.ControllerSettings;
import dev.daybreak.reconcile.EnvironmentReconciler;
import dev.daybreak.runtime.Application;
import dev.daybreak.runtime.ControllerModule;
import dev.daybreak.savings.WeeklyDigest;
import dev.daybreak.slack.SecretSources;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.StoredStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code daybreak reconcile --once}: one pass over every (or one) environment, then exit. */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description = {
      "Runs one reconcile pass over every environment (or one), then exits: for cron or a"
          + " scheduled Lambda. A pass advances a wake or a sleep by at most one tier; run it"
          + " again (or use `daybreak run`) to go on.",
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:an environment is Degraded, its desired item is unusable (DesiredStateInvalid), or its"
          + " pass failed",
      ExitCodes.USAGE_LINE,
      ExitCodes.STORE_LINE
    })
final class ReconcileCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;
  @Mixin EcsOptions ecs;
  @Mixin SlackOptions slack;
  @Mixin CalendarOptions calendars;
  @Mixin PriceOptions prices;
  @Mixin ClusterOptions clusters;
  @Mixin DryRunOptions dryRun;
  @Mixin MetricsOptions cloudWatch;

  @Option(
      names = "--once",
      required = true,
      description = "One pass, then exit (the only mode; `daybreak run` keeps going).")
  boolean once;

  @Option(names = "--env", paramLabel = "NAME", description = "Only this environment.")
  String environment;

  private final CliContext context;

  ReconcileCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ClusterAllowlist allowed = clusters.allowlist(store.region());
    GatewaySettings gateway = ecs.gateway();
    ControllerSettings settings =
        new ControllerSettings(
                ControllerSettings.DEFAULT_RESYNC,
                ControllerSettings.DEFAULT_WORKERS,
                Optional.empty(),
                calendars.calendars())
            .withClusters(allowed)
            .withPrices(prices.table());
    StoreOptions.Opened opened = store.open(context, err);
    try (Application app =
        Application.create(
            new ProductionModule(
                dryRun.config(
                    new ProductionModule.Config(
                        opened.store(),
                        opened,
                        ecs.endpoint(store.region()),
                        ecs.scalingEndpoint(store.region()),
                        slack.settings(),
                        SecretSources.fromSystem(),
                        new SimpleMeterRegistry(),
                        Optional.empty(),
                        gateway),
                    out)),
            ControllerModule.alone(settings))) {
      StateStore acting = app.backends().store();
      List<String> names = environment == null ? acting.environments() : List.of(environment);
      if (environment != null && acting.spec(environment).isEmpty()) {
        err.println(
            "no environment '"
                + environment
                + "'; known: "
                + String.join(", ", acting.environments()));
        return ExitCodes.PROBLEM;
      }
      EnvironmentReconciler reconciler = app.reconciler();
      boolean problem = false;
      for (String name : names) {
        try {
          Result result = reconciler.reconcile(name);
          Optional<EnvironmentStatus> status = acting.status(name).map(StoredStatus::status);
          problem |= status.map(ReconcileCommand::needsAttention).orElse(false);
          String phase = status.map(ReconcileCommand::describe).orElse("no status");
          out.println(
              name
                  + ": "
                  + phase
                  + result.requeueAfter().map(d -> "; next pass due in " + d).orElse(""));
        } catch (RuntimeException e) {
          problem = true;
          err.println(name + ": pass failed: " + e.getMessage());
        }
      }
      if (!dryRun.enabled) {
        app.weeklyDigest().ifPresent(WeeklyDigest::runOnce);
      }
      cloudWatch
          .publisher(app.metrics(), store.region(), app.backends().clock(), out)
          .ifPresent(
              publisher -> {
                try (publisher) {
                  publisher.publish();
                }
              });
      return problem ? ExitCodes.PROBLEM : ExitCodes.OK;
    }
  }

  /**
   * A cron job or scheduled Lambda only sees the exit code: an environment that is Degraded, or
   * whose desired item the controller cannot use (a hand edit gone wrong, which no pass will fix by
   * itself), needs a person.
   */
  private static boolean needsAttention(EnvironmentStatus status) {
    return status.phase() == Phase.DEGRADED || InvalidDesired.isInvalid(status);
  }

  /** As {@code get envs} shows it: the phase, or DesiredStateInvalid with why and how to fix it. */
  private static String describe(EnvironmentStatus status) {
    if (InvalidDesired.isInvalid(status)) {
      return Conditions.DESIRED_STATE_INVALID
          + status
              .condition(Conditions.DESIRED_STATE_INVALID)
              .map(c -> " (" + c.message() + ")")
              .orElse("");
    }
    return status.phase().displayName()
        + (status.currentTier() >= 0 ? " (tier " + status.currentTier() + ")" : "");
  }
}
