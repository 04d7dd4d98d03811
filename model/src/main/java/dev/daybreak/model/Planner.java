package dev.daybreak.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides the next step of a wake or a sleep from what was asked, what ECS reports and what the
 * previous pass concluded. A pure function: no I/O, no clock but {@code now}, the same plan for the
 * same inputs.
 *
 * <p>Waking works on one tier at a time, lowest first: services of the lowest tier that is not
 * ready are scaled up to their target; the next tier starts only when every service of that tier is
 * ready. Sleeping scales services to zero dependents first (one tier at a time, highest first) or
 * all at once. Level-based: every pass decides from the current state alone, so a lost action, a
 * restart or a hand edit is corrected by the next pass.
 */
public final class Planner {

  private Planner() {}

  /**
   * Plans one pass.
   *
   * @param spec the environment
   * @param desired what it should be; for AWAKE a non-empty {@code services} wakes only those and
   *     their dependencies, for ASLEEP it is ignored (the whole environment sleeps)
   * @param observed what DescribeServices reported, keyed by ECS service name; a service without a
   *     key is MISSING
   * @param previous the status the previous pass wrote ({@link EnvironmentStatus#initial()} first)
   * @param now the time of this pass
   * @return the actions (one tier's worth, or every service for a parallel sleep), the status to
   *     write, the transitions to announce and when to look again
   * @throws GraphException when the spec's services do not form a dependency graph (manifests are
   *     validated before they are stored, so this means a spec that bypassed validation)
   */
  public static Plan plan(
      EnvironmentSpec spec,
      DesiredState desired,
      Map<String, ObservedService> observed,
      EnvironmentStatus previous,
      Instant now) {
    return plan(spec, desired, observed, previous, now, Map.of());
  }

  /**
   * Plans one pass for services of which some have Application Auto Scaling targets: a service is
   * woken to its count moved into its target's bounds ({@link ScalingBounds#clamp}), so that the
   * wake and the target agree (see {@link ScalableTargets#wakeBounds}).
   *
   * @param wakeBounds per logical service, the bounds its scalable target has once awake
   */
  public static Plan plan(
      EnvironmentSpec spec,
      DesiredState desired,
      Map<String, ObservedService> observed,
      EnvironmentStatus previous,
      Instant now,
      Map<String, ScalingBounds> wakeBounds) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(now, "now");
    DependencyGraph graph = DependencyGraph.of(spec.services());
    List<ServiceSnapshot> services = ServiceSnapshot.of(spec, graph, observed);
    boolean newOperation = !previous.target().equals(Optional.of(desired.state()));
    boolean waking = desired.state() == State.AWAKE;
    Map<String, Integer> savedCounts =
        !waking && newOperation
            ? Targets.saveAtSleep(services, previous.savedCounts())
            : previous.savedCounts();
    Pass pass = new Pass(spec, graph, services, previous, newOperation, now);
    Progress progress =
        waking
            ? Progress.waking(pass, desired, savedCounts, wakeBounds)
            : Progress.sleeping(pass, spec.sleepOrder());

    Phase phase = phase(waking, progress);
    Condition ready = Conditions.ready(phase, summary(pass, waking, progress), previous, now);
    Condition degraded = Conditions.degraded(progress.problems(), previous, now);
    EnvironmentStatus status =
        new EnvironmentStatus(
            EnvironmentStatus.FORMAT_VERSION,
            phase,
            Optional.of(desired.state()),
            progress.currentTier(),
            progress.services(),
            Conditions.merge(previous, ready, degraded),
            savedCounts,
            previous.observedGeneration(),
            newOperation
                ? Optional.of(now)
                : previous.operationStartedAt().or(() -> Optional.of(now)),
            List.of(),
            previous.savedScalableTargets());
    List<Transition> transitions = Transitions.of(pass, desired, progress, status);
    return new Plan(
        progress.actions(), status, transitions, requeueAfter(status, progress, services, now));
  }

  private static Phase phase(boolean waking, Progress progress) {
    if (!progress.problems().isEmpty()) {
      return Phase.DEGRADED;
    }
    if (progress.currentTier() >= 0) {
      return waking ? Phase.WAKING : Phase.SLEEPING;
    }
    return waking ? Phase.AWAKE : Phase.ASLEEP;
  }

  /**
   * Progress while working; backoff while Degraded and nothing can progress (no longer than the
   * rollout watch while a deployment replaces a failed one, such as ECS's rollback, so its
   * completion is seen); a drift check when settled (the rollout watch while a deployment of a
   * service in scope rolls out).
   */
  private static Duration requeueAfter(
      EnvironmentStatus status, Progress progress, List<ServiceSnapshot> services, Instant now) {
    List<ObservedService> inScope =
        services.stream()
            .filter(s -> progress.scope().contains(s.name()))
            .map(ServiceSnapshot::observed)
            .toList();
    if (status.phase() == Phase.DEGRADED && progress.actions().isEmpty() && progress.stalled()) {
      Instant since = status.condition(Conditions.DEGRADED).orElseThrow().lastTransitionTime();
      Duration backoff = Requeue.degraded(Duration.between(since, now));
      boolean replacing =
          inScope.stream()
              .flatMap(o -> FailedRollout.of(o).flatMap(FailedRollout::primary).stream())
              .anyMatch(p -> p.rolloutState() == RolloutState.IN_PROGRESS);
      return replacing && backoff.compareTo(Requeue.ROLLOUT_WATCH) > 0
          ? Requeue.ROLLOUT_WATCH
          : backoff;
    }
    if (progress.currentTier() >= 0) {
      return Requeue.PROGRESS;
    }
    boolean rollingOut =
        inScope.stream()
            .flatMap(o -> o.deployments().stream())
            .anyMatch(d -> d.primary() && d.rolloutState() == RolloutState.IN_PROGRESS);
    return rollingOut ? Requeue.ROLLOUT_WATCH : Requeue.DRIFT_CHECK;
  }

  /** The Ready condition's message: what the pass is waiting for, or what it reached. */
  private static String summary(Pass pass, boolean waking, Progress progress) {
    String waitingFor = String.join(", ", progress.waitingFor());
    if (progress.currentTier() >= 0) {
      if (waking) {
        return "waking tier " + progress.currentTier() + ": waiting for " + waitingFor;
      }
      return pass.spec().sleepOrder() == SleepOrder.PARALLEL
          ? "stopping all services: waiting for " + waitingFor
          : "stopping tier " + progress.currentTier() + ": waiting for " + waitingFor;
    }
    int all = pass.services().size();
    int inScope = progress.scope().size();
    if (!waking) {
      return "all " + all + " services stopped";
    }
    return inScope == all
        ? "all " + all + " services ready"
        : inScope
            + " of "
            + all
            + " services ready as requested; the others were left as they were";
  }
}
