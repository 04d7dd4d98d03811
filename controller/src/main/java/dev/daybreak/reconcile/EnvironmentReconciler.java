package dev.daybreak.reconcile;

import dev.daybreak.aws.AwsAccessException;
import dev.daybreak.aws.AwsTarget;
import dev.daybreak.ecs.EcsException;
import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.lease.Ownership;
import dev.daybreak.metrics.ReconcileMetrics;
import dev.daybreak.model.AutoscalingMode;
import dev.daybreak.model.BoundsAction;
import dev.daybreak.model.Condition;
import dev.daybreak.model.ConditionStatus;
import dev.daybreak.model.Conditions;
import dev.daybreak.model.DependencyGraph;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.InvalidDesired;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.Phase;
import dev.daybreak.model.Plan;
import dev.daybreak.model.Planner;
import dev.daybreak.model.Readiness;
import dev.daybreak.model.Requeue;
import dev.daybreak.model.ScalableTargets;
import dev.daybreak.model.ScaleAction;
import dev.daybreak.model.ScalingBounds;
import dev.daybreak.model.ScheduleSpec;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.model.State;
import dev.daybreak.model.Transition;
import dev.daybreak.model.TransitionKind;
import dev.daybreak.model.savings.Downtime;
import dev.daybreak.model.savings.EnvironmentSavings;
import dev.daybreak.model.savings.Savings;
import dev.daybreak.model.savings.SleepLedger;
import dev.daybreak.model.savings.TaskSize;
import dev.daybreak.model.schedule.Resolution;
import dev.daybreak.model.schedule.Schedule;
import dev.daybreak.model.schedule.ScheduleException;
import dev.daybreak.model.schedule.Stagger;
import dev.daybreak.queue.Reconciler;
import dev.daybreak.queue.Result;
import dev.daybreak.savings.Pricing;
import dev.daybreak.savings.SavingsService;
import dev.daybreak.savings.SavingsText;
import dev.daybreak.scaling.ScalingException;
import dev.daybreak.scaling.ScalingGateway;
import dev.daybreak.slack.Announcement;
import dev.daybreak.slack.Notifier;
import dev.daybreak.store.ConflictException;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.StoredDesired;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.store.StoredStatus;
import dev.daybreak.time.Monotonic;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One reconcile pass for one environment, as in the design: read spec, desired and status; resolve
 * the effective desired state (an active manual change, else the schedule, else the stored state,
 * see {@link EffectiveDesired}); observe ECS; plan; write the status (conditionally); execute the
 * plan's actions (one tier at most); announce; requeue. Level-based: it never depends on having
 * seen an event, only on what the store and ECS say now, so a restart or a missed trigger heals on
 * the next pass, and a controller that was down across a schedule edge catches up on its first.
 *
 * <p>The requeue is the schedule's timer: a pass asks to be run again no later than the next change
 * of the effective state (a schedule edge or an override ending), staggered within the configured
 * window so environments sharing an edge do not start at once.
 *
 * <p>The status is written before the actions run, and whenever there are actions: a pass whose
 * conditional status write loses (a concurrent pass, or a stale replica fenced by its lease epoch)
 * acts on nothing; an action that fails after the write is planned again on the next pass from what
 * ECS then reports. A replica that does not hold the environment's shard skips it; one that loses
 * the shard after its status write (checked again before every UpdateService) leaves the remaining
 * actions to the shard's new holder, and no action is performed on an observation older than {@link
 * #MAX_OBSERVATION_AGE}: the pass observes and plans again.
 */
