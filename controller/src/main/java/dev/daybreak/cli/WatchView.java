package dev.daybreak.cli;

import dev.daybreak.model.DependencyGraph;
import dev.daybreak.model.Durations;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.ServiceReadiness;
import dev.daybreak.model.State;
import dev.daybreak.store.StoredEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What {@code watch} shows: a frame of tier bars for terminals, one line for logs and pipes. */
final class WatchView {

  private static final int BAR_WIDTH = 20;

  private WatchView() {}

  /** The frame for a terminal: a headline, an overall bar, and one bar per tier. */
  static List<String> frame(StoredEnvironment environment, Optional<State> goal, Duration elapsed) {
    List<String> lines = new ArrayList<>();
    List<List<String>> tiers = tiers(environment);
    lines.add(headline(environment, goal) + "   " + Durations.age(elapsed));
    List<String> all = tiers.stream().flatMap(List::stream).toList();
    lines.add(
        String.format(
            "  %-7s %s  %d/%d ready",
            "all",
            bar(progress(environment, goal, all)),
            all.stream().filter(s -> ready(environment, goal, s)).count(),
            all.size()));
    for (int i = 0; i < tiers.size(); i++) {
      lines.add(
          String.format(
              "  %-7s %s  %s",
              "tier " + i,
              bar(progress(environment, goal, tiers.get(i))),
              counts(environment, tiers.get(i))));
    }
    return lines;
  }

  /** The line for non-terminals: everything of the frame but the bars. */
  static String line(StoredEnvironment environment, Optional<State> goal) {
    List<String> all = tiers(environment).stream().flatMap(List::stream).toList();
    long ready = all.stream().filter(s -> ready(environment, goal, s)).count();
    return headline(environment, goal)
        + ", ready "
        + ready
        + "/"
        + all.size()
        + ": "
        + counts(environment, all);
  }

  private static String headline(StoredEnvironment environment, Optional<State> goal) {
    String wanted =
        goal.map(g -> " (desired " + g + (pickedUp(environment, goal) ? ")" : ", pending)"))
            .orElse(" (no desired state yet)");
    if (environment.status().isEmpty()) {
      return environment.name() + ": no status yet" + wanted;
    }
    EnvironmentStatus status = environment.status().get().status();
    int tierCount = tiers(environment).size();
    return environment.name()
        + ": "
        + status.phase().displayName()
        + wanted
        + (status.currentTier() >= 0
            ? ", tier " + status.currentTier() + " (of " + tierCount + ")"
            : "");
  }

  private static List<List<String>> tiers(StoredEnvironment environment) {
    return DependencyGraph.of(environment.spec().spec().services()).tiers();
  }

  private static Optional<ServiceReadiness> readiness(
      StoredEnvironment environment, String service) {
    return environment.status().map(s -> s.status().services().get(service));
  }

  /**
   * Ready toward the goal: a status computed for another target (the controller has not picked up
   * the new desired state yet) makes nothing ready.
   */
  private static boolean ready(
      StoredEnvironment environment, Optional<State> goal, String service) {
    return pickedUp(environment, goal)
        && readiness(environment, service).map(ServiceReadiness::ready).orElse(false);
  }

  private static boolean pickedUp(StoredEnvironment environment, Optional<State> goal) {
    return goal.isPresent()
        && environment.status().map(s -> s.status().target().equals(goal)).orElse(false);
  }

  private static String counts(StoredEnvironment environment, List<String> services) {
    List<String> parts = new ArrayList<>();
    for (String service : services) {
      parts.add(
          service
              + " "
              + readiness(environment, service)
                  .map(r -> r.runningCount() + "/" + r.target())
                  .orElse("?"));
    }
    return String.join("  ", parts);
  }

  /** Each service counts fully when ready, else by how many of its target tasks run. */
  private static double progress(
      StoredEnvironment environment, Optional<State> goal, List<String> services) {
    if (services.isEmpty()) {
      return 1;
    }
    if (!pickedUp(environment, goal)) {
      return 0;
    }
    double sum = 0;
    for (String service : services) {
      sum +=
          readiness(environment, service)
              .map(
                  r ->
                      r.ready()
                          ? 1.0
                          : r.target() > 0
                              ? Math.min(r.runningCount(), r.target()) / (double) r.target()
                              : 0.0)
              .orElse(0.0);
    }
    return sum / services.size();
  }

  private static String bar(double fraction) {
    int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR_WIDTH);
    return "[" + "█".repeat(filled) + "░".repeat(BAR_WIDTH - filled) + "]";
  }
}
