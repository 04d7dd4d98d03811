package dev.daybreak.reconcile;

import dev.daybreak.aws.AwsAccessException;
import dev.daybreak.metrics.ReconcileMetrics;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.PassDecision;
import dev.daybreak.model.PassPlanner;
import dev.daybreak.model.Refusal;
import dev.daybreak.model.Requeue;
import dev.daybreak.queue.Result;
import dev.daybreak.slack.Announcement;
import dev.daybreak.slack.Notifier;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.store.StoredStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the passes that act on nothing: an environment on a cluster this controller may not
 * act on, in an account or region it cannot reach, or whose desired item cannot be used. Nothing is
 * observed or scaled; the decision ({@link Refusal}, {@link PassPlanner#invalidDesired}) is written
 * when it changed the status and announced once. The log warns once per problem. Logs as the pass
 * ({@link EnvironmentReconciler}'s logger).
 */
final class RefusedPasses {

  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentReconciler.class);

  /**
   * How soon an environment whose account or region could not be reached is tried again: long
   * enough not to hammer STS or a region that is down, short enough to heal within a minute.
   */
  static final Duration UNREACHABLE_RETRY = Duration.ofSeconds(30);

  private final StatusWriter writer;
  private final Notifier notifier;
  private final ReconcileMetrics metrics;
  private final Map<String, String> reportedInvalid = new ConcurrentHashMap<>();
  private final Map<String, String> reportedRefusal = new ConcurrentHashMap<>();

  RefusedPasses(StatusWriter writer, Notifier notifier, ReconcileMetrics metrics) {
    this.writer = writer;
    this.notifier = notifier;
    this.metrics = metrics;
  }

  /**
   * A cluster this controller may not act on (its IAM role would be denied): Degraded, naming the
   * allowed clusters and how to add one; looked at again at the drift check, so an environment
   * moved to an allowed cluster (a new spec) is picked up.
   */
  Result clusterNotAllowed(StoredEnvironment stored, String message, Instant now) {
    if (!message.equals(reportedRefusal.put(stored.name(), message))) {
      LOG.warn("not acting on this environment: {}", message);
    }
    return refused(
        stored, ClusterAllowlist.REASON_CLUSTER_NOT_ALLOWED, message, Requeue.DRIFT_CHECK, now);
  }

  /**
   * An account or region that cannot be reached (its role cannot be assumed, or AWS there does not
   * answer): Degraded with the reason, tried again after {@link #UNREACHABLE_RETRY}. Environments
   * behind other targets are not affected.
   */
  Result unreachable(StoredEnvironment stored, AwsAccessException e, Instant now) {
    if (!e.getMessage().equals(reportedRefusal.put(stored.name(), e.getMessage()))) {
      LOG.warn("cannot reach this environment's AWS account or region: {}", e.getMessage());
    }
    return refused(stored, e.reason(), e.getMessage(), UNREACHABLE_RETRY, now);
  }

  /** The environment's cluster is allowed: a later refusal is warned about again. */
  void allowed(String environment) {
    reportedRefusal.remove(environment);
  }

  /**
   * A desired item that cannot be used: the status gets the {@code DesiredStateInvalid} condition
   * (what is wrong, what would be valid, how to fix it), announced once per problem.
   */
  Result invalidDesired(StoredEnvironment stored, DesiredRead.Invalid invalid, Instant now) {
    EnvironmentSpec spec = stored.spec().spec();
    if (!invalid.reason().equals(reportedInvalid.put(spec.name(), invalid.reason()))) {
      LOG.warn("desired item is invalid and is not acted on: {}", invalid.reason());
    }
    return conclude(
        stored,
        previous ->
            PassPlanner.invalidDesired(
                spec.name(),
                invalid.attribute(),
                invalid.explained(spec.name()),
                previous,
                stored.spec().generation(),
                now),
        d -> Announcement.ofInvalidDesired(spec, d.announced(d.transitions())));
  }

  /** The environment's desired item can be used: a later problem is warned about again. */
  void valid(String environment) {
    reportedInvalid.remove(environment);
  }

  private Result refused(
      StoredEnvironment stored, String reason, String message, Duration retry, Instant now) {
    Optional<DesiredState> desired =
        stored.desired() instanceof DesiredRead.Valid valid
            ? Optional.of(valid.stored().desired())
            : Optional.empty();
    return conclude(
        stored,
        previous ->
            Refusal.decide(reason, message, previous, stored.spec().generation(), retry, now),
        d ->
            Announcement.of(
                stored.spec().spec(),
                Refusal.announced(desired, d.status(), now),
                d.announced(d.transitions()),
                Map.of()));
  }

  /** Writes the decision's status when it changed, and announces its transitions, if any. */
  private Result conclude(
      StoredEnvironment stored,
      Function<EnvironmentStatus, PassDecision> decide,
      Function<PassDecision, Announcement> announcement) {
    StoredStatus previous =
        stored.status().orElse(new StoredStatus(EnvironmentStatus.initial(), 0));
    PassDecision decision = decide.apply(previous.status());
    if (decision.writeStatus()
        && writer
            .write(stored.name(), decision.status(), previous.version(), List.of())
            .isEmpty()) {
      return Result.done();
    }
    metrics.phase(stored.name(), decision.status().phase());
    if (!decision.transitions().isEmpty()) {
      notifier.announce(announcement.apply(decision));
    }
    return Result.requeueAfter(decision.requeueAfter());
  }
}
