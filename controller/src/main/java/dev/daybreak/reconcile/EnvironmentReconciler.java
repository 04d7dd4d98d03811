package dev.daybreak.reconcile;

import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.lease.Ownership;
import dev.daybreak.metrics.ReconcileMetrics;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.Plan;
import dev.daybreak.model.Planner;
import dev.daybreak.model.ScaleAction;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.model.Transition;
import dev.daybreak.queue.Reconciler;
import dev.daybreak.queue.Result;
import dev.daybreak.slack.Announcement;
import dev.daybreak.slack.Notifier;
import dev.daybreak.store.ConflictException;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.StoredDesired;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.store.StoredStatus;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One reconcile pass for one environment, as in the design: read spec, desired and status; observe
 * ECS; plan; write the status (conditionally); execute the plan's actions (one tier at most);
 * announce; requeue. Level-based: it never depends on having seen an event, only on what the store
 * and ECS say now, so a restart or a missed trigger heals on the next pass.
 *
 * <p>The status is written before the actions run, and whenever there are actions: a pass whose
 * conditional status write loses (a concurrent pass, or a stale replica fenced by its lease epoch)
 * acts on nothing; an action that fails after the write is planned again on the next pass from what
 * ECS then reports. A replica that does not hold the environment's shard skips it.
 */
public final class EnvironmentReconciler implements Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentReconciler.class);

  /** How soon to look again after losing a conditional status write: at once. */
  static final Duration AFTER_CONFLICT = Duration.ZERO;

  private final StateStore store;
  private final EcsGateway ecs;
  private final Notifier notifier;
  private final Clock clock;
  private final Ownership ownership;
  private final ReconcileMetrics metrics;
  private final Map<String, String> reportedInvalid = new ConcurrentHashMap<>();
  private final AtomicLong passes = new AtomicLong();

  @Inject
  public EnvironmentReconciler(
      StateStore store,
      EcsGateway ecs,
      Notifier notifier,
      Clock clock,
      Ownership ownership,
      ReconcileMetrics metrics) {
    this.store = store;
    this.ecs = ecs;
    this.notifier = notifier;
    this.clock = clock;
    this.ownership = ownership;
    this.metrics = metrics;
  }

  @Override
  public Result reconcile(String environment) {
    String passId = Long.toString(passes.incrementAndGet(), 36);
    Timer.Sample started = metrics.startPass();
    String outcome = ReconcileMetrics.ERROR;
    try (MDC.MDCCloseable e = MDC.putCloseable("environment", environment);
        MDC.MDCCloseable p = MDC.putCloseable("pass", passId)) {
      Outcome pass = reconcileOwned(environment);
      outcome = pass.outcome();
      return pass.result();
    } finally {
      metrics.pass(started, outcome);
    }
  }

  /** A pass's result and how it ended, for the duration metric. */
  private record Outcome(Result result, String outcome) {
    static Outcome of(Result result) {
      return new Outcome(
          result,
          result.requeueAfter().isPresent() ? ReconcileMetrics.REQUEUED : ReconcileMetrics.DONE);
    }
  }

  private Outcome reconcileOwned(String environment) {
    if (ownership.authority(environment).isEmpty()) {
      metrics.forget(environment);
      LOG.debug("another replica holds this environment's shard; not acting");
      return Outcome.of(Result.done());
    }
    Optional<StoredEnvironment> stored = store.environment(environment);
    if (stored.isEmpty()) {
      metrics.forget(environment);
      LOG.debug("no spec applied; nothing to reconcile");
      return Outcome.of(Result.done());
    }
    try (MDC.MDCCloseable g =
        MDC.putCloseable("generation", Long.toString(stored.get().spec().generation()))) {
      try {
        return Outcome.of(reconcile(stored.get()));
      } catch (ConflictException lost) {
        LOG.info("an item changed under this pass; planning again: {}", lost.getMessage());
        return new Outcome(Result.requeueAfter(AFTER_CONFLICT), ReconcileMetrics.CONFLICT);
      }
    }
  }

  private Result reconcile(StoredEnvironment stored) {
    Optional<DesiredState> desired = desired(stored);
    if (desired.isEmpty()) {
      return Result.done();
    }
    EnvironmentSpec spec = stored.spec().spec();
    Map<String, ObservedService> observed =
        ecs.observe(spec.cluster(), spec.services().stream().map(ServiceSpec::ecsService).toList());
    StoredStatus previous =
        stored.status().orElse(new StoredStatus(EnvironmentStatus.initial(), 0));
    Instant now = clock.instant();
    Plan plan = Planner.plan(spec, desired.get(), observed, previous.status(), now);
    EnvironmentStatus status = plan.status().withObservedGeneration(stored.spec().generation());
    if (!status.equals(previous.status()) || !plan.actions().isEmpty()) {
      // Checked again after observing ECS, which can take a while; the fence then stops a
      // replica that stalls between here and the write.
      Optional<Ownership.Authority> authority = ownership.authority(spec.name());
      if (authority.isEmpty()) {
        LOG.info("lost this environment's shard during the pass; not acting");
        return Result.done();
      }
      if (authority.get().fence().isPresent()) {
        store.writeStatus(spec.name(), status, previous.version(), authority.get().fence().get());
      } else {
        store.writeStatus(spec.name(), status, previous.version());
      }
    }
    metrics.phase(spec.name(), status.phase());
    execute(spec, plan.actions());
    metrics.transitions(spec.name(), plan.transitions(), now);
    Plan written = new Plan(plan.actions(), status, plan.transitions(), plan.requeueAfter());
    for (Transition t : plan.transitions()) {
      LOG.info("{}: {}", t.kind(), t.message());
    }
    notifier.announce(Announcement.of(spec, desired.get(), written, observed));
    return Result.requeueAfter(plan.requeueAfter());
  }

  private void execute(EnvironmentSpec spec, List<ScaleAction> actions) {
    for (ScaleAction action : actions) {
      LOG.info(
          "scaling {} (ECS service {}, tier {}) to {}",
          action.service(),
          action.ecsService(),
          action.tier(),
          action.desiredCount());
      ecs.scale(spec.cluster(), action.ecsService(), action.desiredCount());
    }
  }

  /** The desired state to drive toward; empty when there is none or it is malformed. */
  private Optional<DesiredState> desired(StoredEnvironment stored) {
    String name = stored.name();
    DesiredRead read = stored.desired();
    if (read instanceof DesiredRead.Invalid invalid) {
      if (!invalid.reason().equals(reportedInvalid.put(name, invalid.reason()))) {
        LOG.warn("desired item is invalid and is not acted on: {}", invalid.reason());
      }
      return Optional.empty();
    }
    reportedInvalid.remove(name);
    if (read instanceof DesiredRead.Valid valid) {
      StoredDesired current = valid.stored();
      if (valid.handEdited()) {
        current = store.adoptHandEdit(name, current);
        LOG.info(
            "desired state edited by hand in DynamoDB: {} (recorded in the audit)",
            current.desired().state());
      }
      return Optional.of(current.desired());
    }
    LOG.debug("no desired state stored; nothing to drive");
    return Optional.empty();
  }
}
