package dev.daybreak.cli;

import dev.daybreak.dryrun.DryRunBackends;
import dev.daybreak.dryrun.DryRunNotifier;
import dev.daybreak.runtime.Backends;
import dev.daybreak.slack.Notifiers;
import dev.daybreak.slack.SecretSource;
import dev.daybreak.slack.SlackSettings;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --dry-run} for the commands that run the controller ({@code run}, {@code reconcile
 * --once}): the whole loop, reading everything and writing nothing, announcing each call it would
 * make. Mix in with {@code @Mixin DryRunOptions dryRun;} and run the controller on {@link #acting}.
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

  /** What {@link #closing()} returns: closing it throws nothing. */
  interface Closing extends AutoCloseable {
    @Override
    void close();
  }

  private Backends real;
  private Backends acting;

  /**
   * The backends to run the controller on: {@code real} itself, or for a dry run the same reads
   * with every write kept in memory or announced on {@code out} and, when {@code secrets} holds a
   * bot token, in Slack marked {@value DryRunNotifier#MARKER}. The same object on every call for
   * the same {@code real}; what a dry run opens of its own is closed by {@link #closing()}.
   */
  synchronized Backends acting(
      Backends real, SlackSettings slack, SecretSource secrets, PrintWriter out) {
    if (!enabled) {
      return real;
    }
    if (this.real != real) {
      this.real = real;
      this.acting =
          new DryRunBackends(
              real,
              line -> {
                out.println(line);
                out.flush();
              },
              store ->
                  Notifiers.marked(
                      DryRunNotifier.MARKER,
                      slack,
                      secrets,
                      store,
                      real.clock(),
                      real.scheduler()));
    }
    return acting;
  }

  /**
   * Closes what a dry run opened of its own (its Slack notifier, draining what is pending), and
   * nothing otherwise. Close it after the controller and before the real backends.
   */
  Closing closing() {
    return () -> {
      Backends opened;
      synchronized (this) {
        opened = acting;
      }
      if (opened != null) {
        opened.close();
      }
    };
  }
}
