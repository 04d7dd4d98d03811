package dev.daybreak.it.sim;

import dev.daybreak.chatops.SimChatOps;
import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.ecssim.DeploymentView;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.Faults;
import dev.daybreak.ecssim.HealthSettings;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.LoadBalancer;
import dev.daybreak.ecssim.NewService;
import dev.daybreak.ecssim.ScalableTargetView;
import dev.daybreak.ecssim.ServiceSummary;
import dev.daybreak.ecssim.ServiceView;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.Suspension;
import dev.daybreak.ecssim.TargetHealthChange;
import dev.daybreak.lease.LeaseSettings;
import dev.daybreak.lease.Ownership;
import dev.daybreak.lease.Shards;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.metrics.ReconcileMetrics;
import dev.daybreak.model.ConditionStatus;
import dev.daybreak.model.Conditions;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.Phase;
import dev.daybreak.model.Requeue;
import dev.daybreak.model.RolloutState;
import dev.daybreak.model.ScalingBounds;
import dev.daybreak.model.State;
import dev.daybreak.model.schedule.Stagger;
import dev.daybreak.queue.ExponentialBackoff;
import dev.daybreak.ratelimit.EcsQuotas;
import dev.daybreak.ratelimit.RateLimit;
import dev.daybreak.ratelimit.TokenBucket;
import dev.daybreak.reconcile.ControllerSettings;
import dev.daybreak.scaling.ScalingGateway;
import dev.daybreak.slack.OutboxStats;
import dev.daybreak.slack.SimSlack;
import dev.daybreak.slack.SlackSettings;
import dev.daybreak.store.ConflictException;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.Fence;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.LeaseRecord;
import dev.daybreak.store.LeaseStore;
import dev.daybreak.store.StoredStatus;
import dev.daybreak.store.TableLeaseStore;
import dev.daybreak.store.Via;
import dev.daybreak.time.Scheduler;
import dev.daybreak.time.VirtualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One deterministic simulation run: one or two controller replicas (each the production {@link
 * dev.daybreak.reconcile.Controller} with its work queue and resync around the real {@link
 * dev.daybreak.reconcile.EnvironmentReconciler}, real {@link dev.daybreak.lease.ShardLeases} over
 * the store's table and the real Slack outbox) against an in-process {@link EcsSimulator} and an
 * {@link InMemoryStateStore}, all on one {@link VirtualClock}. There are no threads: every timer
 * and every pass is a task on a {@link Scheduler} whose tasks are events of a discrete-event loop.
 * The seed determines everything: the environments and their schedules, the faults, the
 * desired-state writes.
 *
 * <p>Every event belongs to an actor: a replica, a replica's Slack outbox, or the world. A paused
 * actor's events wait until it resumes; a pause in the middle of a call (a replica stalled inside a
 * pass, a Slack call that hangs) runs the rest of the world in a nested loop until the pause ends
 * and then returns into the call, so the paused code resumes with whatever it held in memory.
 *
 * <p>The work queue's contract (one pending time per environment, the earlier wins; requeue after
 * the pass's {@code requeueAfter}; per-key exponential backoff on error; a resync every {@link
 * ControllerSettings#DEFAULT_RESYNC}) and the lease round every {@link LeaseSettings#RETRY_PERIOD}
 * are the production code's own. A crash drops the replica's controller (queue, backoffs, resync
 * memory), leases (unreleased) and outbox, and with them every task they had scheduled; the store
 * and ECS stay.
 *
 * <p>Invariants are checked at every ECS call, every status write and after every step; the first
 * violation ends the run and is reported with the seed.
 */
final class Simulation {

  /** How big the drawn world is. */
  record Size(int maxEnvironments, int minServices, int maxServices, int maxWrites) {
    /** Small worlds for the bulk run. */
    static final Size SMALL = new Size(2, 2, 4, 4);

    /** Bigger worlds for single-seed investigations. */
    static final Size LARGE = new Size(4, 3, 8, 8);
  }

  /**
   * What a run found.
   *
   * @param actions every UpdateService, as {@code time replica cluster/service=count}, for the
   *     comparison with the Slack-healthy twin
   */
  record Outcome(
      long seed, String traceHash, List<String> violations, Stats stats, List<String> actions) {
    boolean ok() {
      return violations.isEmpty();
    }
  }

  /** Counters for the report. */
  record Stats(
      int replicas,
      boolean scheduled,
      boolean slackFaults,
      int passes,
      int failedPasses,
      int crashes,
      int pauses,
      int slackHangs,
      int clockJumps,
      int wallSteps,
      int acceptedWrites,
      int chatOpsWrites,
      int rejectedWrites,
      int scaleCalls,
      int throttles,
      int turnsWaited,
      long heldInLine,
      long slackRateLimited,
      long slackDelivered,
      long slackGivenUp,
      int staleStatusWritesRejected,
      Duration convergedAfter,
      Duration bound,
      Health health) {}

  /**
   * The health and scaling part of a world, for the report.
   *
   * @param checkedServices services with a target group or a container health check
   * @param healthyReadiness services whose manifest says {@code readiness: healthy}
   * @param healthFaults health faults that began
   * @param readinessChecks scale-ups of a dependent judged against a {@code readiness: healthy}
   *     dependency's target-health history or its tasks' container health
   * @param scalableTargets services with a scalable target
   * @param suspendedAlready of those, targets found with some scaling suspended
   * @param boundsCalls RegisterScalableTarget calls by daybreak
   * @param badDeployments services given a deployment of a revision that cannot start
   * @param failedRollouts deployments ECS's circuit breaker turned FAILED
   * @param rolloutChecks status writes checked against a FAILED rollout the pass observed
   */
  record Health(
      int checkedServices,
      int healthyReadiness,
      int healthFaults,
      int readinessChecks,
      int scalableTargets,
      int suspendedAlready,
      int boundsCalls,
      int badDeployments,
      int failedRollouts,
      int rolloutChecks) {}

  static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

  /** Faults, crashes and writes happen in [START, START + FAULT_WINDOW); then the world is calm. */
  static final Duration FAULT_WINDOW = Duration.ofMinutes(20);

  /** How long the run continues after every environment converged, checking it stays so. */
  static final Duration STABLE_FOR = Duration.ofMinutes(5);

  /**
   * A service given a bad deployment during the faults gets a fixed one (a new revision that
   * starts) at most this long after the calm began; a deployment ECS's circuit breaker turned
   * FAILED launches nothing until then.
   */
  static final Duration FIX_DELAY_MAX = Duration.ofMinutes(2);

  /**
   * How soon a fixed deployment ECS refused (throttled, the service being recreated) is retried.
   */
  static final Duration FIX_RETRY = Duration.ofSeconds(10);

  /** The longest pause of a replica: a stop-the-world GC or a frozen VM, past its lease. */
  static final Duration MAX_PAUSE = Duration.ofSeconds(90);

  /** A hung Slack call ends at the client's timeout. */
  private static final Duration SLACK_TIMEOUT = SlackSettings.defaults().httpTimeout();

  static final String WORLD = "world";

  final long seed;

  /**
   * Each replica's client-side UpdateService bucket (issue 22): mostly far smaller than ECS's (a
   * burst of 1 to 3, a turn every second or half second), so that passes wait for their turns in
   * simulated time, across stalls and faults, and act only if what they observed is still fresh
   * once that wait is not counted; one world in four at ECS's own quota. A pass waits by moving the
   * virtual clock, which no other event of its replica runs through (its lease renewal included,
   * unlike production, where the lease has its own thread): a turn every 10 s would leave every
   * pass of a four-service tier holding a lease it has lost, so the rates stay where a tier's turns
   * fit inside a lease's renewal deadline. The admission line never holds a pass here (a replica
   * runs one pass at a time, so no backlog outlives the pass that made it): its properties are
   * {@code AdmissionLinePropertiesTest}'s, its effect the fleet benchmark's.
   */
  final RateLimit updateLimit;

  private final boolean slackHealthy;
  private final Random random;
  private final Random slackRandom;

  /** The one Slack workspace every replica and incarnation posts to. */
  final SimSlack.Workspace slackWorkspace = new SimSlack.Workspace();

  final VirtualClock clock = VirtualClock.startingAt(START);
  final InMemoryStateStore store = new InMemoryStateStore(clock);
  final LeaseStore leaseStore = TableLeaseStore.on(store);
  final EcsSimulator ecs;
  private final SimChatOps chatOps;
  private final List<SimEnvironment> environments = new ArrayList<>();
  private final Map<String, Optional<SimSchedule>> schedules = new HashMap<>();
  private final List<Replica> replicas = new ArrayList<>();
  private final int shards;
  private final boolean scheduled;
  private final boolean slackFaults;

