package dev.daybreak.model;

import dev.daybreak.model.savings.SleepLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides a whole reconcile pass over an environment the controller may act on: the {@link
 * Planner}'s plan, the {@link ScalableTargets} to save, set or restore, the wakes measured for
 * {@code wakeBy}, the downtimes the {@link SleepLedger} opens and closes, whether the status must
 * be written, and when to look again (the plan's requeue, or sooner at this environment's place in
 * the stagger window after the next schedule edge or override expiry). A pure function like the
 * planner: the reconciler gathers the inputs and carries the decision out.
 *
 * <p>Passes that act on nothing are decided by {@link Refusal} (a cluster the controller may not
 * act on, an account or region it cannot reach) and {@link InvalidDesired} (a desired item that
 * cannot be used), through {@link #invalidDesired}.
 */
public final class PassPlanner {

  private PassPlanner() {}

  /**
   * Decides one pass.
   *
   * @return the status and whether to write it, the downtimes ended, the scalable targets to set,
   *     the scale actions, the transitions to announce and the requeue
   */
  public static PassDecision decide(PassInputs in) {
    EnvironmentSpec spec = in.spec();
    DesiredState desired = in.desired();
    EnvironmentStatus previous = in.previous();
    Plan plan =
        Planner.plan(
            spec,
            desired,
            in.observed(),
            previous,
            in.now(),
            ScalableTargets.wakeBounds(
                spec, in.scalableTargets(), previous.savedScalableTargets()));
    ScalableTargets.Decision bounds =
        ScalableTargets.decide(spec, desired, plan, in.scalableTargets(), previous, in.now());
    EnvironmentStatus status =
        plan.status()
            .withScalableTargets(bounds.saved(), bounds.conditions())
            .withObservedGeneration(in.generation())
            .withWakeDurations(wakeDurations(desired, previous, plan.status(), in.now()));
    SleepLedger.Step ledger =
        SleepLedger.next(spec, previous.downSince(), status, in.taskSizes(), in.now());
    status = status.withDownSince(ledger.open());
    boolean write =
        !status.equals(previous) || !plan.actions().isEmpty() || !bounds.actions().isEmpty();
    return new PassDecision(
        status,
        write,
        ledger.closed(),
        bounds.actions(),
        plan.actions(),
        plan.transitions(),
        in.slot().requeueAfter(plan.requeueAfter(), in.resolution(), in.now()),
        unsized(previous, ledger));
  }

  /**
   * Decides a pass over a desired item that cannot be used ({@link InvalidDesired}), computed from
   * spec generation {@code generation}: the status is written only when it changed.
   */
  public static PassDecision invalidDesired(
      String environment,
      String attribute,
      String message,
      EnvironmentStatus previous,
      long generation,
      Instant now) {
    Plan plan = InvalidDesired.plan(environment, attribute, message, previous, now);
    EnvironmentStatus status = plan.status().withObservedGeneration(generation);
    return PassDecision.without(
        status, !status.equals(previous), plan.transitions(), plan.requeueAfter());
  }

  /**
   * The measured wakes with this pass's appended when it completed a whole-environment wake (from
   * the operation's start to Awake), for {@code wakeBy}'s lead.
   */
  static List<Duration> wakeDurations(
      DesiredState desired, EnvironmentStatus previous, EnvironmentStatus next, Instant now) {
    List<Duration> measured = previous.wakeDurations();
    boolean completedWake =
        previous.phase() != Phase.AWAKE
            && next.phase() == Phase.AWAKE
            && previous.target().equals(Optional.of(State.AWAKE))
            && !desired.isPartial()
            && previous.operationStartedAt().isPresent();
    if (!completedWake) {
      return measured;
    }
    List<Duration> more = new ArrayList<>(measured);
    more.add(Duration.between(previous.operationStartedAt().get(), now));
    return more;
  }

  /**
   * Whether a downtime starts (for a service not down before) or ends without a task size: ECS can
   * tell it (DescribeTaskDefinition), so the pass asks before recording it.
   */
  private static boolean unsized(EnvironmentStatus previous, SleepLedger.Step step) {
    return step.open().entrySet().stream()
            .anyMatch(
                e -> e.getValue().size().isEmpty() && !previous.downSince().containsKey(e.getKey()))
        || step.closed().stream().anyMatch(d -> d.size().isEmpty());
  }
}