public final class EnvironmentReconciler implements Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentReconciler.class);

  /**
   * How old an observation may be when an action planned from it is performed. A pass normally acts
   * milliseconds after DescribeServices returns; an UpdateService retried through throttling or a
   * stalled process can take longer, and then a dependency may no longer be ready.
   */
  static final Duration MAX_OBSERVATION_AGE = Duration.ofSeconds(2);

  /**
   * How soon an environment whose account or region could not be reached is tried again: long
   * enough not to hammer STS or a region that is down, short enough to heal within a minute.
   */
  static final Duration UNREACHABLE_RETRY = Duration.ofSeconds(30);

  /** How soon to look again after losing a conditional status write: at once. */
  static final Duration AFTER_CONFLICT = Duration.ZERO;

  /** Resolutions in which the schedule, not a manual change, decides the state. */
  private static final Set<Resolution.Reason> SCHEDULED =
      EnumSet.of(Resolution.Reason.SCHEDULE, Resolution.Reason.HOLIDAY);

  private final StateStore store;
  private final EcsGateway ecs;
  private final ScalingGateway scaling;
  private final Notifier notifier;
  private final Clock clock;
  private final Monotonic monotonic;
  private final Ownership ownership;
  private final ReconcileMetrics metrics;
  private final Map<String, String> reportedInvalid = new ConcurrentHashMap<>();
  private final AtomicLong passes = new AtomicLong();

  /** How long the fleet's size, which sizes the default stagger window, is reused. */
  static final Duration FLEET_SIZE_TTL = Duration.ofMinutes(1);

  private final ControllerSettings settings;
  private final Map<String, String> reportedSchedule = new ConcurrentHashMap<>();
  private final Map<String, String> reportedCluster = new ConcurrentHashMap<>();
  private volatile FleetSize fleetSize = new FleetSize(0, Instant.MIN);

  private record FleetSize(int environments, Instant readAt) {}

  /**
   * When ECS was observed, in monotonic nanos and on the wall clock. Its age is the greater of the
   * two: monotonic time is not fooled by a wall clock stepping back during a stall, and the wall
   * clock catches up with a host suspension that monotonic time ({@code System.nanoTime}) sleeps
   * through.
   */
  private record Observation(long nanos, Instant wall) {
    Duration age(long nowNanos, Instant nowWall) {
      Duration monotonic = Duration.ofNanos(nowNanos - nanos);
      Duration onWall = Duration.between(wall, nowWall);
      return monotonic.compareTo(onWall) >= 0 ? monotonic : onWall;
    }
  }

  /**
   * A reconciler that measures how old an observation is on {@link Monotonic#of(Clock) the
   * monotonic source that goes with} {@code clock}.
   */
  @Inject
  public EnvironmentReconciler(
      StateStore store,
      EcsGateway ecs,
      ScalingGateway scaling,
      Notifier notifier,
      Clock clock,
      ControllerSettings settings,
      Ownership ownership,
      ReconcileMetrics metrics) {
    this(store, ecs, scaling, notifier, clock, Monotonic.of(clock), settings, ownership, metrics);
  }

  /** A reconciler for a world without Application Auto Scaling ({@link ScalingGateway#none()}). */
  public EnvironmentReconciler(
      StateStore store,
      EcsGateway ecs,
      Notifier notifier,
      Clock clock,
      ControllerSettings settings,
      Ownership ownership,
      ReconcileMetrics metrics) {
    this(store, ecs, ScalingGateway.none(), notifier, clock, settings, ownership, metrics);
  }

  /** As below, for a world without Application Auto Scaling ({@link ScalingGateway#none()}). */
  public EnvironmentReconciler(
      StateStore store,
      EcsGateway ecs,
      Notifier notifier,
      Clock clock,
      Monotonic monotonic,
      ControllerSettings settings,
      Ownership ownership,
      ReconcileMetrics metrics) {
    this(
        store,
        ecs,
        ScalingGateway.none(),
        notifier,
        clock,
        monotonic,
        settings,
        ownership,
        metrics);
  }

  /**
   * @param scaling Application Auto Scaling, for the services' scalable targets
   * @param clock the time schedules, statuses and overrides are read and written in
   * @param monotonic measures how old an observation is when an action planned from it is
   *     performed, so that a wall clock stepping back during a stall cannot make it look fresh
   */
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
    this.ecs = ecs;
    this.scaling = scaling;
    this.notifier = notifier;
    this.clock = clock;
    this.monotonic = monotonic;
    this.settings = settings;
    this.ownership = ownership;
    this.metrics = metrics;
  }

  /** A reconciler with these settings that acts on every environment; metrics in memory only. */
  public EnvironmentReconciler(
      StateStore store,
      EcsGateway ecs,
      Notifier notifier,
      Clock clock,
      ControllerSettings settings) {
    this(
        store,
        ecs,
        notifier,
        clock,
        settings,
        Ownership.sole(),
        new ReconcileMetrics(new SimpleMeterRegistry()));
  }

  /** A reconciler with the default settings, acting only where {@code ownership} allows. */
  public EnvironmentReconciler(
      StateStore store,
      EcsGateway ecs,
      Notifier notifier,
      Clock clock,
      Ownership ownership,
      ReconcileMetrics metrics) {
    this(store, ecs, notifier, clock, ControllerSettings.defaults(), ownership, metrics);
  }

  /**
   * A reconciler with the default settings (built-in calendars, stagger sized for the fleet) that
   * acts on every environment, with metrics kept in memory only.
   */
  public EnvironmentReconciler(StateStore store, EcsGateway ecs, Notifier notifier, Clock clock) {
    this(
        store,
        ecs,
        notifier,
        clock,
        ControllerSettings.defaults(),
        Ownership.sole(),
        new ReconcileMetrics(new SimpleMeterRegistry()));
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
    Instant now = clock.instant();
    if (!settings.clusters().allows(stored.spec().spec())) {
      return clusterNotAllowed(stored, now);
    }
    reportedCluster.remove(stored.name());
    if (stored.desired() instanceof DesiredRead.Invalid invalid) {
      return desiredInvalid(stored, invalid, now);
    }
    reportedInvalid.remove(stored.name());
    Optional<Resolution> resolution = resolve(stored, now);
    if (resolution.isEmpty()) {
      return Result.done();
    }
    DesiredState desired = resolution.get().desired();
    EnvironmentSpec spec = stored.spec().spec();
    List<String> ecsServices = spec.services().stream().map(ServiceSpec::ecsService).toList();
    AwsTarget target = AwsTarget.of(spec);
    EcsGateway ecs;
    ScalingGateway scaling;
    Map<String, ScalingBounds> targets;
    Map<String, ObservedService> observed;
    try {
      ecs = this.ecs.at(target, spec.name());
      scaling = this.scaling.at(target, spec.name());
      targets =
          spec.autoscaling() == AutoscalingMode.MANAGE
              ? scaling.targets(spec.cluster(), ecsServices)
              : Map.of();
      observed =
          ecs.observe(
              spec.cluster(),
              ecsServices,
              spec.services().stream()
                  .filter(s -> s.readiness() == Readiness.HEALTHY)
                  .map(ServiceSpec::ecsService)
                  .collect(Collectors.toSet()));
    } catch (AwsAccessException e) {
      return unreachable(stored, e.reason(), e.getMessage(), now);
    } catch (EcsException | ScalingException e) {
      if (target.isHome() || !TransientFailures.isTransient(e)) {
        throw e;
      }
      return unreachable(
          stored,
          AwsAccessException.UNREACHABLE,
          "AWS in region "
              + target.region().orElse("(the controller's own)")
              + " did not answer: "
              + e.getMessage(),
          now);
    }
    Observation observedAt = new Observation(monotonic.nanos(), clock.instant());
    StoredStatus previous =
        stored.status().orElse(new StoredStatus(EnvironmentStatus.initial(), 0));
    Plan plan =
        Planner.plan(
            spec,
            desired,
            observed,
            previous.status(),
            now,
            ScalableTargets.wakeBounds(spec, targets, previous.status().savedScalableTargets()));
    ScalableTargets.Decision bounds =
        ScalableTargets.decide(spec, desired, plan, targets, previous.status(), now);
    EnvironmentStatus status =
        plan.status()
            .withScalableTargets(bounds.saved(), bounds.conditions())
            .withObservedGeneration(stored.spec().generation())
            .withWakeDurations(wakeDurations(desired, previous.status(), plan.status(), now));
    SleepLedger.Step ledger = ledger(ecs, spec, previous.status(), status, now);
    status = status.withDownSince(ledger.open());
    Optional<Ownership.Authority> writtenUnder = Optional.empty();
    if (!status.equals(previous.status())
        || !plan.actions().isEmpty()
        || !bounds.actions().isEmpty()) {
      writtenUnder = writeStatus(spec.name(), status, previous, ledger.closed());
      if (writtenUnder.isEmpty()) {
        return Result.done();
      }
    }
    metrics.phase(spec.name(), status.phase());
    Optional<Result> stopped =
        execute(ecs, scaling, spec, bounds.actions(), plan.actions(), writtenUnder, observedAt);
    if (stopped.isPresent()) {
      return stopped.get();
    }
    metrics.transitions(spec.name(), plan.transitions(), now);
    if (!ledger.closed().isEmpty()) {
      Pricing pricing = settings.pricing();
      metrics.saved(
          spec.name(),
          Savings.tally(
              spec.name(),
              pricing.regionOf(spec),
              ledger.closed(),
              Instant.MIN,
              Instant.MAX,
              pricing.table()));
    }
    List<Transition> transitions =
        withSavings(spec, plan.transitions(), status, resolution.get().nextChange());
    Plan written = new Plan(plan.actions(), status, transitions, plan.requeueAfter());
    for (Transition t : transitions) {
      LOG.info("{}: {}", t.kind(), t.message());
    }
    notifier.announce(Announcement.of(spec, desired, written, observed));
    return Result.requeueAfter(requeueAfter(spec, plan.requeueAfter(), resolution.get(), now));
  }

  /**
   * The transitions with the ASLEEP one (if any) saying what this night is expected to save until
   * {@code nextChange} (the next scheduled wake) and what was saved this month so far, in the
   * schedule's time zone (UTC without a schedule).
   */
  private List<Transition> withSavings(
      EnvironmentSpec spec,
      List<Transition> transitions,
      EnvironmentStatus status,
      Optional<Instant> nextChange) {
    if (transitions.stream().noneMatch(t -> t.kind() == TransitionKind.ASLEEP)) {
      return transitions;
    }
    SavingsService savings = new SavingsService(store, settings.pricing(), clock);
    ZoneId zone = spec.schedule().map(ScheduleSpec::timeZone).orElse(ZoneOffset.UTC);
    Instant now = clock.instant();
    Optional<EnvironmentSavings> month =
        savings.environment(spec.name(), savings.monthStart(zone), now);
    if (month.isEmpty()) {
      return transitions;
    }
    Optional<EnvironmentSavings> tonight =
        nextChange.map(wake -> savings.expected(spec, status, wake));
    String sentence =
        SavingsText.asleep(tonight, nextChange, month.get(), settings.pricing().table().date());
    return transitions.stream()
        .map(
            t ->
                t.kind() == TransitionKind.ASLEEP
                    ? new Transition(
                        t.kind(), t.tier(), t.services(), t.message() + "; " + sentence)
                    : t)
        .toList();
  }

  /**
   * The services kept at zero after this pass and the downtimes that ended in it ({@link
   * SleepLedger}). Task sizes are read from ECS (DescribeTaskDefinition, cached by ARN) only when a
   * downtime starts or ends without one.
   */
  private static SleepLedger.Step ledger(
      EcsGateway ecs,
      EnvironmentSpec spec,
      EnvironmentStatus previous,
      EnvironmentStatus next,
      Instant now) {
    SleepLedger.Step step = SleepLedger.next(spec, previous.downSince(), next, Map.of(), now);
    boolean unsized =
        step.open().entrySet().stream()
                .anyMatch(
                    e ->
                        e.getValue().size().isEmpty()
                            && !previous.downSince().containsKey(e.getKey()))
            || step.closed().stream().anyMatch(d -> d.size().isEmpty());
    if (!unsized) {
      return step;
    }
    Map<String, TaskSize> byEcsName =
        ecs.taskSizes(
            spec.cluster(), spec.services().stream().map(ServiceSpec::ecsService).toList());
    Map<String, TaskSize> sizes = new HashMap<>();
    spec.services()
        .forEach(
            s ->
                Optional.ofNullable(byEcsName.get(s.ecsService()))
                    .ifPresent(t -> sizes.put(s.name(), t)));
    return SleepLedger.next(spec, previous.downSince(), next, sizes, now);
  }

  /**
   * Writes the status under this replica's authority. Checked again after observing ECS, which can
   * take a while; the fence then stops a replica that stalls between here and the write.
   *
   * @return the authority it was written under; empty when the environment's shard was lost during
   *     the pass (nothing written)
   */
  private Optional<Ownership.Authority> writeStatus(
      String name, EnvironmentStatus status, StoredStatus previous) {
    return writeStatus(name, status, previous, List.of());
  }

  /**
   * As {@link #writeStatus(String, EnvironmentStatus, StoredStatus)}, recording the downtimes that
   * ended first (idempotent: a status write that then loses a race records them again, over the
   * same items).
   */
  private Optional<Ownership.Authority> writeStatus(
      String name, EnvironmentStatus status, StoredStatus previous, List<Downtime> ended) {
    Optional<Ownership.Authority> authority = ownership.authority(name);
    if (authority.isEmpty()) {
      LOG.info("lost this environment's shard during the pass; not acting");
      return authority;
    }
    if (!ended.isEmpty()) {
      store.recordDowntimes(name, ended);
    }
    if (authority.get().fence().isPresent()) {
      store.writeStatus(name, status, previous.version(), authority.get().fence().get());
    } else {
      store.writeStatus(name, status, previous.version());
    }
    return authority;
  }

  /**
   * An environment on a cluster this controller may not act on (its IAM role would be denied):
   * nothing is observed or scaled, and the status turns Degraded with a condition that names the
   * allowed clusters and how to add one. Looked at again at the drift check, so an environment
   * moved to an allowed cluster (a new spec) is picked up.
   */
  private Result clusterNotAllowed(StoredEnvironment stored, Instant now) {
    EnvironmentSpec spec = stored.spec().spec();
    String message = settings.clusters().refusal(spec);
    if (!message.equals(reportedCluster.put(spec.name(), message))) {
      LOG.warn("not acting on this environment: {}", message);
    }
    return degraded(
        stored, ClusterAllowlist.REASON_CLUSTER_NOT_ALLOWED, message, now, Requeue.DRIFT_CHECK);
  }

  /**
   * An environment whose account or region cannot be reached ({@link AwsAccessException}: its role
   * cannot be assumed, or AWS there does not answer): nothing is observed or scaled, the status
   * turns Degraded with the reason, and the environment is tried again after {@link
   * #UNREACHABLE_RETRY}. Environments behind other targets are not affected.
   */
  private Result unreachable(StoredEnvironment stored, String reason, String message, Instant now) {
    if (!message.equals(reportedCluster.put(stored.name(), message))) {
      LOG.warn("cannot reach this environment's AWS account or region: {}", message);
    }
    return degraded(stored, reason, message, now, UNREACHABLE_RETRY);
  }

  /** Writes a Degraded status with {@code reason} and {@code message}, announced once. */
  private Result degraded(
      StoredEnvironment stored, String reason, String message, Instant now, Duration retry) {
    EnvironmentSpec spec = stored.spec().spec();
    StoredStatus previous =
        stored.status().orElse(new StoredStatus(EnvironmentStatus.initial(), 0));
    EnvironmentStatus was = previous.status();
    List<Condition> conditions = new ArrayList<>();
    conditions.add(
        carried(
            new Condition(
                Conditions.READY,
                ConditionStatus.FALSE,
                Phase.DEGRADED.displayName(),
                message,
                now),
            was));
    conditions.add(
        carried(
            new Condition(Conditions.DEGRADED, ConditionStatus.TRUE, reason, message, now), was));
    was.conditions().stream()
        .filter(c -> !c.type().equals(Conditions.READY) && !c.type().equals(Conditions.DEGRADED))
        .forEach(conditions::add);
    EnvironmentStatus status =
        new EnvironmentStatus(
            EnvironmentStatus.FORMAT_VERSION,
            Phase.DEGRADED,
            was.target(),
            was.currentTier(),
            was.services(),
            conditions,
            was.savedCounts(),
            stored.spec().generation(),
            was.operationStartedAt(),
            was.wakeDurations(),
            was.savedScalableTargets(),
            was.downSince());
    if (!status.equals(was) && writeStatus(spec.name(), status, previous).isEmpty()) {
      return Result.done();
    }
    metrics.phase(spec.name(), Phase.DEGRADED);
    if (!sameRefusal(was, reason, message)) {
      announceRefusal(stored, status, message, now);
    }
    return Result.requeueAfter(retry);
  }

  /** Whether {@code was} already says the environment is Degraded with this refusal. */
  private static boolean sameRefusal(EnvironmentStatus was, String reason, String message) {
    return was.phase() == Phase.DEGRADED
        && was.condition(Conditions.DEGRADED)
            .filter(c -> c.status() == ConditionStatus.TRUE)
            .filter(c -> c.reason().equals(reason))
            .filter(c -> c.message().equals(message))
            .isPresent();
  }

  /**
   * Announces a new ClusterNotAllowed Degraded like any other (Slack, with the manifest's {@code
   * mentionOnDegraded}), once: later passes find the same refusal in the status.
   */
  private void announceRefusal(
      StoredEnvironment stored, EnvironmentStatus status, String message, Instant now) {
    EnvironmentSpec spec = stored.spec().spec();
    DesiredState desired =
        stored.desired() instanceof DesiredRead.Valid valid
            ? valid.stored().desired()
            : DesiredState.of(
                status.target().orElse(State.ASLEEP), "daybreak", "cluster not allowed", now);
    Transition degraded = new Transition(TransitionKind.DEGRADED, -1, List.of(), message);
    notifier.announce(
        Announcement.of(
            spec,
            desired,
            new Plan(List.of(), status, List.of(degraded), Requeue.DRIFT_CHECK),
            Map.of()));
  }

  /**
   * An environment whose desired item cannot be used: nothing is observed or scaled, and the status
   * gets the {@code DesiredStateInvalid} condition {@link InvalidDesired} decides (what is wrong,
   * what would be valid, how to fix it), announced once per problem: a later pass that finds the
   * same problem writes and announces nothing.
   */
  private Result desiredInvalid(
      StoredEnvironment stored, DesiredRead.Invalid invalid, Instant now) {
    EnvironmentSpec spec = stored.spec().spec();
    if (!invalid.reason().equals(reportedInvalid.put(spec.name(), invalid.reason()))) {
      LOG.warn("desired item is invalid and is not acted on: {}", invalid.reason());
    }
    StoredStatus previous =
        stored.status().orElse(new StoredStatus(EnvironmentStatus.initial(), 0));
    Plan plan =
        InvalidDesired.plan(
            spec.name(),
            invalid.attribute(),
            invalid.explained(spec.name()),
            previous.status(),
            now);
    EnvironmentStatus status = plan.status().withObservedGeneration(stored.spec().generation());
    if (!status.equals(previous.status()) && writeStatus(spec.name(), status, previous).isEmpty()) {
      return Result.done();
    }
    metrics.phase(spec.name(), status.phase());
    if (!plan.transitions().isEmpty()) {
      notifier.announce(
          Announcement.ofInvalidDesired(
              spec, new Plan(plan.actions(), status, plan.transitions(), plan.requeueAfter())));
    }
    return Result.requeueAfter(plan.requeueAfter());
  }

  /** {@code condition}, keeping the previous one's transition time when its status is the same. */
  private static Condition carried(Condition condition, EnvironmentStatus previous) {
    return previous
        .condition(condition.type())
        .filter(p -> p.status() == condition.status())
        .map(
            p ->
                new Condition(
                    condition.type(),
                    condition.status(),
                    condition.reason(),
                    condition.message(),
                    p.lastTransitionTime()))
        .orElse(condition);
  }

  /**
   * The plan's requeue, or sooner: the timer for the next schedule edge or override expiry, with
   * the start staggered within the window so a fleet sharing an edge stays inside ECS's quota.
   */
  private Duration requeueAfter(
      EnvironmentSpec spec, Duration planned, Resolution resolution, Instant now) {
    if (resolution.nextChange().isEmpty()) {
      return planned;
    }
    Instant next = Stagger.staggered(resolution.nextChange().get(), spec.name(), window(spec, now));
    Duration untilNext = Duration.between(now, next);
    if (untilNext.isNegative()) {
      return Duration.ZERO;
    }
    return untilNext.compareTo(planned) < 0 ? untilNext : planned;
  }

  private Duration window(EnvironmentSpec spec, Instant now) {
    if (settings.staggerWindow().isPresent()) {
      return settings.staggerWindow().get();
    }
    FleetSize fleet = fleetSize;
    if (fleet.readAt().plus(FLEET_SIZE_TTL).isBefore(now)) {
      fleet = new FleetSize(store.environments().size(), now);
      fleetSize = fleet;
    }
    int firstTier = DependencyGraph.of(spec.services()).tiers().get(0).size();
    return Stagger.minimumWindow(fleet.environments(), firstTier);
  }

  /**
   * The measured wakes with this pass's appended when it completed a whole-environment wake (from
   * the operation's start to Awake), for {@code wakeBy}'s lead.
   */
  private static List<Duration> wakeDurations(
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
   * Performs the actions while this replica still holds the authority the status was written under
   * and what it observed is still fresh, checking both before each UpdateService.
   *
   * <p>A replica that stalled after its status write (a GC pause, a frozen VM) past its renew
   * deadline, or whose lease was taken over meanwhile, must not act on what the lease's next holder
   * now decides: the fence cannot stop an UpdateService, only this check can. And a plan is only as
   * good as the observation it was made from: after a stall longer than {@link
   * #MAX_OBSERVATION_AGE} a dependency may have crashed or been deleted, so the pass stops and
   * plans again from a fresh DescribeServices. ECS has no conditional write; what remains is the
   * calls' own latency.
   *
   * <p>Scalable targets are set first, except a restore for a service this pass scales up: that one
   * is set in the same step as the service's own UpdateService, immediately after it. The wake
   * count already lies inside the restored bounds (the sleep shape keeps MaxCapacity), so the
   * restore moves nothing; restored first, a MinCapacity above the sleeping count would make
   * Application Auto Scaling raise the service at once (RegisterScalableTarget "changes the
   * resource's current capacity to a value that is inside of this range"), before daybreak's own
   * UpdateService.
   *
   * @return empty when every action was performed; else how the pass ends
   */
  private Optional<Result> execute(
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

  /**
   * The effective desired state to drive toward: an active manual change, else the schedule, else
   * the stored state; empty when there is none.
   */
  private Optional<Resolution> resolve(StoredEnvironment stored, Instant now) {
    String name = stored.name();
    DesiredRead read = stored.desired();
    Optional<Schedule> schedule = schedule(stored);
    if (read instanceof DesiredRead.Valid valid) {
      StoredDesired current = valid.stored();
      if (valid.handEdited()) {
        current = store.adoptHandEdit(name, current);
        LOG.info(
            "desired state edited by hand in DynamoDB: {} (recorded in the audit; a manual"
                + " override from now)",
            current.desired().state());
      }
      StoredDesired adopted = current;
      return staggered(
          stored,
          EffectiveDesired.resolve(adopted, schedule, now),
          t -> EffectiveDesired.resolve(adopted, schedule, t),
          now);
    }
    Optional<Resolution> resolved =
        staggered(
            stored,
            EffectiveDesired.resolve(read, schedule, now),
            t -> EffectiveDesired.resolve(read, schedule, t),
            now);
    if (resolved.isEmpty()) {
      LOG.debug("no desired state stored and no schedule; nothing to drive");
    }
    return resolved;
  }

  /**
   * A schedule edge reaches this environment at its own place in the stagger window, not before:
   * while the schedule governs, the state is the schedule's as of {@code now} minus this
   * environment's offset in the window. So a pass that happens to run between an edge and the
   * environment's staggered start (a drift check, a resync) does not start it early, and the
   * fleet's starts keep the spacing {@link Stagger} promises. Manual changes are not delayed.
   */
  private Optional<Resolution> staggered(
      StoredEnvironment stored,
      Optional<Resolution> atNow,
      Function<Instant, Optional<Resolution>> resolveAt,
      Instant now) {
    if (atNow.isEmpty() || !SCHEDULED.contains(atNow.get().reason())) {
      return atNow;
    }
    Duration offset =
        Duration.between(
            Instant.EPOCH,
            Stagger.staggered(Instant.EPOCH, stored.name(), window(stored.spec().spec(), now)));
    if (offset.isZero()) {
      return atNow;
    }
    return resolveAt.apply(now.minus(offset)).or(() -> atNow);
  }

  /** The compiled schedule; empty (the schedule not acted on) when it cannot be compiled. */
  private Optional<Schedule> schedule(StoredEnvironment stored) {
    try {
      Optional<Schedule> schedule = EffectiveDesired.schedule(stored, settings.calendars());
      reportedSchedule.remove(stored.name());
      return schedule;
    } catch (ScheduleException | IllegalArgumentException e) {
      if (!e.getMessage().equals(reportedSchedule.put(stored.name(), e.getMessage()))) {
        LOG.warn(
            "the schedule cannot be used with this controller's calendars {}, so only manual"
                + " changes are acted on: {}",
            settings.calendars().names(),
            e.getMessage());
      }
      return Optional.empty();
    }
  }
}