  private final PriorityQueue<Event> events = new PriorityQueue<>();
  private final Map<Long, Event> live = new HashMap<>();
  private final Map<String, Instant> blockedUntil = new HashMap<>();
  private final Deque<String> acting = new ArrayDeque<>();
  private final Optional<MessageDigest> trace;
  private final List<String> violations = new ArrayList<>();
  private final List<String> actions = new ArrayList<>();
  private final Map<String, DesiredState> lastAccepted = new HashMap<>();
  private final Map<String, Long> statusEpoch = new HashMap<>();
  private final Duration bound;
  private long sequence;

  // Fault state.
  private boolean slackOut;
  private long crashAtScaleCall = -1;
  private long scaleCalls;
  private int turnsWaited;

  /** Every replica's reconcile metrics (counters add up over replicas and incarnations). */
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  private int healthFaults;
  private int readinessChecks;
  private int boundsCalls;
  private int badDeployments;
  private int rolloutChecks;

  /**
   * The services with ECS's deployment circuit breaker, and whether it rolls back: the ones a bad
   * deployment is drawn for.
   */
  private final Map<String, Boolean> breakers = new HashMap<>();

  /**
   * Per replica and cluster, the FAILED rollouts (service to deployment id and rolloutStateReason)
   * the simulator held both when the replica's observation began and when it returned, so ECS
   * reported them to that observation; consumed by the pass's status write (8).
   */
  private final Map<String, Map<String, List<String>>> observedFailures = new HashMap<>();

  /** The FAILED deployments some observation saw. */
  private final Set<String> failedSeen = new java.util.TreeSet<>();

  int passes;
  int failedPasses;
  private int crashes;
  private int pauses;
  private int slackHangs;
  private int clockJumps;
  private int wallSteps;
  private int acceptedWrites;
  private int chatOpsWrites;
  private int rejectedWrites;
  private int staleRejected;
  long slackRateLimited;
  private Optional<Instant> convergedAt = Optional.empty();
  private boolean stopped;

  /**
   * When the calm began: the CALM event is drawn at the end of the fault window, so every fault and
   * write comes before it even when a clock jump moved virtual time past their drawn times.
   */
  private Optional<Instant> calmFrom = Optional.empty();

  /** When an environment's effective desired state last changed after the calm began. */
  private Optional<Instant> targetChangedAt = Optional.empty();

  private Map<String, Optional<State>> targets = Map.of();

  /** A traced run of {@code seed}, with Slack as the seed scripts it. */
  /** Drawn from a source of its own, so the rest of a seed's world is what it was before. */
  private static RateLimit updateLimit(long seed) {
    SplittableRandom quota = new SplittableRandom(seed * 1_000_003L + 22);
    if (quota.nextInt(4) == 0) {
      return EcsQuotas.UPDATE_SERVICE;
    }
    return new RateLimit(1 + quota.nextInt(3), 1 + quota.nextInt(2));
  }

  Simulation(long seed, Size size) {
    this(seed, size, false, true);
  }

