package dev.daybreak.sandbox;

import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.ServiceSummary;
import dev.daybreak.model.DependencyGraph;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.Phase;
import dev.daybreak.model.Replicas;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.store.StatusStore;
import dev.daybreak.store.StoredStatus;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The sandbox's live view: daybreak's environment beside the same environment woken all at once,
 * one block each time something changes (plain lines, so it reads the same in a terminal, a pipe or
 * a CI log).
 */
final class LiveView {

  private final PrintStream out;
  private final EnvironmentSpec spec;
  private final DependencyGraph graph;
  private final Clock clock;
  private final StatusStore store;
  private final EcsSimulator daybreak;
  private final EcsSimulator naive;
  private Instant since = Instant.EPOCH;
  private String last = "";
  private Optional<Instant> naiveRunningAt = Optional.empty();

  LiveView(
      PrintStream out,
      EnvironmentSpec spec,
      Clock clock,
      StatusStore store,
      EcsSimulator daybreak,
      EcsSimulator naive) {
    this.out = out;
    this.spec = spec;
    this.graph = DependencyGraph.of(spec.services());
    this.clock = clock;
    this.store = store;
    this.daybreak = daybreak;
    this.naive = naive;
  }

  /** The count a service is woken to in the sandbox. */
  static int target(ServiceSpec s) {
    return s.replicas() instanceof Replicas.Fixed f
        ? f.count()
        : ((Replicas.Restore) s.replicas()).fallback();
  }

  /** Times shown from now on are relative to {@code start}. */
  void start(Instant start) {
    since = start;
    last = "";
  }

  Optional<Phase> phase() {
    return status().map(EnvironmentStatus::phase);
  }

  /** When every service of the all-at-once copy first ran its count, as seen by {@link #draw}. */
  Optional<Instant> naiveRunningAt() {
    return naiveRunningAt;
  }

  private boolean naiveRunning() {
    Map<String, ServiceSummary> services = byName(naive);
    return spec.services().stream()
        .allMatch(s -> services.get(s.ecsService()).runningCount() >= target(s));
  }

  /** Prints a block if anything changed since the last one. */
  void draw() {
    if (naiveRunningAt.isEmpty() && naiveRunning()) {
      naiveRunningAt = Optional.of(clock.instant());
    }
    String block = render();
    if (!block.equals(last)) {
      last = block;
      out.print(clockLine() + block);
      out.flush();
    }
  }

  private String clockLine() {
    return "[+" + elapsed(Duration.between(since, clock.instant())) + "] ";
  }

  private String render() {
    Optional<EnvironmentStatus> status = status();
    String phase =
        status
            .map(
                s ->
                    s.phase().displayName()
                        + (s.currentTier() >= 0
                            ? ", tier " + s.currentTier() + " of " + (graph.tiers().size() - 1)
                            : ""))
            .orElse("waiting for the controller");
    Map<String, ServiceSummary> left = byName(daybreak);
    Map<String, ServiceSummary> right = byName(naive);
    StringBuilder b = new StringBuilder();
    b.append(String.format("%-44s%s%n", "daybreak: " + phase, "all at once (naive)"));
    for (int tier = 0; tier < graph.tiers().size(); tier++) {
      for (String name : graph.tiers().get(tier)) {
        ServiceSpec s = spec.service(name).orElseThrow();
        b.append(
            String.format(
                "  tier %d %-8s %-32s%s%n",
                tier, name, counts(left.get(s.ecsService())), counts(right.get(s.ecsService()))));
      }
    }
    return b.toString();
  }

  private static String counts(ServiceSummary s) {
    String text = s.runningCount() + "/" + s.desiredCount() + " running";
    if (s.pendingCount() > 0) {
      text += ", " + s.pendingCount() + " pending";
    }
    if (s.failedTasks() > 0) {
      text += ", " + s.failedTasks() + " failed";
    }
    return text;
  }

  private Optional<EnvironmentStatus> status() {
    return store.status(spec.name()).map(StoredStatus::status);
  }

  private Map<String, ServiceSummary> byName(EcsSimulator sim) {
    return sim.services().stream()
        .filter(s -> s.cluster().equals(spec.cluster()))
        .collect(Collectors.toMap(ServiceSummary::service, Function.identity(), (a, b) -> a));
  }

  static String elapsed(Duration d) {
    long seconds = Math.max(0, d.toSeconds());
    return String.format("%02d:%02d", seconds / 60, seconds % 60);
  }
}
