package dev.daybreak.sandbox;

import dev.daybreak.ecssim.AutoScaling;
import dev.daybreak.ecssim.CallRecord;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.ScalableTargetView;
import dev.daybreak.ecssim.Suspension;
import dev.daybreak.model.EnvironmentSpec;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the sandbox shows once a wake or a sleep is over. */
final class Report {

  private final PrintStream out;
  private final EnvironmentSpec spec;
  private final Instant wakeStart;

  Report(PrintStream out, EnvironmentSpec spec, Instant wakeStart) {
    this.out = out;
    this.spec = spec;
    this.wakeStart = wakeStart;
  }

  void wake(
      boolean awake,
      Duration daybreakWake,
      Optional<Duration> naiveWake,
      EcsSimulator daybreak,
      EcsSimulator naive) {
    out.println();
    out.println("== wake ==");
    out.println(
        "  daybreak, tier by tier: "
            + (awake ? "Awake after " + LiveView.elapsed(daybreakWake) : "NOT Awake in time")
            + ", failed task starts: "
            + crashes(daybreak));
    out.println(
        "  all at once (naive):    "
            + naiveWake
                .map(d -> "every service running after " + LiveView.elapsed(d))
                .orElse("not every service running in time")
            + ", failed task starts: "
            + crashes(naive));
    out.println("  daybreak's UpdateService calls (from the simulator's call log):");
    calls(Sandbox.updates(daybreak), wakeStart);
    out.println();
  }

  void sleep(boolean asleep, Duration took, EcsSimulator daybreak, Instant sleepStart) {
    out.println();
    out.println("== sleep ==");
    out.println(
        "  daybreak, dependents first: "
            + (asleep ? "Asleep after " + LiveView.elapsed(took) : "NOT Asleep in time"));
    out.println("  daybreak's UpdateService calls:");
    calls(
        Sandbox.updates(daybreak).stream().filter(c -> !c.at().isBefore(sleepStart)).toList(),
        sleepStart);
    out.println();
  }

  /**
   * The scalable target's bounds before the sleep, while asleep and after the next wake, and what
   * Application Auto Scaling raised while the environment was asleep (from the call log).
   */
  void scaling(
      String ecsService,
      ScalableTargetView before,
      Optional<ScalableTargetView> during,
      Optional<ScalableTargetView> after,
      boolean restored,
      List<CallRecord> raised,
      Duration asleep,
      Optional<Duration> rewoke,
      List<CallRecord> wakeUpdates) {
    out.println();
    out.println("== scalable target ==");
    out.println(
        "  daybreak, next wake: "
            + rewoke.map(d -> "Awake after " + LiveView.elapsed(d)).orElse("NOT Awake in time"));
    out.println("  " + ecsService + " (Application Auto Scaling):");
    out.println("    before sleep: " + bounds(before));
    out.println("    while asleep: " + during.map(Report::bounds).orElse("no scalable target"));
    out.println(
        "    after wake:   "
            + after.map(Report::bounds).orElse("no scalable target")
            + (restored ? " (restored exactly)" : " (NOT as before sleep)"));
    out.println(
        "  raised by Application Auto Scaling while asleep ("
            + LiveView.elapsed(asleep)
            + "): "
            + (raised.isEmpty()
                ? "nothing"
                : raised.stream()
                    .map(c -> String.join(",", c.services()) + " -> " + c.desiredCount().orElse(-1))
                    .collect(Collectors.joining(", "))));
    out.println("  daybreak's UpdateService calls on the next wake:");
    calls(wakeUpdates, wakeStart);
    out.println();
  }

  /** {@code min 2, max 6, suspended: nothing}, as DescribeScalableTargets shows it. */
  static String bounds(ScalableTargetView t) {
    Suspension s = t.suspended();
    List<String> suspended = new ArrayList<>();
    if (s.dynamicIn()) {
      suspended.add("dynamic in");
    }
    if (s.dynamicOut()) {
      suspended.add("dynamic out");
    }
    if (s.scheduled()) {
      suspended.add("scheduled");
    }
    return "min "
        + t.minCapacity()
        + ", max "
        + t.maxCapacity()
        + ", suspended: "
        + (suspended.isEmpty() ? "nothing" : String.join(", ", suspended));
  }

  /** Failed task starts of daybreak's copy of the environment, over the whole run. */
  int daybreakCrashes(EcsSimulator daybreak) {
    return Crashes.of(daybreak, spec).values().stream().mapToInt(Integer::intValue).sum();
  }

  private String crashes(EcsSimulator sim) {
    Map<String, Integer> crashes = Crashes.of(sim, spec);
    if (crashes.isEmpty()) {
      return "0";
    }
    return crashes.values().stream().mapToInt(Integer::intValue).sum()
        + " ("
        + crashes.entrySet().stream()
            .map(e -> e.getKey() + ": " + e.getValue())
            .collect(Collectors.joining(", "))
        + ")";
  }

  private void calls(List<CallRecord> calls, Instant since) {
    for (CallRecord c : calls) {
      out.println(
          "    +"
              + precise(Duration.between(since, c.at()))
              + "  "
              + String.join(",", c.services())
              + " -> desiredCount "
              + c.desiredCount().orElse(-1)
              + (c.outcome().equals(CallRecord.OK) ? "" : " (" + c.outcome() + ")")
              + (c.caller().equals(AutoScaling.CALLER) ? " (by Application Auto Scaling)" : ""));
    }
  }

  /** Minutes, seconds and milliseconds: two calls a pass apart can fall in the same second. */
  static String precise(Duration d) {
    long millis = Math.max(0, d.toMillis());
    return String.format("%02d:%02d.%03d", millis / 60_000, (millis / 1_000) % 60, millis % 1_000);
  }
}