  /**
   * @param slackHealthy the Slack-healthy twin: the same seed with every Slack call answered at
   *     once, for invariant (6)
   * @param traced whether to keep a hash of everything that happened (for the same-seed check)
   */
  Simulation(long seed, Size size, boolean slackHealthy, boolean traced) {
    this.seed = seed;
    this.updateLimit = updateLimit(seed);
    this.slackHealthy = slackHealthy;
    this.random = new Random(seed);
    this.slackRandom = new Random(~seed);
    try {
      this.trace = traced ? Optional.of(MessageDigest.getInstance("SHA-256")) : Optional.empty();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    int count = 1 + random.nextInt(size.maxEnvironments());
    for (int i = 0; i < count; i++) {
      environments.add(SimEnvironment.draw(random, i, size.minServices(), size.maxServices()));
    }
    this.scheduled = random.nextInt(3) == 0;
    for (SimEnvironment env : environments) {
      schedules.put(
          env.name(), scheduled ? Optional.of(SimSchedule.draw(random, START)) : Optional.empty());
    }
    boolean leased = random.nextBoolean();
    this.shards = 1 + random.nextInt(4);
    this.slackFaults = random.nextBoolean();
    SimSettings.Builder settings =
        SimSettings.builder().seed(seed).stopLatency(Latency.fixed(Duration.ofSeconds(5)));
    for (SimEnvironment env : environments) {
      for (SimEnvironment.Service s : env.services()) {
        settings.startLatency(s.name(), Latency.fixed(s.startLatency()));
        // The seed's failure: a service crashes at start-up unless what it depends on runs.
        s.dependsOn().forEach(d -> settings.require(s.name(), d));
      }
    }
    for (SimEnvironment env : environments) {
      if (random.nextInt(3) == 0) {
        SimEnvironment.Service victim = env.services().get(random.nextInt(env.services().size()));
        breakers.put(victim.name(), random.nextBoolean());
      }
    }
    SimSettings built = settings.build();
    this.ecs = new EcsSimulator(built, clock);
    this.bound = bound(built);
    for (SimEnvironment env : environments) {
      env.services().forEach(s -> provision(env.cluster(), s.name()));
      for (SimEnvironment.Service s : env.services()) {
        equip(env.cluster(), s);
        s.scaling()
            .ifPresent(
                b ->
                    ecs.autoScaling()
                        .declare(
                            env.cluster(),
                            s.name(),
                            b.min(),
                            b.max(),
                            new Suspension(
                                b.dynamicInSuspended(),
                                b.dynamicOutSuspended(),
                                b.scheduledSuspended())));
      }
      store.applySpec(
          Manifests.parse(env.name() + ".yaml", env.manifest(schedules.get(env.name()))).get(0));
    }
    for (int i = 0; i < (leased ? 2 : 1); i++) {
      replicas.add(new Replica(this, i, leased, shards));
    }
    this.chatOps = new SimChatOps(store, clock, env -> replicas.get(0).trigger(env));
    drawFaults(size);
    replicas.forEach(Replica::start);
  }

  /** Creates an ECS service, with the deployment circuit breaker where the seed drew one. */
  private void provision(String cluster, String service) {
    Boolean rollback = breakers.get(service);
    if (rollback == null) {
      ecs.provision(cluster, List.of(service));
    } else {
      ecs.provision(
          cluster, new NewService(service, Optional.empty(), 0, true, rollback, List.of()));
    }
  }

  /** Gives {@code s} its target group or container health check, as its CreateService would. */
  private void equip(String cluster, SimEnvironment.Service s) {
    switch (s.health()) {
      case TARGET_GROUP ->
          ecs.setHealthChecks(
              cluster,
              s.name(),
              List.of(new LoadBalancer(targetGroup(s.name()), "app", 8080)),
              false);
      case CONTAINER -> ecs.setHealthChecks(cluster, s.name(), List.of(), true);
      case NONE -> {}
    }
  }

  private String targetGroup(String service) {
    return LoadBalancer.targetGroupArn(
        ecs.settings().region(), ecs.settings().accountId(), service);
  }

  /**
   * The convergence bound after the faults stop (or after the effective desired state last changed,
   * whichever is later), derived from what can still be outstanding then: a key's error backoff at
   * its cap (1000 s); ECS's launch throttle for a service whose tasks failed to start ({@link
   * SimSettings#startFailureBackoffMax()}); a Degraded environment's longest requeue; one drift
   * check and one resync; a replica's longest pause, then a lease taken over from a crashed or
   * paused replica (lease duration plus two lease rounds); the stagger window of a schedule edge;
   * then a full wake, tier by tier: the slowest start of the tier twice (a task that crashed for
   * want of its dependency is relaunched after the relaunch delay and starts again) plus the crash
   * grace and the progress requeue; and a full sleep, tier by tier: the stop latency plus the
   * progress requeue.
   */
  private Duration bound(SimSettings settings) {
    int widestTier = environments.stream().mapToInt(e -> e.services().size()).max().orElse(1);
    Duration b =
        ExponentialBackoff.CONTROLLER_RUNTIME_MAX
            .plus(settings.startFailureBackoffMax())
            .plus(Requeue.DEGRADED_MAX)
            .plus(Requeue.DRIFT_CHECK)
            .plus(ControllerSettings.DEFAULT_RESYNC)
            .plus(MAX_PAUSE)
            .plus(LeaseSettings.LEASE_DURATION)
            .plus(LeaseSettings.RETRY_PERIOD.multipliedBy(2))
            .plus(Stagger.minimumWindow(environments.size(), widestTier));
    if (!breakers.isEmpty()) {
      // A FAILED deployment launches nothing until the fixed one: it comes at most FIX_DELAY_MAX
      // after the calm (later by the retries of a refused call), and is watched every
      // ROLLOUT_WATCH while it replaces the failed one.
      b = b.plus(FIX_DELAY_MAX).plus(FIX_RETRY.multipliedBy(6)).plus(Requeue.ROLLOUT_WATCH);
      // A fixed deployment whose tasks crash (a dependency down) fails after the circuit
      // breaker's three failures, and the team deploys again: three rounds of start, crash and
      // relaunch, then the watch's period.
      Duration slowest =
          environments.stream()
              .flatMap(e -> e.services().stream())
              .map(SimEnvironment.Service::startLatency)
              .max(Duration::compareTo)
              .orElse(Duration.ZERO);
      b =
          b.plus(slowest.plus(settings.crashGrace()).plus(settings.relaunchDelay()).multipliedBy(3))
              .plus(FIX_RETRY);
    }
    Duration worst = Duration.ZERO;
    for (SimEnvironment env : environments) {
      Duration e = Duration.ZERO;
      for (Duration slowest : env.slowestStartPerTier()) {
        e =
            e.plus(slowest.multipliedBy(2))
                .plus(settings.crashGrace())
                .plus(settings.relaunchDelay())
                .plus(Requeue.PROGRESS)
                .plus(Duration.ofSeconds(5))
                .plus(Requeue.PROGRESS)
                .plus(healthTime(settings.health()));
      }
      worst = e.compareTo(worst) > 0 ? e : worst;
    }
    // Every UpdateService of the world, a wake's and a sleep's, through one replica's client-side
    // bucket at its sustained rate: an environment may wait in line for all the others' turns.
    // A bucket ECS throttled during the faults is slower until it has climbed back to that rate.
    long services = services().count();
    Duration turns =
        Duration.ofMillis((long) Math.ceil(services * 2 * 1000 / updateLimit.perSecond()))
            .plus(TokenBucket.FULL_RECOVERY);
    return b.plus(worst).plus(turns);
  }

  /**
   * How long a started task takes to pass its health checks: registration, then the healthy
   * threshold of target checks (one interval each, plus one interval of phase), or the container's
   * first check.
   */
  private static Duration healthTime(HealthSettings h) {
    Duration target =
        h.registration().plus(h.targetInterval().multipliedBy(h.healthyThreshold() + 1L));
    Duration container = h.containerInterval().multipliedBy(2);
    return target.compareTo(container) >= 0 ? target : container;
  }

  Outcome run() {
    while (violations.isEmpty() && !stopped) {
      Event next = events.peek();
      if (next == null || (calmFrom.isPresent() && next.at().isAfter(deadline()))) {
        break;
      }
      step(Instant.MAX);
    }
    if (violations.isEmpty() && convergedAt.isEmpty()) {
      violations.add(
          "(3) not converged within the bound "
              + bound
              + " after the faults stopped at "
              + calmFrom.orElse(null)
              + (targetChangedAt.isPresent()
                  ? " and the effective state last changed at " + targetChangedAt.get()
                  : "")
              + ": "
              + divergence());
    }
    if (violations.isEmpty()) {
      for (Replica r : replicas) {
        long lost = r.unaccountedSlackMessages();
        if (lost > 0) {
          violations.add(
              "(6) "
                  + r.id
                  + "'s Slack outbox lost "
                  + lost
                  + " accepted message(s) silently: neither delivered nor counted ("
                  + r.outbox().orElse(null)
                  + ")");
        }
      }
    }
    if (trace.isPresent()) {
      ecs.calls().forEach(c -> digest(c::toString));
    }
    Duration after =
        convergedAt
            .map(c -> Duration.between(calmFrom.orElseThrow(), c))
            .map(d -> d.minus(targetChangeAfterCalm()))
            .orElse(bound);
    long rateLimited = slackRateLimited;
    long delivered = 0;
    long givenUp = 0;
    for (Replica r : replicas) {
      rateLimited += r.rateLimited();
      delivered += r.outbox().map(OutboxStats::delivered).orElse(0L);
      givenUp += r.outbox().map(o -> o.givenUp() + o.dropped()).orElse(0L);
    }
    return new Outcome(
        seed,
        trace.map(t -> HexFormat.of().formatHex(t.digest())).orElse(""),
        List.copyOf(violations),
        new Stats(
            replicas.size(),
            scheduled,
            slackFaults,
            passes,
            failedPasses,
            crashes,
            pauses,
            slackHangs,
            clockJumps,
            wallSteps,
            acceptedWrites,
            chatOpsWrites,
            rejectedWrites,
            (int) scaleCalls,
            (int)
                ecs.calls().stream().filter(c -> c.outcome().equals("ThrottlingException")).count(),
            turnsWaited,
            (long) meters.counter(ReconcileMetrics.HELD_IN_LINE).count(),
            rateLimited,
            delivered,
            givenUp,
            staleRejected,
            after,
            bound,
            new Health(
                (int) services().filter(x -> x.health() != SimEnvironment.Health.NONE).count(),
                (int) services().filter(SimEnvironment.Service::healthy).count(),
                healthFaults,
                readinessChecks,
                (int) services().filter(x -> x.scaling().isPresent()).count(),
                (int)
                    services()
                        .filter(
                            x ->
                                x.scaling()
                                    .map(
                                        b ->
                                            b.dynamicInSuspended()
                                                || b.dynamicOutSuspended()
                                                || b.scheduledSuspended())
                                    .orElse(false))
                        .count(),
                boundsCalls,
                badDeployments,
                failedSeen.size(),
                rolloutChecks)),
        List.copyOf(actions));
  }

  /** How long after the calm the effective desired state last changed (zero if it did not). */
  private Duration targetChangeAfterCalm() {
    Instant from = calmFrom.orElseThrow();
    return targetChangedAt
        .filter(t -> t.isAfter(from))
        .map(t -> Duration.between(from, t))
        .orElse(Duration.ZERO);
  }

  private Instant deadline() {
    Instant from = calmFrom.orElseThrow();
    return targetChangedAt.filter(t -> t.isAfter(from)).orElse(from).plus(bound);
  }

  /** True while the run goes on: timers keep being rescheduled. */
  boolean running() {
    return calmFrom.isEmpty() || clock.instant().isBefore(deadline());
  }

  // ---- the faults and writes drawn from the seed ----

  private void drawFaults(Size size) {
    long window = FAULT_WINDOW.toMillis();
    List<Map.Entry<Instant, Integer>> drawnPauses = new ArrayList<>();
    for (SimEnvironment env : environments) {
      if (schedules.get(env.name()).isEmpty() || random.nextBoolean()) {
        schedule(START, Kind.WRITE_CLI, WORLD, env.name() + "=AWAKE=0");
      }
      int writes = random.nextInt(size.maxWrites() + 1);
      for (int i = 0; i < writes; i++) {
        Instant at = START.plusMillis(1 + random.nextLong(window - 60_000));
        State first = random.nextBoolean() ? State.AWAKE : State.ASLEEP;
        // A burst: wake/sleep/wake within seconds, from different writers.
        int burst = 1 + random.nextInt(3);
        State s = first;
        for (int k = 0; k < burst; k++) {
          Kind via =
              switch (random.nextInt(4)) {
                case 0 -> Kind.WRITE_CLI;
                case 1 -> Kind.WRITE_SLACK;
                case 2 -> Kind.WRITE_HAND;
                default -> Kind.WRITE_CONFLICTING;
              };
          schedule(
              at.plusMillis(random.nextInt(5_000) * (long) k),
              via,
              WORLD,
              env.name() + "=" + s + "=" + random.nextInt(3));
          s = s == State.AWAKE ? State.ASLEEP : State.AWAKE;
        }
      }
      if (random.nextInt(3) == 0) {
        SimEnvironment.Service victim = env.services().get(random.nextInt(env.services().size()));
        Instant at = START.plusMillis(random.nextLong(window / 2));
        schedule(at, Kind.DELETE_SERVICE, WORLD, env.cluster() + "/" + victim.name());
        schedule(
            at.plusMillis(random.nextLong(window / 3)),
            Kind.RECREATE_SERVICE,
            WORLD,
            env.cluster() + "/" + victim.name());
      }
      if (random.nextInt(3) == 0) {
        SimEnvironment.Service victim = env.services().get(random.nextInt(env.services().size()));
        Instant at = START.plusMillis(random.nextLong(window / 2));
        schedule(at, Kind.FAIL_TO_START, WORLD, victim.name());
      }
      List<SimEnvironment.Service> checked =
          env.services().stream().filter(s -> s.health() != SimEnvironment.Health.NONE).toList();
      if (!checked.isEmpty() && random.nextInt(2) == 0) {
        // A health fault: the service's checks fail for a while (targets turn unhealthy,
        // containers UNHEALTHY), then pass again; any left over end at the calm.
        SimEnvironment.Service victim = checked.get(random.nextInt(checked.size()));
        Instant at = START.plusMillis(random.nextLong(window / 2));
        schedule(at, Kind.UNHEALTHY, WORLD, victim.name());
        schedule(
            at.plusMillis(random.nextLong(window / 2)), Kind.HEALTHY_AGAIN, WORLD, victim.name());
      }
    }
    for (SimEnvironment env : environments) {
      for (SimEnvironment.Service s : env.services()) {
        if (breakers.containsKey(s.name())) {
          // The team deploys a revision that cannot start; after the calm, one that can.
          schedule(
              START.plusMillis(random.nextLong(window * 3 / 4)),
              Kind.BAD_DEPLOYMENT,
              WORLD,
              env.cluster() + "/" + s.name());
          schedule(
              START.plus(FAULT_WINDOW).plusMillis(1 + random.nextLong(FIX_DELAY_MAX.toMillis())),
              Kind.FIXED_DEPLOYMENT,
              WORLD,
              env.cluster() + "/" + s.name());
        }
      }
    }
    double errorRate = new double[] {0, 0, 0.05, 0.2}[random.nextInt(4)];
    schedule(START, Kind.ERROR_RATE, WORLD, Double.toString(errorRate));
    if (random.nextInt(3) == 0) {
      Instant from = START.plusMillis(random.nextLong(window / 2));
      schedule(from, Kind.BLACKOUT, WORLD, Long.toString(30 + random.nextInt(300)));
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      schedule(START.plusMillis(random.nextLong(window)), Kind.THROTTLE_BURST, WORLD, "");
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      Replica victim = replicas.get(random.nextInt(replicas.size()));
      schedule(START.plusMillis(random.nextLong(window - 180_000)), Kind.CRASH, victim.id, "");
    }
    if (random.nextInt(3) == 0) {
      crashAtScaleCall = random.nextInt(12);
    }
    if (slackFaults) {
      Instant from = START.plusMillis(random.nextLong(window / 2));
      schedule(from, Kind.SLACK_OUT, WORLD, "");
      schedule(from.plusMillis(random.nextLong(window / 2)), Kind.SLACK_BACK, WORLD, "");
    }
    if (scheduled) {
      // The host was suspended (or its clock stepped) across one or more schedule edges.
      for (int i = 1 + random.nextInt(2); i > 0; i--) {
        schedule(
            START.plusMillis(random.nextLong(window - 60_000)),
            Kind.CLOCK_JUMP,
            WORLD,
            Long.toString(20 + random.nextInt(30 * 60)));
      }
    } else if (random.nextInt(3) == 0) {
      schedule(
          START.plusMillis(random.nextLong(window - 60_000)),
          Kind.CLOCK_JUMP,
          WORLD,
          Long.toString(1 + random.nextInt(180)));
    }
    if (replicas.size() > 1) {
      for (int i = random.nextInt(3); i > 0; i--) {
        Instant at = START.plusMillis(random.nextLong(window - 120_000));
        int paused = random.nextInt(replicas.size());
        schedule(at, Kind.PAUSE, WORLD, paused + "=" + pauseLength().toMillis());
        drawnPauses.add(Map.entry(at, paused));
      }
      if (random.nextInt(3) != 0) {
        Replica.Point[] points = Replica.Point.values();
        replicas
            .get(random.nextInt(replicas.size()))
            .pauseMidPass(
                Optional.of(points[random.nextInt(points.length)]),
                1 + random.nextInt(6),
                pauseLength());
      }
    }
    schedule(START.plus(FAULT_WINDOW), Kind.CALM, WORLD, "");
    drawWallSteps(window, drawnPauses);
  }

  /**
   * One replica's wall clock steps (NTP, a VM resume) while monotonic time runs on: mostly
   * backwards past the lease duration, where a lease measured on the wall clock would overlap; half
   * of the drawn whole-process and mid-pass pauses get a backward step of the paused replica's
   * clock just after they begin, the case where a holder would wake believing its lease still
   * valid. Drawn from a random of their own, so the seed's other draws stay what they were.
   */
  /** Counts a wall-clock step a replica made itself (at a mid-pass pause). */
  void wallStepped() {
    wallSteps++;
  }

  private void drawWallSteps(long window, List<Map.Entry<Instant, Integer>> pauses) {
    Random wallRandom = new Random(seed * 0x9E3779B97F4A7C15L + 0x5DEECE66DL);
    if (replicas.size() < 2 || wallRandom.nextInt(3) == 0) {
      return;
    }
    for (Replica r : replicas) {
      if (r.pausesMidPass() && wallRandom.nextBoolean()) {
        r.stepWallOnPause(Duration.ofMillis(-(16_000 + wallRandom.nextLong(30 * 60_000))));
      }
    }
    for (Map.Entry<Instant, Integer> pause : pauses) {
      if (wallRandom.nextBoolean()) {
        schedule(
            pause.getKey().plusMillis(1),
            Kind.WALL_STEP,
            WORLD,
            pause.getValue() + "=" + -(16_000 + wallRandom.nextLong(30 * 60_000)));
      }
    }
    for (int i = 1 + wallRandom.nextInt(3); i > 0; i--) {
      long millis =
          switch (wallRandom.nextInt(4)) {
            case 0, 1 -> -(16_000 + wallRandom.nextLong(30 * 60_000));
            case 2 -> -(1 + wallRandom.nextLong(15_000));
            default -> 1 + wallRandom.nextLong(30 * 60_000);
          };
      schedule(
          START.plusMillis(wallRandom.nextLong(window - 60_000)),
          Kind.WALL_STEP,
          WORLD,
          wallRandom.nextInt(replicas.size()) + "=" + millis);
    }
  }

  /** Mostly past the lease (15 s), sometimes within it (the holder then renews in time). */
  private Duration pauseLength() {
    return random.nextInt(3) == 0
        ? Duration.ofMillis(3_000 + random.nextInt(11_000))
        : Duration.ofMillis(16_000 + random.nextLong(MAX_PAUSE.toMillis() - 16_000));
  }

  // ---- the event loop ----

  enum Kind {
    /**
     * A task of a replica's process on its {@link Scheduler}: one of its work queue's passes or
     * requeues, its resync or a lease round.
     */
    PROCESS,
    /** A task of a replica's Slack outbox on its {@link Scheduler}. */
    TASK,
    RESTART,
    CRASH,
    PAUSE,
    WRITE_CLI,
    WRITE_SLACK,
    WRITE_HAND,
    WRITE_CONFLICTING,
    DELETE_SERVICE,
    RECREATE_SERVICE,
    FAIL_TO_START,
    /**
     * The team deploys revision 2 of service {@code arg} ({@code cluster/service}), which cannot
     * start (CannotPullContainerError) until the calm.
     */
    BAD_DEPLOYMENT,
    /** After the calm, the team deploys revision 3 of service {@code arg}, which starts. */
    FIXED_DEPLOYMENT,
    /**
     * The team watches its fixed deployment of service {@code arg} and deploys again while ECS's
     * circuit breaker failed it (its tasks crashed, say, while a dependency was down).
     */
    FIX_WATCH,
    /** The health checks of service {@code arg} start failing. */
    UNHEALTHY,
    /** The health checks of service {@code arg} pass again. */
    HEALTHY_AGAIN,
    ERROR_RATE,
    BLACKOUT,
    THROTTLE_BURST,
    SLACK_OUT,
    SLACK_BACK,
    CLOCK_JUMP,
    /** One replica's wall clock steps by {@code arg} ms ({@code index=millis}). */
    WALL_STEP,
    CALM,
    STOP
  }

  private record Event(
      Instant at, long sequence, Kind kind, String actor, String arg, Runnable task)
      implements Comparable<Event> {
    @Override
    public int compareTo(Event o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }

    Event at(Instant later) {
      return new Event(later, sequence, kind, actor, arg, task);
    }
  }

  long schedule(Instant at, Kind kind, String actor, String arg) {
    return add(new Event(at, sequence++, kind, actor, arg, null));
  }

  /** A {@link Scheduler} task of {@code actor}'s, of {@code kind} PROCESS or TASK. */
  Scheduler.Cancellable scheduleTask(Duration delay, Kind kind, String actor, Runnable task) {
    Instant at = clock.instant().plus(delay.isNegative() ? Duration.ZERO : delay);
    long s = add(new Event(at, sequence++, kind, actor, "", task));
    return () -> {
      Event e = live.remove(s);
      if (e != null) {
        events.remove(e);
      }
    };
  }

  private long add(Event e) {
    events.add(e);
    live.put(e.sequence(), e);
    return e.sequence();
  }

  /** Handles the next event due before {@code limit}; false when there is none. */
  private boolean step(Instant limit) {
    Event e = events.peek();
    if (e == null || !e.at().isBefore(limit)) {
      return false;
    }
    events.poll();
    live.remove(e.sequence());
    Instant blocked = blockedUntil.get(e.actor());
    if (blocked != null && blocked.isAfter(e.at())) {
      add(e.at(blocked));
      return true;
    }
    if (e.at().isAfter(clock.instant())) {
      clock.advanceTo(e.at());
    }
    int passesBefore = passes;
    acting.push(e.actor());
    try {
      handle(e);
    } finally {
      acting.pop();
    }
    if (e.kind() != Kind.TASK && (e.kind() != Kind.PROCESS || passes != passesBefore)) {
      // Slack deliveries, and a process's tasks other than passes (lease rounds, resyncs, the
      // queue's promotions), touch neither desired items, statuses nor ECS.
      afterStep();
    }
    return true;
  }

  /**
   * Pauses {@code actors} for {@code duration} from inside one of their calls: the rest of the
   * world runs on (their own events wait), then the call resumes where it stopped.
   */
  void block(Set<String> actors, Duration duration) {
    Instant until = clock.instant().plus(duration);
    digest(() -> "block " + actors + " until " + until);
    actors.forEach(a -> blockedUntil.merge(a, until, (x, y) -> x.isAfter(y) ? x : y));
    while (violations.isEmpty() && step(until)) {
      // the world goes on
    }
    if (clock.instant().isBefore(until)) {
      clock.advanceTo(until);
    }
    actors.forEach(a -> blockedUntil.remove(a, until));
  }

  /** Counts a replica's pause. */
  void paused() {
    pauses++;
  }

  private Replica replica(String id) {
    return replicas.stream().filter(r -> r.id.equals(id)).findFirst().orElseThrow();
  }

  private void handle(Event e) {
    digest(() -> e.at() + " " + e.kind() + " " + e.actor() + " " + e.arg());
    switch (e.kind()) {
      case PROCESS, TASK -> e.task().run();
      case CRASH -> crash(replica(e.actor()));
      case RESTART -> {
        Replica r = replica(e.actor());
        if (!r.up()) {
          r.start();
        }
      }
      case PAUSE -> {
        // A whole process stops (GC, a frozen VM): its passes, lease rounds and outbox wait.
        String[] p = e.arg().split("=");
        Replica r = replicas.get(Integer.parseInt(p[0]));
        Instant until = clock.instant().plusMillis(Long.parseLong(p[1]));
        pauses++;
        blockedUntil.merge(r.id, until, (x, y) -> x.isAfter(y) ? x : y);
        blockedUntil.merge(r.slackActor, until, (x, y) -> x.isAfter(y) ? x : y);
      }
      case WRITE_CLI, WRITE_SLACK, WRITE_CONFLICTING, WRITE_HAND -> write(e.kind(), e.arg());
      case DELETE_SERVICE -> {
        String[] p = e.arg().split("/");
        try {
          ecs.deleteService("person", Optional.of(p[0]), p[1], true);
        } catch (RuntimeException ignored) {
          digest(() -> "delete refused");
        }
      }
      case RECREATE_SERVICE -> {
        // A deleted service stays DRAINING until its tasks stopped; recreate it once INACTIVE.
        String[] p = e.arg().split("/");
        boolean draining =
            ecs.services().stream()
                .anyMatch(
                    s ->
                        s.cluster().equals(p[0])
                            && s.service().equals(p[1])
                            && s.status().equals("DRAINING"));
        if (draining) {
          schedule(clock.instant().plusSeconds(10), Kind.RECREATE_SERVICE, WORLD, e.arg());
        } else {
          provision(p[0], p[1]);
          equip(p[0], environmentOf(p[0]).service(p[1]));
        }
      }
      case UNHEALTHY -> {
        Set<String> now = new java.util.TreeSet<>(ecs.unhealthyServices());
        now.add(e.arg());
        ecs.setUnhealthyServices(now);
        healthFaults++;
      }
      case HEALTHY_AGAIN -> {
        Set<String> now = new java.util.TreeSet<>(ecs.unhealthyServices());
        now.remove(e.arg());
        ecs.setUnhealthyServices(now);
      }
      case FAIL_TO_START -> failToStart(e.arg());
      case BAD_DEPLOYMENT -> {
        String[] p = e.arg().split("/");
        failToStart(p[1] + ":2");
        try {
          ecs.updateService(
              "team",
              Optional.of(p[0]),
              p[1],
              OptionalInt.empty(),
              Optional.of(p[1] + ":2"),
              false);
          badDeployments++;
        } catch (RuntimeException refused) {
          digest(() -> "bad deployment refused");
        }
      }
      case FIXED_DEPLOYMENT -> {
        String[] p = e.arg().split("/");
        try {
          ecs.updateService(
              "team",
              Optional.of(p[0]),
              p[1],
              OptionalInt.empty(),
              Optional.of(p[1] + ":3"),
              false);
          schedule(clock.instant().plus(FIX_RETRY), Kind.FIX_WATCH, WORLD, e.arg());
        } catch (RuntimeException refused) {
          // Throttled, or the service is being deleted and recreated: the team tries again.
          digest(() -> "fixed deployment refused");
          schedule(clock.instant().plus(FIX_RETRY), Kind.FIXED_DEPLOYMENT, WORLD, e.arg());
        }
      }
      case FIX_WATCH -> {
        String[] p = e.arg().split("/");
        Optional<RolloutState> primary =
            ecs.inspect(p[0], p[1]).stream()
                .flatMap(v -> v.deployments().stream())
                .filter(d -> d.status().equals("PRIMARY"))
                .map(DeploymentView::rolloutState)
                .findFirst();
        if (primary.isPresent() && primary.get() != RolloutState.COMPLETED) {
          if (primary.get() == RolloutState.FAILED) {
            try {
              ecs.updateService(
                  "team", Optional.of(p[0]), p[1], OptionalInt.empty(), Optional.empty(), true);
            } catch (RuntimeException refused) {
              digest(() -> "redeployment refused");
            }
          }
          schedule(clock.instant().plus(FIX_RETRY), Kind.FIX_WATCH, WORLD, e.arg());
        }
      }
      case ERROR_RATE -> {
        Faults f = ecs.faults();
        ecs.setFaults(
            new Faults(
                Map.of(Faults.ALL, Double.parseDouble(e.arg())),
                f.latencies(),
                f.failToStart(),
                f.blackout()));
      }
      case BLACKOUT -> {
        Faults f = ecs.faults();
        Instant now = clock.instant();
        ecs.setFaults(
            new Faults(
                f.errorRates(),
                f.latencies(),
                f.failToStart(),
                Optional.of(new Faults.Blackout(now, now.plusSeconds(Long.parseLong(e.arg()))))));
      }
      case THROTTLE_BURST -> {
        // Another caller in the account spends the read bucket, so daybreak is throttled.
        SimEnvironment env = environments.get(0);
        for (int i = 0; i < 120; i++) {
          try {
            ecs.describeServices(
                "console",
                Optional.of(env.cluster()),
                List.of(env.services().get(0).name()),
                false);
          } catch (RuntimeException throttled) {
            digest(() -> "console throttled");
          }
        }
      }
      case SLACK_OUT -> slackOut = true;
      case SLACK_BACK -> slackOut = false;
      case CLOCK_JUMP -> jump(Duration.ofMinutes(Long.parseLong(e.arg())));
      case WALL_STEP -> {
        String[] p = e.arg().split("=");
        replicas.get(Integer.parseInt(p[0])).stepWall(Duration.ofMillis(Long.parseLong(p[1])));
        wallSteps++;
      }
      case CALM -> {
        calmFrom = Optional.of(clock.instant());
        ecs.setFaults(Faults.none());
        ecs.setUnhealthyServices(Set.of());
        slackOut = false;
        crashAtScaleCall = -1;
        for (Replica r : replicas) {
          r.pauseMidPass(Optional.empty(), 0, Duration.ZERO);
          if (!r.up()) {
            r.start();
          }
        }
      }
      case STOP -> {
        digest(() -> "stop");
        // Whether it is still converged now, e.g. not at a schedule edge that falls right here.
        afterStep();
        if (convergedAt.filter(c -> !c.plus(STABLE_FOR).isAfter(clock.instant())).isPresent()) {
          stopped = true;
        }
      }
    }
  }

  /**
   * Adds {@code entry} (a service, or a {@code family:revision}) to the tasks that cannot start.
   */
  private void failToStart(String entry) {
    Faults f = ecs.faults();
    Set<String> now = new java.util.TreeSet<>(f.failToStart());
    now.add(entry);
    ecs.setFaults(new Faults(f.errorRates(), f.latencies(), now, f.blackout()));
  }

  /**
   * The host lost {@code by} (suspended, or its clock stepped): wall time moves on, the world's
   * events that fell in the gap happen at once, and the controllers' timers, which count elapsed
   * time and not wall time, fire as long after the jump as they were due before it.
   */
  private void jump(Duration by) {
    clockJumps++;
    List<Event> shifted = new ArrayList<>();
    for (Event e : List.copyOf(events)) {
      if (!e.actor().equals(WORLD)) {
        events.remove(e);
        shifted.add(e.at(e.at().plus(by)));
      }
    }
    shifted.forEach(this::add);
    clock.advance(by);
  }

  void crash(Replica r) {
    if (!r.up()) {
      return;
    }
    crashes++;
    r.crash();
    schedule(clock.instant().plusSeconds(random.nextInt(120)), Kind.RESTART, r.id, "");
  }

  // ---- desired-state writes from the CLI, Slack and by hand ----

  private void write(Kind kind, String arg) {
    String[] p = arg.split("=");
    String env = p[0];
    State state = State.valueOf(p[1]);
    int variant = Integer.parseInt(p[2]);
    Instant now = clock.instant();
    switch (kind) {
      case WRITE_HAND -> {
        // A person sets the state and nothing else, as the README's put-item example does, even
        // on an absent item: the controller fills in who, why and when.
        Map<String, AttributeValue> set = Map.of("state", AttributeValue.fromS(state.name()));
        store.updateDesiredByHand(env, set, Set.of());
        accepted(env, state, "hand edit");
      }
      case WRITE_SLACK -> chatOps(env, state, variant);
      case WRITE_CONFLICTING -> {
        // Two writers read the same version; the one that writes second must lose.
        long version = version(store.desired(env));
        DesiredState rival = DesiredState.of(opposite(state), "rival", "sim", now);
        store.writeDesired(env, rival, version, Via.SLACK);
        accepted(env, rival.state(), "rival write");
        try {
          store.writeDesired(env, DesiredState.of(state, "cli", "sim", now), version, Via.CLI);
          violations.add("(4) " + env + ": a write against a stale version was accepted");
        } catch (ConflictException expected) {
          rejectedWrites++;
          digest(() -> "conflict " + env);
        }
      }
      default -> {
        long version = version(store.desired(env));
        store.writeDesired(env, DesiredState.of(state, "cli", "sim", now), version, Via.CLI);
        accepted(env, state, "CLI write");
      }
    }
  }

  /** The same code a slash command or a button runs once Bolt verified the request. */
  private void chatOps(String env, State state, int variant) {
    String reply;
    if (state == State.AWAKE) {
      reply =
          switch (variant) {
            case 0 -> chatOps.slashCommand("wake " + env);
            case 1 -> chatOps.slashCommand("wake " + env + " for 45m");
            default -> chatOps.keepAwakeButton(env);
          };
    } else {
      reply =
          switch (variant) {
            case 0 -> chatOps.slashCommand("sleep " + env);
            case 1 -> chatOps.slashCommand("sleep " + env + " for 30m");
            default -> chatOps.sleepNowButton(env);
          };
    }
    if (!reply.startsWith(":sunrise:") && !reply.startsWith(":crescent_moon:")) {
      violations.add("(4) " + env + ": the chat command to " + state + " was refused: " + reply);
      return;
    }
    chatOpsWrites++;
    accepted(env, state, "chat command");
  }

  /** Records what the store holds right after an accepted write, which must ask {@code asked}. */
  private void accepted(String env, State asked, String what) {
    acceptedWrites++;
    DesiredRead read = store.desired(env);
    if (!(read instanceof DesiredRead.Valid v) || v.stored().desired().state() != asked) {
      violations.add("(4) " + env + ": a " + what + " of " + asked + " left " + read);
      return;
    }
    lastAccepted.put(env, v.stored().desired());
    digest(() -> "accepted " + env + " " + asked + " via " + what);
  }

  private static State opposite(State s) {
    return s == State.AWAKE ? State.ASLEEP : State.AWAKE;
  }

  private static long version(DesiredRead read) {
    if (read instanceof DesiredRead.Valid v) {
      return v.stored().version();
    }
    if (read instanceof DesiredRead.Invalid i) {
      return i.version();
    }
    return 0;
  }

  // ---- Slack ----

  /**
   * How the scripted Slack answers a call from {@code r}'s outbox. In an outage: 429 with a
   * Retry-After, 503, or a hang until the client's timeout (only the outbox waits); otherwise, with
   * Slack faults drawn, an occasional 429.
   */
  SimSlack.Response slackAnswer(Replica r, String method) {
    if (!r.slackActor.equals(acting.peek())) {
      violations.add(
          "(6) Slack "
              + method
              + " was called by "
              + acting.peek()
              + ", not by "
              + r.id
              + "'s outbox: a reconcile pass waited on Slack at "
              + clock.instant());
    }
    if (slackHealthy || !slackFaults || calmFrom.isPresent()) {
      return SimSlack.Response.OK;
    }
    if (!slackOut) {
      return slackRandom.nextInt(25) == 0
          ? new SimSlack.Response(
              SimSlack.Answer.RATE_LIMITED, Duration.ofSeconds(1 + slackRandom.nextInt(20)))
          : SimSlack.Response.OK;
    }
    return switch (slackRandom.nextInt(3)) {
      case 0 ->
          new SimSlack.Response(
              SimSlack.Answer.RATE_LIMITED, Duration.ofSeconds(1 + slackRandom.nextInt(60)));
      case 1 -> new SimSlack.Response(SimSlack.Answer.SERVER_ERROR, Duration.ZERO);
      default -> {
        slackHangs++;
        // The outbox's actor waits out the client's timeout: its next tasks are held until then.
        // Not with block(): that runs the world in a nested loop, and a replica paused further
        // out could then resume only after this hang ended, as if Slack had held up its pass.
        Instant until = clock.instant().plus(SLACK_TIMEOUT);
        digest(() -> "hang " + r.slackActor + " until " + until);
        blockedUntil.merge(r.slackActor, until, (x, y) -> x.isAfter(y) ? x : y);
        yield new SimSlack.Response(SimSlack.Answer.TIMEOUT, Duration.ZERO);
      }
    };
  }

  // ---- invariants ----

  private void afterStep() {
    checkWritesKept();
    if (calmFrom.isEmpty() || replicas.stream().noneMatch(Replica::up)) {
      return;
    }
    Map<String, Optional<State>> now = new LinkedHashMap<>();
    for (SimEnvironment env : environments) {
      now.put(env.name(), target(env.name()));
    }
    if (!now.equals(targets)) {
      targets = now;
      targetChangedAt = Optional.of(clock.instant());
    }
    if (converged()) {
      if (convergedAt.isEmpty()) {
        convergedAt = Optional.of(clock.instant());
        schedule(convergedAt.get().plus(STABLE_FOR), Kind.STOP, WORLD, "");
      }
    } else {
      // A transient moment of convergence (e.g. a task that was already doomed to crash) does
      // not count: converging means reaching the desired state and staying there.
      convergedAt = Optional.empty();
    }
  }

  /** The effective desired state now: the stored item and the schedule, by the oracle. */
  private Optional<State> target(String env) {
    return SimSchedule.effective(store.desired(env), schedules.get(env), clock.instant());
  }

  /** (4) The store still holds the last accepted write of every environment. */
  private void checkWritesKept() {
    lastAccepted.forEach(
        (env, want) -> {
          DesiredRead read = store.desired(env);
          if (!(read instanceof DesiredRead.Valid v)
              || v.stored().desired().state() != want.state()
              || !v.stored().desired().until().equals(want.until())) {
            violations.add(
                "(4) "
                    + env
                    + ": the last accepted write asked "
                    + want.state()
                    + want.until().map(u -> " until " + u).orElse("")
                    + " but the store holds "
                    + read
                    + " at "
                    + clock.instant());
          }
        });
  }

  /** (3) Every environment is at its effective desired state, and every outbox drained. */
  private boolean converged() {
    return divergence().isEmpty();
  }

  private String divergence() {
    Map<String, ServiceSummary> counts = counts();
    StringBuilder out = new StringBuilder();
    for (SimEnvironment env : environments) {
      Optional<State> want = target(env.name());
      if (want.isEmpty()) {
        continue;
      }
      Phase phase =
          store.status(env.name()).map(StoredStatus::status).map(s -> s.phase()).orElse(null);
      Phase wantPhase = want.get() == State.AWAKE ? Phase.AWAKE : Phase.ASLEEP;
      if (phase != wantPhase) {
        out.append(env.name()).append(" is ").append(phase).append(", wants ").append(wantPhase);
        store
            .status(env.name())
            .flatMap(st -> st.status().condition(Conditions.DEGRADED))
            .filter(c -> c.status() == ConditionStatus.TRUE)
            .ifPresent(c -> out.append(" (").append(c.message()).append(')'));
        out.append("; ");
      }
      for (SimEnvironment.Service s : env.services()) {
        ServiceSummary c = counts.get(env.cluster() + "/" + s.name());
        boolean ok =
            want.get() == State.AWAKE
                ? c != null
                    && c.runningCount() >= s.awakeCount()
                    && c.desiredCount() == s.awakeCount()
                : c == null || (c.desiredCount() == 0 && c.runningCount() == 0);
        if (!ok) {
          out.append(s.name()).append(' ').append(c);
          ecs.inspect(env.cluster(), s.name())
              .ifPresent(
                  v ->
                      v.deployments()
                          .forEach(
                              d ->
                                  out.append(" [deployment ")
                                      .append(d.id())
                                      .append(' ')
                                      .append(d.status())
                                      .append(' ')
                                      .append(d.taskDefinition())
                                      .append(' ')
                                      .append(d.rolloutState())
                                      .append(": ")
                                      .append(d.rolloutStateReason())
                                      .append(']')));
          out.append("; ");
        }
        // (7) A scalable target is as it was found once the environment is Awake and settled
        // (so never left suspended by daybreak), and min 0 with all scaling suspended Asleep.
        if (s.scaling().isPresent()) {
          ScalingBounds found = s.scaling().get();
          ScalingBounds expected = want.get() == State.AWAKE ? found : found.asleep();
          Optional<ScalingBounds> is = scalingTarget(env.cluster(), s.name());
          if (!is.equals(Optional.of(expected))) {
            out.append("(7) ")
                .append(s.name())
                .append("'s scalable target is ")
                .append(is.map(ScalingBounds::describe).orElse("absent"))
                .append(", wants ")
                .append(expected.describe())
                .append("; ");
          }
        }
      }
    }
    for (Replica r : replicas) {
      r.outbox()
          .filter(o -> o.pending() > 0 || o.inFlight() > 0)
          .ifPresent(o -> out.append(r.id).append("'s outbox holds ").append(o).append("; "));
    }
    return out.toString();
  }

  /** The simulator's scalable target of a service now (inspection, not logged). */
  private Optional<ScalingBounds> scalingTarget(String cluster, String service) {
    String id = ScalingGateway.resourceId(cluster, service);
    return ecs.autoScaling().targets().stream()
        .filter(t -> t.resourceId().equals(id))
        .findFirst()
        .map(
            (ScalableTargetView t) ->
                new ScalingBounds(
                    t.minCapacity(),
                    t.maxCapacity(),
                    t.suspended().dynamicIn(),
                    t.suspended().dynamicOut(),
                    t.suspended().scheduled()));
  }

  /**
   * The targets of {@code service}'s target group that are healthy now, by the simulator's
   * target-health history (its truth), among the targets currently registered.
   */
  private long healthyTargets(String cluster, String service, Map<String, Long> registered) {
    Map<String, String> last = new LinkedHashMap<>();
    for (TargetHealthChange c : ecs.targetHealthHistory()) {
      if (c.cluster().equals(cluster) && c.service().equals(service)) {
        last.put(c.taskArn(), c.state());
      }
    }
    last.values().removeIf(TargetHealthChange.DEREGISTERED::equals);
    last.values().removeIf("draining"::equals);
    registered.put(service, (long) last.size());
    return last.values().stream().filter("healthy"::equals).count();
  }

  private Map<String, ServiceSummary> counts() {
    Map<String, ServiceSummary> out = new LinkedHashMap<>();
    for (ServiceSummary s : ecs.services()) {
      if (!"INACTIVE".equals(s.status())) {
        out.put(s.cluster() + "/" + s.service(), s);
      }
    }
    return out;
  }

  private java.util.stream.Stream<SimEnvironment.Service> services() {
    return environments.stream().flatMap(e -> e.services().stream());
  }

  private SimEnvironment environmentOf(String cluster) {
    return environments.stream().filter(e -> e.cluster().equals(cluster)).findFirst().orElseThrow();
  }

  /**
   * (5) {@code r} may act on {@code env} only under the lease epoch the table holds for its shard
   * right now, and must be its holder.
   */
  private Optional<String> notCurrentHolder(Replica r, String env) {
    int shard = Shards.of(env, shards);
    Optional<LeaseRecord> lease = leaseStore.read(shard);
    Optional<Long> epoch =
        Optional.ofNullable(r.granted.get(env))
            .flatMap(Ownership.Authority::fence)
            .map(Fence::epoch);
    if (epoch.isPresent()
        && lease.isPresent()
        && lease.get().heldBy(r.id)
        && lease.get().epoch() == epoch.get()) {
      return Optional.empty();
    }
    return Optional.of(
        r.id
            + " acting under epoch "
            + epoch.map(String::valueOf).orElse("(none)")
            + " while the lease of shard "
            + shard
            + " is "
            + lease.map(l -> l.owner().orElse("free") + " at epoch " + l.epoch()).orElse("absent"));
  }

  /**
   * One replica's view of ECS: checks (1) and (2) at the instant of every UpdateService with the
   * simulator's inspection view (not an API call: no token, no fault, not logged), and (5) against
   * the lease table; records the action; then passes the call on. Returning from ECS is an I/O
   * boundary where the replica may be paused.
   */
  final class Checked implements EcsGateway {
    private final Replica replica;
    private final EcsGateway delegate;

    Checked(Replica replica, EcsGateway delegate) {
      this.replica = replica;
      this.delegate = delegate;
    }

    @Override
    public Map<String, ObservedService> observe(String cluster, Collection<String> ecsServices) {
      Map<String, List<String>> before = failedRollouts(cluster);
      Map<String, ObservedService> observed = delegate.observe(cluster, ecsServices);
      observedFailures(replica, cluster, before);
      replica.reached(Replica.Point.AFTER_OBSERVE);
      return observed;
    }

    @Override
    public Map<String, ObservedService> observe(
        String cluster, Collection<String> ecsServices, Set<String> withHealth) {
      Map<String, List<String>> before = failedRollouts(cluster);
      Map<String, ObservedService> observed = delegate.observe(cluster, ecsServices, withHealth);
      observedFailures(replica, cluster, before);
      replica.reached(Replica.Point.AFTER_OBSERVE);
      return observed;
    }

    @Override
    public Duration awaitScaleTurn() {
      Duration waited = delegate.awaitScaleTurn();
      if (!waited.isZero() && !waited.isNegative()) {
        turnsWaited++;
      }
      return waited;
    }

    @Override
    public Optional<TokenBucket> scaleBucket() {
      return delegate.scaleBucket();
    }

    @Override
    public void scale(String cluster, String ecsService, int desiredCount) {
      checked(
          cluster,
          ecsService,
          desiredCount,
          () -> delegate.scale(cluster, ecsService, desiredCount));
    }

    @Override
    public void scaleInTurn(String cluster, String ecsService, int desiredCount) {
      checked(
          cluster,
          ecsService,
          desiredCount,
          () -> delegate.scaleInTurn(cluster, ecsService, desiredCount));
    }

    /** Checks (1), (2) and (5) at the instant of an UpdateService, then makes it. */
    private void checked(String cluster, String ecsService, int desiredCount, Runnable call) {
      if (scaleCalls++ == crashAtScaleCall) {
        throw new ControllerCrash();
      }
      SimEnvironment env = environmentOf(cluster);
      if (replica.leased()) {
        notCurrentHolder(replica, env.name())
            .ifPresent(
                why ->
                    violations.add(
                        "(5) "
                            + replica.id
                            + " scaled "
                            + ecsService
                            + " to "
                            + desiredCount
                            + " at "
                            + clock.instant()
                            + ": "
                            + why));
      }
      Map<String, ServiceSummary> counts = counts();
      ServiceSummary before = counts.get(cluster + "/" + ecsService);
      int current = before == null ? 0 : before.desiredCount();
      if (desiredCount > current) {
        for (String dep : env.service(ecsService).dependsOn()) {
          ServiceSummary d = counts.get(cluster + "/" + dep);
          int running = d == null ? 0 : d.runningCount();
          if (running < env.service(dep).replicas()) {
            violations.add(
                "(1) "
                    + ecsService
                    + " scaled up to "
                    + desiredCount
                    + " by "
                    + replica.id
                    + " at "
                    + clock.instant()
                    + " while its dependency "
                    + dep
                    + " runs "
                    + running
                    + " of "
                    + env.service(dep).replicas());
          }
          SimEnvironment.Service ds = env.service(dep);
          if (ds.healthy() && ds.health() == SimEnvironment.Health.CONTAINER) {
            // (1) by the manifest's own readiness: the container healthStatus of every running
            // task of the dependency HEALTHY, at least replicas of them, by the simulator now.
            List<String> health = ecs.runningTasksHealth(cluster, dep);
            long healthy = health.stream().filter("HEALTHY"::equals).count();
            readinessChecks++;
            if (healthy < ds.replicas() || healthy < health.size()) {
              violations.add(
                  "(1) "
                      + ecsService
                      + " scaled up to "
                      + desiredCount
                      + " by "
                      + replica.id
                      + " at "
                      + clock.instant()
                      + " while its dependency "
                      + dep
                      + " (readiness: healthy, container health checks) has running tasks "
                      + health
                      + ", needs "
                      + ds.replicas()
                      + " HEALTHY");
            }
          }
          if (ds.healthy() && ds.health() == SimEnvironment.Health.TARGET_GROUP) {
            // (1) by the manifest's own readiness: every registered target of the dependency
            // healthy, at least replicas of them, by the target-health history.
            Map<String, Long> registered = new HashMap<>();
            long healthy = healthyTargets(cluster, dep, registered);
            readinessChecks++;
            long all = registered.get(dep);
            if (healthy < ds.replicas() || healthy < all) {
              violations.add(
                  "(1) "
                      + ecsService
                      + " scaled up to "
                      + desiredCount
                      + " by "
                      + replica.id
                      + " at "
                      + clock.instant()
                      + " while its dependency "
                      + dep
                      + " (readiness: healthy) has "
                      + healthy
                      + " healthy of "
                      + all
                      + " registered targets, needs "
                      + ds.replicas());
            }
          }
        }
      }
      if (desiredCount == 0 && current > 0) {
        for (String dependent : env.dependents(ecsService)) {
          ServiceSummary d = counts.get(cluster + "/" + dependent);
          if (d != null && d.runningCount() > 0) {
            violations.add(
                "(2) "
                    + ecsService
                    + " scaled down by "
                    + replica.id
                    + " at "
                    + clock.instant()
                    + " while its dependent "
                    + dependent
                    + " still runs "
                    + d.runningCount());
          }
        }
      }
      actions.add(
          clock.instant()
              + " "
              + replica.id
              + " "
              + cluster
              + "/"
              + ecsService
              + "="
              + desiredCount);
      call.run();
      replica.reached(Replica.Point.AFTER_SCALE);
    }
  }

  /**
   * One replica's view of Application Auto Scaling: a RegisterScalableTarget is an action like an
   * UpdateService (a crash point, (5) checked against the lease table, recorded for (6)).
   */
  final class CheckedScaling implements ScalingGateway {
    private final Replica replica;
    private final ScalingGateway delegate;

    CheckedScaling(Replica replica, ScalingGateway delegate) {
      this.replica = replica;
      this.delegate = delegate;
    }

    @Override
    public Map<String, ScalingBounds> targets(String cluster, Collection<String> ecsServices) {
      return delegate.targets(cluster, ecsServices);
    }

    @Override
    public void set(String cluster, String ecsService, ScalingBounds bounds) {
      if (scaleCalls++ == crashAtScaleCall) {
        throw new ControllerCrash();
      }
      SimEnvironment env = environmentOf(cluster);
      if (replica.leased()) {
        notCurrentHolder(replica, env.name())
            .ifPresent(
                why ->
                    violations.add(
                        "(5) "
                            + replica.id
                            + " set the scalable target of "
                            + ecsService
                            + " at "
                            + clock.instant()
                            + ": "
                            + why));
      }
      actions.add(
          clock.instant()
              + " "
              + replica.id
              + " "
              + cluster
              + "/"
              + ecsService
              + " bounds "
              + bounds.describe());
      boundsCalls++;
      delegate.set(cluster, ecsService, bounds);
      replica.reached(Replica.Point.AFTER_SCALE);
    }
  }

  /**
   * One replica's status writes: a leased replica must fence every one; a write fenced at an epoch
   * below one that already wrote the item must be rejected (5). The replica may be paused with the
   * write in flight (it lands after the pause) or just after it returned.
   */
  final class StoreHooks implements ReplicaStore.Hooks {
    private final Replica replica;

    StoreHooks(Replica replica) {
      this.replica = replica;
    }

    @Override
    public StoredStatus statusWrite(
        String environment, Optional<Fence> fence, Supplier<StoredStatus> write) {
      if (replica.leased() && fence.isEmpty()) {
        violations.add("(5) " + replica.id + " wrote the status of " + environment + " unfenced");
      }
      replica.reached(Replica.Point.STATUS_IN_FLIGHT);
      Map<String, List<String>> failed =
          Optional.ofNullable(
                  observedFailures.remove(
                      replica.id
                          + "/"
                          + environments.stream()
                              .filter(x -> x.name().equals(environment))
                              .findFirst()
                              .map(SimEnvironment::cluster)
                              .orElse("")))
              .orElse(Map.of());
      boolean stale = replica.leased() && notCurrentHolder(replica, environment).isPresent();
      long newest = statusEpoch.getOrDefault(environment, 0L);
      StoredStatus written;
      try {
        written = write.get();
      } catch (ConflictException rejected) {
        if (stale) {
          staleRejected++;
        }
        throw rejected;
      }
      checkRolloutReported(replica, environment, written.status(), failed);
      fence.ifPresent(
          f -> {
            if (newest > f.epoch()) {
              violations.add(
                  "(5) the fence let "
                      + replica.id
                      + "'s status write of "
                      + environment
                      + " at epoch "
                      + f.epoch()
                      + " through after epoch "
                      + newest
                      + " had written it");
            }
            statusEpoch.merge(environment, f.epoch(), Math::max);
          });
      replica.reached(Replica.Point.AFTER_STATUS_WRITE);
      return written;
    }

    @Override
    public void readReturned() {
      replica.reached(Replica.Point.AFTER_READ);
    }
  }

  /**
   * The FAILED rollouts of {@code cluster}'s ACTIVE services now, as the planner would see them in
   * DescribeServices: a FAILED deployment that no COMPLETED primary has replaced, as service to its
   * deployment id and rolloutStateReason (inspection, not an API call).
   */
  private Map<String, List<String>> failedRollouts(String cluster) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (SimEnvironment.Service s : environmentOf(cluster).services()) {
      if (!breakers.containsKey(s.name())) {
        // Only a service with the circuit breaker has FAILED deployments.
        continue;
      }
      Optional<ServiceView> view = ecs.inspect(cluster, s.name());
      if (view.isEmpty() || !view.get().status().equals("ACTIVE")) {
        continue;
      }
      List<DeploymentView> deployments = view.get().deployments();
      boolean replaced =
          deployments.stream()
              .anyMatch(
                  d -> d.status().equals("PRIMARY") && d.rolloutState() == RolloutState.COMPLETED);
      if (replaced) {
        continue;
      }
      deployments.stream()
          .filter(d -> d.rolloutState() == RolloutState.FAILED)
          .findFirst()
          .ifPresent(d -> out.put(s.name(), List.of(d.id(), d.rolloutStateReason())));
    }
    return out;
  }

