package dev.daybreak.cli;

import dev.daybreak.model.Durations;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.Phase;
import dev.daybreak.model.State;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.StoredEnvironment;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daybreak watch NAME}: follows an environment until it settles. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Follows an environment's tiers as the controller reports them (per service running/target"
          + " and a progress bar) until it settles in its desired phase.",
      "On a terminal the view is redrawn in place; otherwise one line is printed per change."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      "0:the environment settled (Awake when desired AWAKE, Asleep when desired ASLEEP)",
      "1:the environment went Degraded, is unknown, or its desired item is malformed",
      ExitCodes.USAGE_LINE,
      ExitCodes.STORE_LINE,
      ExitCodes.TIMEOUT_LINE
    })
final class WatchCommand implements Callable<Integer> {

  /** Erases the previous frame: cursor up to its first line, clear to the end of the screen. */
  private static final String ERASE_LINES = "\033[%dF\033[J";

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  @Parameters(index = "0", paramLabel = "NAME", description = "The environment.")
  String name;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "15m",
      converter = DurationConverter.Positive.class,
      description = "Give up after this long. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "2s",
      converter = DurationConverter.Positive.class,
      description = "How often to read the status. Default: ${DEFAULT-VALUE}.")
  Duration interval;

  private final CliContext context;

  WatchCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant started = context.clock().instant();
    Instant deadline = started.plus(timeout);
    int drawn = 0;
    String lastLine = "";
    try (var opened = store.open(context, err)) {
      while (true) {
        Instant now = context.clock().instant();
        StoredEnvironment environment = Lookup.environment(opened.store(), name);
        Optional<State> goal = goal(environment, now);
        if (context.terminal()) {
          List<String> frame = WatchView.frame(environment, goal, Duration.between(started, now));
          if (drawn > 0) {
            out.print(String.format(ERASE_LINES, drawn));
          }
          frame.forEach(out::println);
          drawn = frame.size();
        } else {
          String line = WatchView.line(environment, goal);
          if (!line.equals(lastLine)) {
            out.println(now + " " + line);
            lastLine = line;
          }
        }
        out.flush();
        Optional<EnvironmentStatus> current = current(environment, goal);
        if (current.isPresent() && current.get().phase() == Phase.DEGRADED) {
          err.println(
              "error: environment/"
                  + name
                  + " is Degraded"
                  + current
                      .get()
                      .condition("Degraded")
                      .map(c -> ": " + c.reason() + ": " + c.message())
                      .orElse(""));
          return ExitCodes.PROBLEM;
        }
        if (current.isPresent() && current.get().phase() == settledPhase(goal.orElseThrow())) {
          out.println("environment/" + name + " is " + current.get().phase().displayName());
          return ExitCodes.OK;
        }
        if (!now.isBefore(deadline)) {
          err.println(
              "error: environment/"
                  + name
                  + " did not settle within "
                  + Durations.age(timeout)
                  + " ("
                  + WatchView.line(environment, goal)
                  + ")");
          return ExitCodes.TIMEOUT;
        }
        Duration left = Duration.between(now, deadline);
        context.pause().pause(left.compareTo(interval) < 0 ? left : interval);
      }
    }
  }

  /**
   * What the environment should end up as: its desired item while that holds, else what the
   * controller is driving toward. A malformed desired item is an error: nothing will settle.
   */
  private Optional<State> goal(StoredEnvironment environment, Instant now) {
    if (environment.desired() instanceof DesiredRead.Invalid invalid) {
      throw new CliException(
          ExitCodes.PROBLEM,
          "the desired item of environment '"
              + name
              + "' is malformed ("
              + invalid.reason()
              + "); fix it, or replace it with daybreak wake or sleep");
    }
    if (environment.desired() instanceof DesiredRead.Valid valid
        && valid.stored().desired().until().map(now::isBefore).orElse(true)) {
      return Optional.of(valid.stored().desired().state());
    }
    return environment.status().flatMap(s -> s.status().target());
  }

  /** The status, once the controller is working toward the goal (an older status says nothing). */
  private static Optional<EnvironmentStatus> current(
      StoredEnvironment environment, Optional<State> goal) {
    return environment
        .status()
        .map(s -> s.status())
        .filter(s -> goal.isPresent() && s.target().equals(goal));
  }

  private static Phase settledPhase(State goal) {
    return goal == State.AWAKE ? Phase.AWAKE : Phase.ASLEEP;
  }
}
