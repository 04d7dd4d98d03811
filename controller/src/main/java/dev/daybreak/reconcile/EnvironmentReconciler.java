package dev.daybreak.reconcile;

import dev.daybreak.aws.AwsAccessException;
import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.ecs.ScaleAdmission;
import dev.daybreak.lease.Ownership;
import dev.daybreak.metrics.ReconcileMetrics;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.PassDecision;
import dev.daybreak.model.PassInputs;
import dev.daybreak.model.PassPlanner;
import dev.daybreak.model.Transition;
import dev.daybreak.queue.Reconciler;
import dev.daybreak.queue.Result;
import dev.daybreak.scaling.ScalingGateway;
import dev.daybreak.slack.Announcement;
import dev.daybreak.slack.Notifier;
import dev.daybreak.store.ConflictException;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.store.StoredStatus;
import dev.daybreak.time.Monotonic;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One reconcile pass for one environment, as in the design: read spec, desired and status; resolve
 * the effective desired state ({@link DesiredResolver}); observe ECS ({@link PassObserver}); decide
 * ({@link PassPlanner}); write the status ({@link StatusWriter}, conditionally); perform the
 * actions ({@link ActionExecutor}, one tier at most); announce; requeue. A pass that acts on
 * nothing (a cluster not allowed, an account not reachable, a desired item not usable) is {@link
 * RefusedPasses}'s. This class does the I/O and the order; every decision is a pure function in
 * {@code model}. Level-based: it never depends on having seen an event, only on what the store and
 * ECS say now, so a restart or a missed trigger heals on the next pass, and a controller that was
 * down across a schedule edge catches up on its first.
 *
 * <p>The status is written before the actions run, and whenever there are actions: a pass whose
 * conditional status write loses (a concurrent pass, or a stale replica fenced by its lease epoch)
 * acts on nothing; an action that fails after the write is planned again on the next pass from what
 * ECS then reports. A replica that does not hold the environment's shard skips it; one that loses
 * the shard after its status write, or whose observation grew too old, stops before the next action
 * ({@link ActionExecutor}).
 *
 * <p>Built by Guice through its one constructor, or with {@link #builder}.
 */
public final class EnvironmentReconciler implements Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentReconciler.class);

  /** How old an observation may be when an action planned from it is performed. */
  static final Duration MAX_OBSERVATION_AGE = ActionExecutor.MAX_OBSERVATION_AGE;

  /** How soon to look again after losing a conditional status write: at once. */
  static final Duration AFTER_CONFLICT = Duration.ZERO;

  private final StateStore store;
  private final Notifier notifier;
  private final Clock clock;
  private final ControllerSettings settings;
  private final Ownership ownership;
  private final ReconcileMetrics metrics;
  private final DesiredResolver resolver;
  private final PassObserver observer;
  private final RefusedPasses refused;
  private final StatusWriter writer;
  private final ActionExecutor executor;
  private final PassSavings savings;
  private final ScaleAdmission admission;
  private final TierPacing pacing = new TierPacing();
  private final AtomicLong passes = new AtomicLong();

  /**
   * @param scaling Application Auto Scaling, for the services' scalable targets
   * @param clock the time schedules, statuses and overrides are read and written in
   * @param monotonic measures how old an observation is when an action planned from it is
   *     performed, so that a wall clock stepping back during a stall cannot make it look fresh
   * @param ownership which environments this replica may act on (its shard leases)
   */
  @Inject
  public EnvironmentReconciler(
      StateStore store,
      EcsGateway ecs,
      ScalingGateway scaling,
      Notifier notifier,
      Clock clock,
      Monotonic monotonic,
      ControllerSettings settings,
      Ownership ownership,
      ReconcileMetrics metrics) {
    this.store = store;
    this.notifier = notifier;
    this.clock = clock;
    this.settings = settings;
    this.ownership = ownership;
    this.metrics = metrics;
    this.resolver = new DesiredResolver(store, settings);
    this.writer = new StatusWriter(store, ownership);
    this.observer = new PassObserver(ecs, scaling);
    this.refused = new RefusedPasses(writer, notifier, metrics);
    this.executor = new ActionExecutor(ownership, clock, monotonic, metrics);
    this.savings = new PassSavings(store, settings, clock, metrics);
    this.admission = new ScaleAdmission(clock);
  }

  /**
   * A builder for a reconciler over these seams: by default without Application Auto Scaling, with
   * the default settings, acting on every environment, measuring on the monotonic source that goes
   * with {@code clock}, and with metrics kept in memory only.
   */
  public static EnvironmentReconcilerBuilder builder(
      StateStore store, EcsGateway ecs, Notifier notifier, Clock clock) {
    return new EnvironmentReconcilerBuilder(store, ecs, notifier, clock);
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
      return Outcome.of(reconcile(stored.get()));
    } catch (ConflictException lost) {
      LOG.info("an item changed under this pass; planning again: {}", lost.getMessage());
      return new Outcome(Result.requeueAfter(AFTER_CONFLICT), ReconcileMetrics.CONFLICT);
    }
  }

  private Result reconcile(StoredEnvironment stored) {
    Instant now = clock.instant();
    EnvironmentSpec spec = stored.spec().spec();
    if (!settings.clusters().allows(spec)) {
      return refused.clusterNotAllowed(stored, settings.clusters().refusal(spec), now);
    }
    refused.allowed(spec.name());
    if (stored.desired() instanceof DesiredRead.Invalid invalid) {
      return refused.invalidDesired(stored, invalid, now);
    }
    refused.valid(spec.name());
    Optional<DesiredResolver.Resolved> resolved = resolver.resolve(stored, now);
    if (resolved.isEmpty()) {
      return Result.done();
    }
    StoredStatus previous =
        stored.status().orElse(new StoredStatus(EnvironmentStatus.initial(), 0));
    PassObserver.Observed observed;
    try {
      Optional<Duration> notYet =
          admission.waitFor(
              observer.ecsFor(spec),
              spec.name(),
              previous.status(),
              resolved.get().resolution().desired(),
              spec.services().size());
      if (notYet.isPresent()) {
        metrics.heldInLine();
        return Result.requeueAfter(notYet.get());
      }
      observed = observer.observe(spec);
    } catch (AwsAccessException e) {
      return refused.unreachable(stored, e, now);
    }
    ActionExecutor.Observation observedAt = executor.observedNow();
    PassInputs inputs =
        new PassInputs(
            spec,
            stored.spec().generation(),
            resolved.get().resolution(),
            resolved.get().slot(),
            observed.services(),
            observed.targets(),
            previous.status(),
            Map.of(),
            now);
    PassDecision decision = PassPlanner.decide(inputs);
    if (decision.needsTaskSizes()) {
      decision =
          PassPlanner.decide(inputs.withTaskSizes(PassSavings.taskSizes(observed.ecs(), spec)));
    }
    Optional<Ownership.Authority> writtenUnder = Optional.empty();
    if (decision.writeStatus()) {
      writtenUnder =
          writer.write(spec.name(), decision.status(), previous.version(), decision.ended());
      if (writtenUnder.isEmpty()) {
        return Result.done();
      }
    }
    metrics.phase(spec.name(), decision.status().phase());
    Optional<Result> stopped =
        executor.execute(
            observed.ecs(),
            observed.scaling(),
            spec,
            decision.boundsActions(),
            decision.actions(),
            writtenUnder,
            observedAt);
    if (stopped.isPresent()) {
      return stopped.get();
    }
    metrics.transitions(spec.name(), decision.transitions(), now);
    savings.tally(spec, decision.ended());
    List<Transition> transitions =
        savings.withSavings(
            spec,
            decision.transitions(),
            decision.status(),
            resolved.get().resolution().nextChange());
    for (Transition t : transitions) {
      LOG.info("{}: {}", t.kind(), t.message());
    }
    notifier.announce(
        Announcement.of(
            spec, inputs.desired(), decision.announced(transitions), observed.services()));
    return Result.requeueAfter(
        pacing.after(
            spec.name(),
            decision.status(),
            !decision.actions().isEmpty(),
            decision.requeueAfter(),
            observedAt.wall(),
            clock.instant()));
  }
}