  /**
   * Keeps, for {@code replica}'s pass, the FAILED rollouts that were there both when its
   * observation of {@code cluster} began and when it returned: ECS reported those to it.
   */
  private void observedFailures(Replica replica, String cluster, Map<String, List<String>> before) {
    Map<String, List<String>> both = new LinkedHashMap<>(failedRollouts(cluster));
    both.entrySet().removeIf(e -> !e.getValue().equals(before.get(e.getKey())));
    both.values().forEach(v -> failedSeen.add(cluster + "/" + v.get(0)));
    observedFailures.put(replica.id + "/" + cluster, both);
  }

  /** Forgets what {@code replica}'s previous pass observed: a new pass begins. */
  void passBegins(Replica replica) {
    observedFailures.keySet().removeIf(k -> k.startsWith(replica.id + "/"));
  }

  /**
   * (8) A wake's status written by a pass that observed a FAILED rollout is Degraded, naming the
   * service, the deployment and the circuit breaker's rolloutStateReason: within one pass of ECS
   * reporting it.
   */
  private void checkRolloutReported(
      Replica replica,
      String environment,
      EnvironmentStatus status,
      Map<String, List<String>> failed) {
    if (failed.isEmpty() || !status.target().equals(Optional.of(State.AWAKE))) {
      return;
    }
    rolloutChecks++;
    String message =
        status
            .condition(Conditions.DEGRADED)
            .filter(c -> c.status() == ConditionStatus.TRUE)
            .map(c -> c.message())
            .orElse("");
    failed.forEach(
        (service, d) -> {
          boolean named =
              message.contains("service '" + service + "'")
                  && message.contains("ECS deployment " + d.get(0) + " failed")
                  && message.contains(d.get(1));
          if (status.phase() != Phase.DEGRADED || !named) {
            violations.add(
                "(8) "
                    + replica.id
                    + " wrote "
                    + environment
                    + " "
                    + status.phase()
                    + " at "
                    + clock.instant()
                    + " after observing "
                    + service
                    + "'s deployment "
                    + d.get(0)
                    + " FAILED ("
                    + d.get(1)
                    + "); Degraded says: "
                    + (message.isEmpty() ? "(not Degraded)" : message));
          }
        });
  }

  /** Thrown from inside a pass to kill the controller there (after its status write). */
  static final class ControllerCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ControllerCrash() {
      super("controller crashed", null, false, false);
    }
  }

  /** Adds a line to the trace, if this run keeps one (building the line costs time). */
  void digest(Supplier<String> line) {
    trace.ifPresent(
        t -> {
          t.update(line.get().getBytes(StandardCharsets.UTF_8));
          t.update((byte) '\n');
        });
  }
}
