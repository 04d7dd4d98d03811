package dev.daybreak.cli;

import dev.daybreak.model.CallReasons;
import dev.daybreak.model.DependencyGraph;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.Plan;
import dev.daybreak.model.Planner;
import dev.daybreak.model.ServiceReadiness;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.model.State;
import dev.daybreak.model.schedule.Edge;
import dev.daybreak.model.schedule.WakeLead;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the controller would do in its next pass over one environment, and after: the real {@link
 * Planner}'s plan from what the store and ECS say now, explained per service. A value, computed
 * without I/O, for {@code daybreak plan}.
 *
 * @param environment the environment
 * @param cluster its ECS cluster
 * @param at the time planned for
 * @param desired what the plan drives toward
 * @param why where {@code desired} comes from ("schedule", "override by alice", "--awake")
 * @param before the status the controller last wrote
 * @param plan the planner's plan for the next pass
 * @param tiers the dependency tiers, lowest first
 * @param services one row per service, in tier order
 * @param calls the UpdateService calls of the next pass
 * @param edges the schedule's next edges (empty without a schedule)
 * @param estimate how long a whole wake takes, from the measured history
 */
record PlanReport(
    String environment,
    String cluster,
    Instant at,
    DesiredState desired,
    String why,
    EnvironmentStatus before,
    Plan plan,
    List<List<String>> tiers,
    List<Row> services,
    List<Call> calls,
    List<Edge> edges,
    WakeEstimate estimate) {

  /**
   * One service.
   *
   * @param waitsFor the services it waits for before it is worked on (none once it is)
   * @param next what the next pass does with it, in words
   */
  record Row(
      String name,
      String ecsService,
      int tier,
      List<String> dependsOn,
      int desiredCount,
      int runningCount,
      int target,
      boolean ready,
      Optional<Call> call,
      List<String> waitsFor,
      String next) {}

  /**
   * An UpdateService of the next pass.
   *
   * @param reason why the planner makes it
   * @param waiting what waits for it to take effect
   */
  record Call(
      String service,
      String ecsService,
      int tier,
      int desiredCount,
      String reason,
      List<String> waiting) {}

  /**
   * How long a whole wake takes.
   *
   * @param duration the p90 of the measured wakes, else the manifest's estimate
   * @param measured how many measured wakes it comes from (0: the estimate)
   * @param startedAt when the wake under way started, if one is
   */
  record WakeEstimate(Duration duration, int measured, Optional<Instant> startedAt) {}

  /** Plans with the real planner and explains the plan. */
  static PlanReport of(
      EnvironmentSpec spec,
      DesiredState desired,
      String why,
      Map<String, ObservedService> observed,
      EnvironmentStatus before,
      List<Edge> edges,
      Instant at) {
    Plan plan = Planner.plan(spec, desired, observed, before, at);
    DependencyGraph graph = DependencyGraph.of(spec.services());
    EnvironmentStatus after = plan.status();
    List<Call> calls =
        plan.actions().stream()
            .map(
                a ->
                    new Call(
                        a.service(),
                        a.ecsService(),
                        a.tier(),
                        a.desiredCount(),
                        CallReasons.why(spec, after, a),
                        CallReasons.waitingFor(spec, a)))
            .toList();
    Set<String> scope = scope(spec, graph, desired);
    List<Row> rows = new ArrayList<>();
    for (List<String> tier : graph.tiers()) {
      for (String name : tier) {
        ServiceSpec service = spec.service(name).orElseThrow();
        ServiceReadiness r = after.services().get(name);
        Optional<Call> call = calls.stream().filter(c -> c.service().equals(name)).findFirst();
        List<String> waitsFor = waitsFor(graph, after, desired.state(), name, scope);
        rows.add(
            new Row(
                name,
                service.ecsService(),
                r.tier(),
                graph.dependenciesOf(name),
                r.desiredCount(),
                r.runningCount(),
                r.target(),
                r.ready(),
                call,
                waitsFor,
                next(desired.state(), after, r, call, waitsFor, scope.contains(name))));
      }
    }
    boolean underWay =
        before.target().equals(Optional.of(State.AWAKE))
            && desired.state() == State.AWAKE
            && before.currentTier() >= 0;
    WakeEstimate estimate =
        new WakeEstimate(
            WakeLead.of(before.wakeDurations(), WakeLead.estimate(spec)),
            before.wakeDurations().size(),
            underWay ? before.operationStartedAt() : Optional.empty());
    return new PlanReport(
        spec.name(),
        spec.cluster(),
        at,
        desired,
        why,
        before,
        plan,
        graph.tiers(),
        rows,
        calls,
        edges,
        estimate);
  }

  /** The services a wake drives: the asked-for ones and their dependencies, else all. */
  private static Set<String> scope(
      EnvironmentSpec spec, DependencyGraph graph, DesiredState desired) {
    if (desired.state() == State.AWAKE && desired.isPartial()) {
      Set<String> known = new HashSet<>(desired.services());
      known.removeIf(s -> !graph.contains(s));
      return graph.closureOf(known);
    }
    Set<String> all = new HashSet<>();
    spec.services().forEach(s -> all.add(s.name()));
    return all;
  }

  /**
   * The services {@code name} waits for while a tier below it is worked on: when waking, its
   * dependencies that are not ready; when sleeping, its dependents that have not stopped.
   */
  private static List<String> waitsFor(
      DependencyGraph graph, EnvironmentStatus after, State state, String name, Set<String> scope) {
    int current = after.currentTier();
    int tier = graph.tierOf(name);
    boolean later = state == State.AWAKE ? tier > current : tier < current;
    if (current < 0 || !later || !scope.contains(name)) {
      return List.of();
    }
    List<String> related =
        state == State.AWAKE ? graph.dependenciesOf(name) : graph.dependentsOf(name);
    boolean waking = state == State.AWAKE;
    return related.stream().filter(s -> !done(after.services().get(s), waking)).toList();
  }

  /** Ready at its target (waking), or stopped (sleeping). */
  private static boolean done(ServiceReadiness r, boolean waking) {
    return r.ready() && (!waking || r.desiredCount() >= r.target());
  }

  private static String next(
      State state,
      EnvironmentStatus after,
      ServiceReadiness r,
      Optional<Call> call,
      List<String> waitsFor,
      boolean inScope) {
    if (call.isPresent()) {
      return "UpdateService desiredCount " + call.get().desiredCount() + ": " + call.get().reason();
    }
    if (!inScope) {
      return "left as it is (not asked for)";
    }
    boolean waking = state == State.AWAKE;
    if (done(r, waking)) {
      return waking ? "ready" : "stopped";
    }
    if (r.tier() == after.currentTier()) {
      return waking
          ? "waiting to be ready (running " + r.runningCount() + " of " + r.target() + ")"
          : "waiting to stop (running " + r.runningCount() + ")";
    }
    if (!waitsFor.isEmpty()) {
      return "waits for " + String.join(", ", waitsFor) + (waking ? " to be ready" : " to stop");
    }
    return "waits for tier " + after.currentTier();
  }
}
