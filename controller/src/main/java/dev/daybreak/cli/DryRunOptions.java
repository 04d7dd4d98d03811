package dev.daybreak.cli;

import dev.daybreak.dryrun.DryRunNotifier;
import dev.daybreak.production.ProductionModule;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --dry-run} for the commands that run the controller ({@code run}, {@code reconcile
 * --once}): the whole loop, reading everything and writing nothing, announcing each call it would
 * make. Mix in with {@code @Mixin DryRunOptions dryRun;} and run the controller on {@link #config}.
 */
public final class DryRunOptions {

  /** The variable deploy/ sets for a dry-run deployment. */
  static final String VARIABLE = "DAYBREAK_DRY_RUN";

  @Option(
      names = "--dry-run",
      description = {
        "Read everything, write nothing: no UpdateService, no status, lease or audit write; the"
            + " controller's status evolves in memory only. Each call it would make is printed"
            + " and logged once per change of plan (\"would scale b to 3: a is ready\"), and"
            + " with SLACK_BOT_TOKEN posted in its environment's Slack thread, every message"
            + " marked [dry run] (never in the real controller's thread). ECS does"
            + " not change, so a dry run cannot see a tier become ready because it scaled the one"
            + " below. Needs only read permissions. Env: "
            + VARIABLE
            + "=true."
      })
  boolean enabled;

  /**
   * The production seams to run the controller on: {@code real} itself, or for a dry run the same
   * reads with every write kept in memory or announced on {@code out} and, when a bot token is
   * configured, in Slack marked {@value DryRunNotifier#MARKER} ({@link
   * dev.daybreak.dryrun.DryRunBackends}).
   */
  ProductionModule.Config config(ProductionModule.Config real, PrintWriter out) {
    if (!enabled) {
      return real;
    }
    return real.dryRunOn(
        line -> {
          out.println(line);
          out.flush();
        });
  }
}
