package dev.daybreak.reconcile;

import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.lease.Ownership;
import dev.daybreak.metrics.ReconcileMetrics;
import dev.daybreak.model.BoundsAction;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.ScaleAction;
import dev.daybreak.queue.Result;
import dev.daybreak.scaling.ScalingGateway;
import dev.daybreak.time.Monotonic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs a pass's scalable-target and scale actions while this replica still holds the authority
 * the status was written under and what it observed is still fresh, checking both before each
 * UpdateService.
 *
 * <p>A replica that stalled after its status write (a GC pause, a frozen VM) past its renew
 * deadline, or whose lease was taken over meanwhile, must not act on what the lease's next holder
 * now decides: the fence cannot stop an UpdateService, only this check can. And a plan is only as
 * good as the observation it was made from: after a stall longer than {@link #MAX_OBSERVATION_AGE}
 * a dependency may have crashed or been deleted, so the pass stops and plans again from a fresh
 * DescribeServices. ECS has no conditional write; what remains is the calls' own latency.
 *
 * <p>Scalable targets are set first, except a restore for a service this pass scales up: that one
 * is set in the same step as the service's own UpdateService, immediately after it. The wake count
 * already lies inside the restored bounds (the sleep shape keeps MaxCapacity), so the restore moves
 * nothing; restored first, a MinCapacity above the sleeping count would make Application Auto
 * Scaling raise the service at once (RegisterScalableTarget "changes the resource's current
 * capacity to a value that is inside of this range"), before daybreak's own UpdateService.
 *
 * <p>Logs as the pass ({@link EnvironmentReconciler}'s logger), so one logger carries a pass.
 */
final class ActionExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentReconciler.class);

  /**
   * How old an observation may be when an action planned from it is performed. A pass normally acts
   * milliseconds after DescribeServices returns; an UpdateService retried through throttling or a
   * stalled process can take longer, and then a dependency may no longer be ready.
   */
  static final Duration MAX_OBSERVATION_AGE = Duration.ofSeconds(2);

  private final Ownership ownership;
  private final Clock clock;
  private final Monotonic monotonic;
  private final ReconcileMetrics metrics;

  ActionExecutor(Ownership ownership, Clock clock, Monotonic monotonic, ReconcileMetrics metrics) {
    this.ownership = ownership;
    this.clock = clock;
    this.monotonic = monotonic;
    this.metrics = metrics;
  }

  /**
   * When ECS was observed, in monotonic nanos and on the wall clock. Its age is the greater of the
   * two: monotonic time is not fooled by a wall clock stepping back during a stall, and the wall
   * clock catches up with a host suspension that monotonic time ({@code System.nanoTime}) sleeps
   * through.
   */
  record Observation(long nanos, Instant wall) {
    Duration age(long nowNanos, Instant nowWall) {
      Duration onMonotonic = Duration.ofNanos(nowNanos - nanos);
      Duration onWall = Duration.between(wall, nowWall);
      return onMonotonic.compareTo(onWall) >= 0 ? onMonotonic : onWall;
    }
  }

  /** The observation time of what ECS reported just now. */
  Observation observedNow() {
    return new Observation(monotonic.nanos(), clock.instant());
  }

  /**
   * Performs the actions.
   *
   * @param writtenUnder the authority the pass's status was written under (empty: not written)
   * @return empty when every action was performed; else how the pass ends
   */
  Optional<Result> execute(
      EcsGateway ecs,
      ScalingGateway scaling,
      EnvironmentSpec spec,
      List<BoundsAction> boundsActions,
      List<ScaleAction> actions,
      Optional<Ownership.Authority> writtenUnder,
      Observation observedAt) {
    Map<String, BoundsAction> restoreWithScale = new HashMap<>();
    for (BoundsAction b : boundsActions) {
      if (b.kind() == BoundsAction.Kind.RESTORE
          && actions.stream().anyMatch(a -> a.service().equals(b.service()))) {
        restoreWithScale.put(b.service(), b);
      }
    }
    for (BoundsAction action : boundsActions) {
      if (restoreWithScale.containsValue(action)) {
        continue;
      }
      if (!ownership.authority(spec.name()).equals(writtenUnder)) {
        LOG.warn(
            "lost this environment's shard after writing its status; leaving its scalable"
                + " targets and {} action(s) to its new holder",
            actions.size());
        return Optional.of(Result.done());
      }
      setBounds(scaling, spec, action);
    }
    Duration paced = Duration.ZERO;
    for (ScaleAction action : actions) {
      int left = actions.size() - actions.indexOf(action);
      Optional<Result> stop = mustStop(spec, writtenUnder, observedAt, paced, left, actions.size());
      if (stop.isPresent()) {
        return stop;
      }
      paced = paced.plus(ecs.awaitScaleTurn());
      // The turn can take seconds when many environments share the UpdateService quota: check
      // again, counting that wait as pacing but anything beyond it (a stall) as age.
      stop = mustStop(spec, writtenUnder, observedAt, paced, left, actions.size());
      if (stop.isPresent()) {
        return stop;
      }
      LOG.info(
          "scaling {} (ECS service {}, tier {}) to {}",
          action.service(),
          action.ecsService(),
          action.tier(),
          action.desiredCount());
      ecs.scaleInTurn(spec.cluster(), action.ecsService(), action.desiredCount());
      // Restored in the same step, right after: the count already lies inside the restored bounds,
      // so Application Auto Scaling has nothing to raise.
      Optional<BoundsAction> restore = Optional.ofNullable(restoreWithScale.get(action.service()));
      if (restore.isPresent()) {
        if (!ownership.authority(spec.name()).equals(writtenUnder)) {
          LOG.warn(
              "lost this environment's shard after scaling {}; leaving its scalable target and {}"
                  + " more action(s) to its new holder",
              action.service(),
              left - 1);
          return Optional.of(Result.done());
        }
        setBounds(scaling, spec, restore.get());
      }
    }
    return Optional.empty();
  }

  /**
   * How the pass ends before its next UpdateService: when this replica lost the authority its
   * status was written under, or what it observed is older than {@link #MAX_OBSERVATION_AGE}, not
   * counting {@code paced}, the time the pass waited for its UpdateService turns under the client's
   * own rate limit (the wait the bucket planned; a stall during it counts).
   */
  private Optional<Result> mustStop(
      EnvironmentSpec spec,
      Optional<Ownership.Authority> writtenUnder,
      Observation observedAt,
      Duration paced,
      int left,
      int total) {
    if (!ownership.authority(spec.name()).equals(writtenUnder)) {
      LOG.warn(
          "lost this environment's shard after writing its status; leaving {} of {} action(s)"
              + " to its new holder",
          left,
          total);
      return Optional.of(Result.done());
    }
    Duration age = observedAt.age(monotonic.nanos(), clock.instant()).minus(paced);
    if (age.compareTo(MAX_OBSERVATION_AGE) > 0) {
      // Expected under load (throttled calls, a busy host): counted, not warned about.
      metrics.reobserved();
      LOG.debug(
          "what ECS reported is {} old (not counting {} of pacing), more than {}; observing again"
              + " before the remaining {} of {} action(s)",
          age,
          paced,
          MAX_OBSERVATION_AGE,
          left,
          total);
      return Optional.of(Result.requeueAfter(Duration.ZERO));
    }
    return Optional.empty();
  }

  private static void setBounds(ScalingGateway scaling, EnvironmentSpec spec, BoundsAction action) {
    LOG.info(
        "{} the scalable target of {} (ECS service {}): {}",
        action.kind() == BoundsAction.Kind.SUSPEND ? "suspending" : "restoring",
        action.service(),
        action.ecsService(),
        action.bounds().describe());
    scaling.set(spec.cluster(), action.ecsService(), action.bounds());
  }
}
