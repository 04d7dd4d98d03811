package dev.daybreak.cli;

import dev.daybreak.dryrun.DryRunBackends;
import dev.daybreak.runtime.Backends;
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
            + " and logged once per change of plan (\"would scale b to 3: a is ready\"). ECS does"
            + " not change, so a dry run cannot see a tier become ready because it scaled the one"
            + " below. Needs only read permissions. Env: "
            + VARIABLE
            + "=true."
      })
  boolean enabled;

  private Backends real;
  private Backends acting;

  /**
   * The backends to run the controller on: {@code real} itself, or for a dry run the same reads
   * with every write kept in memory or announced on {@code out}. The same object on every call for
   * the same {@code real}; closing it is closing {@code real}, its owner's job.
   */
  synchronized Backends acting(Backends real, PrintWriter out) {
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
              });
    }
    return acting;
  }
}
