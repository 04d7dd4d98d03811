package dev.daybreak.it.sim;

import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.Faults;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.ServiceSummary;
import dev.daybreak.ecssim.SimEcsGateway;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.Phase;
import dev.daybreak.model.Requeue;
import dev.daybreak.model.State;
import dev.daybreak.queue.ExponentialBackoff;
import dev.daybreak.queue.Result;
import dev.daybreak.reconcile.ControllerSettings;
import dev.daybreak.reconcile.EnvironmentReconciler;
import dev.daybreak.slack.Announcement;
import dev.daybreak.slack.Notifier;
import dev.daybreak.store.ConflictException;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.StoredStatus;
import dev.daybreak.store.Via;
import dev.daybreak.time.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One deterministic simulation run: the real {@link EnvironmentReconciler} (planner, store writes,
 * notifications) against an in-process {@link EcsSimulator} and an {@link InMemoryStateStore}, all
 * on one {@link VirtualClock}, driven by a discrete-event loop in place of the work queue's
 * threads. The seed determines everything: the environments, the faults, the desired-state writes.
 *
 * <p>The loop keeps the work queue's contract: one pending time per environment (the earlier wins),
 * requeue after the pass's {@code requeueAfter}, per-key exponential backoff on error
 * (controller-runtime's 5 ms to 1000 s), and a resync every {@link
 * ControllerSettings#DEFAULT_RESYNC} that queues environments whose desired item changed. A crash
 * drops the reconciler, the queue, the backoffs and the resync's memory; the store and ECS stay.
 *
 * <p>Invariants are checked at every ECS call and after every step; the first violation ends the
 * run and is reported with the seed.
 */
final class Simulation {

  /** How big the drawn world is. */
  record Size(int maxEnvironments, int minServices, int maxServices, int maxWrites) {
    /** Small worlds for the bulk run. */
    static final Size SMALL = new Size(2, 2, 4, 4);

    /** Bigger worlds for single-seed investigations. */
    static final Size LARGE = new Size(4, 3, 8, 8);
  }

  /** What a run found. */
  record Outcome(long seed, String traceHash, List<String> violations, Stats stats) {
    boolean ok() {
      return violations.isEmpty();
    }
  }

  /** Counters for the report. */
  record Stats(
      int passes,
      int failedPasses,
      int crashes,
      int acceptedWrites,
      int rejectedWrites,
      int scaleCalls,
      int throttles,
      Duration convergedAfter,
      Duration bound) {}

  static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

  /** Faults, crashes and writes happen in [START, START + FAULT_WINDOW); then the world is calm. */
  static final Duration FAULT_WINDOW = Duration.ofMinutes(20);

  /** How long the run continues after every environment converged, checking it stays so. */
  static final Duration STABLE_FOR = Duration.ofMinutes(5);

  private static final Duration NOTIFIER_STALL = Duration.ofSeconds(30);

  private final long seed;
  private final Random random;
  private final VirtualClock clock = VirtualClock.startingAt(START);
  private final InMemoryStateStore store = new InMemoryStateStore(clock);
  private final EcsSimulator ecs;
  private final List<SimEnvironment> environments = new ArrayList<>();
  private final PriorityQueue<Event> events = new PriorityQueue<>();
  private final MessageDigest trace;
  private final List<String> violations = new ArrayList<>();
  private final Map<String, State> lastAccepted = new HashMap<>();
  private final Duration bound;
  private long sequence;

  // The controller: everything here is lost in a crash.
  private boolean up = true;
  private EnvironmentReconciler reconciler;
  private Map<String, Long> pending = new HashMap<>();
  private ExponentialBackoff backoff;
  private Map<String, DesiredRead> resyncSeen = new HashMap<>();

  // Fault state.
  private boolean slackOut;
  private long crashAtScaleCall = -1;
  private long scaleCalls;
  private final List<Instant> scaleTimesThisPass = new ArrayList<>();
  private Optional<Instant> announcedThisPass = Optional.empty();

  private int passes;
  private int failedPasses;
  private int crashes;
  private int acceptedWrites;
  private int rejectedWrites;
  private Optional<Instant> convergedAt = Optional.empty();

  /**
   * When the calm began: the CALM event is drawn at the end of the fault window, so every fault and
   * write comes before it even when a clock jump moved virtual time past their drawn times.
   */
  private Optional<Instant> calmFrom = Optional.empty();

  Simulation(long seed, Size size) {
    this.seed = seed;
    this.random = new Random(seed);
    try {
      this.trace = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    int count = 1 + random.nextInt(size.maxEnvironments());
    for (int i = 0; i < count; i++) {
      environments.add(SimEnvironment.draw(random, i, size.minServices(), size.maxServices()));
    }
    SimSettings.Builder settings =
        SimSettings.builder().seed(seed).stopLatency(Latency.fixed(Duration.ofSeconds(5)));
    for (SimEnvironment env : environments) {
      for (SimEnvironment.Service s : env.services()) {
        settings.startLatency(s.name(), Latency.fixed(s.startLatency()));
        // The seed's failure: a service crashes at start-up unless what it depends on runs.
        s.dependsOn().forEach(d -> settings.require(s.name(), d));
      }
    }
    SimSettings built = settings.build();
    this.ecs = new EcsSimulator(built, clock);
    this.bound = bound(built);
    for (SimEnvironment env : environments) {
      ecs.provision(
          env.cluster(), env.services().stream().map(SimEnvironment.Service::name).toList());
      store.applySpec(Manifests.parse(env.name() + ".yaml", env.manifest()).get(0));
    }
    drawSchedule(size);
    startController();
  }

  /**
   * The convergence bound after the faults stop, derived from what can still be outstanding then: a
   * key's error backoff at its cap (1000 s); ECS's launch throttle for a service whose tasks failed
   * to start ({@link SimSettings#startFailureBackoffMax()}); a Degraded environment's longest
   * requeue; one drift check and one resync; then a full wake, tier by tier: the slowest start of
   * the tier twice (a task that crashed for want of its dependency is relaunched after the relaunch
   * delay and starts again) plus the crash grace and the progress requeue; and a full sleep, tier
   * by tier: the stop latency plus the progress requeue.
   */
  private Duration bound(SimSettings settings) {
    Duration b =
        ExponentialBackoff.CONTROLLER_RUNTIME_MAX
            .plus(settings.startFailureBackoffMax())
            .plus(Requeue.DEGRADED_MAX)
            .plus(Requeue.DRIFT_CHECK)
            .plus(ControllerSettings.DEFAULT_RESYNC);
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
                .plus(Requeue.PROGRESS);
      }
      worst = e.compareTo(worst) > 0 ? e : worst;
    }
    return b.plus(worst);
  }

  Outcome run() {
    while (!events.isEmpty() && violations.isEmpty()) {
      Event e = events.poll();
      if (calmFrom.isPresent() && e.at().isAfter(calmFrom.get().plus(bound))) {
        break;
      }
      if (e.at().isAfter(clock.instant())) {
        clock.advanceTo(e.at());
      }
      handle(e);
      checkWritesKept();
      if (calmFrom.isPresent() && up) {
        if (converged()) {
          if (convergedAt.isEmpty()) {
            convergedAt = Optional.of(clock.instant());
            schedule(convergedAt.get().plus(STABLE_FOR), Kind.STOP, "");
          }
        } else {
          // A transient moment of convergence (e.g. a task that was already doomed to crash) does
          // not count: converging means reaching the desired state and staying there.
          convergedAt = Optional.empty();
        }
      }
      if (e.kind() == Kind.STOP
          && convergedAt.filter(c -> !c.plus(STABLE_FOR).isAfter(clock.instant())).isPresent()) {
        break;
      }
    }
    if (violations.isEmpty() && convergedAt.isEmpty()) {
      violations.add(
          "(3) not converged within the bound "
              + bound
              + " after the faults stopped at "
              + calmFrom.orElse(null)
              + ": "
              + divergence());
    }
    ecs.calls().forEach(c -> digest(c.toString()));
    Duration after =
        convergedAt.map(c -> Duration.between(calmFrom.orElseThrow(), c)).orElse(bound);
    return new Outcome(
        seed,
        HexFormat.of().formatHex(trace.digest()),
        List.copyOf(violations),
        new Stats(
            passes,
            failedPasses,
            crashes,
            acceptedWrites,
            rejectedWrites,
            (int) scaleCalls,
            (int)
                ecs.calls().stream().filter(c -> c.outcome().equals("ThrottlingException")).count(),
            after,
            bound));
  }

  // ---- the schedule drawn from the seed ----

  private void drawSchedule(Size size) {
    long window = FAULT_WINDOW.toMillis();
    for (SimEnvironment env : environments) {
      schedule(START, Kind.WRITE_CLI, env.name() + "=AWAKE");
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
          schedule(at.plusMillis(random.nextInt(5_000) * (long) k), via, env.name() + "=" + s);
          s = s == State.AWAKE ? State.ASLEEP : State.AWAKE;
        }
      }
      if (random.nextInt(3) == 0) {
        SimEnvironment.Service victim = env.services().get(random.nextInt(env.services().size()));
        Instant at = START.plusMillis(random.nextLong(window / 2));
        schedule(at, Kind.DELETE_SERVICE, env.cluster() + "/" + victim.name());
        schedule(
            at.plusMillis(random.nextLong(window / 3)),
            Kind.RECREATE_SERVICE,
            env.cluster() + "/" + victim.name());
      }
      if (random.nextInt(3) == 0) {
        SimEnvironment.Service victim = env.services().get(random.nextInt(env.services().size()));
        Instant at = START.plusMillis(random.nextLong(window / 2));
        schedule(at, Kind.FAIL_TO_START, victim.name());
      }
    }
    double errorRate = new double[] {0, 0, 0.05, 0.2}[random.nextInt(4)];
    schedule(START, Kind.ERROR_RATE, Double.toString(errorRate));
    if (random.nextInt(3) == 0) {
      Instant from = START.plusMillis(random.nextLong(window / 2));
      schedule(from, Kind.BLACKOUT, Long.toString(30 + random.nextInt(300)));
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      schedule(START.plusMillis(random.nextLong(window)), Kind.THROTTLE_BURST, "");
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      schedule(START.plusMillis(random.nextLong(window - 180_000)), Kind.CRASH, "");
    }
    if (random.nextInt(3) == 0) {
      crashAtScaleCall = random.nextInt(12);
    }
    if (random.nextInt(2) == 0) {
      Instant from = START.plusMillis(random.nextLong(window / 2));
      schedule(from, Kind.SLACK_OUT, "");
      schedule(from.plusMillis(random.nextLong(window / 2)), Kind.SLACK_BACK, "");
    }
    if (random.nextInt(3) == 0) {
      schedule(
          START.plusMillis(random.nextLong(window - 60_000)),
          Kind.CLOCK_JUMP,
          Long.toString(1 + random.nextInt(180)));
    }
    schedule(START.plus(FAULT_WINDOW), Kind.CALM, "");
    schedule(START, Kind.RESYNC, "");
  }

  // ---- the event loop ----

  private enum Kind {
    PASS,
    RESYNC,
    RESTART,
    CRASH,
    WRITE_CLI,
    WRITE_SLACK,
    WRITE_HAND,
    WRITE_CONFLICTING,
    DELETE_SERVICE,
    RECREATE_SERVICE,
    FAIL_TO_START,
    ERROR_RATE,
    BLACKOUT,
    THROTTLE_BURST,
    SLACK_OUT,
    SLACK_BACK,
    CLOCK_JUMP,
    CALM,
    STOP
  }

  private record Event(Instant at, long sequence, Kind kind, String arg)
      implements Comparable<Event> {
    @Override
    public int compareTo(Event o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
  }

  private long schedule(Instant at, Kind kind, String arg) {
    long s = sequence++;
    events.add(new Event(at, s, kind, arg));
    return s;
  }

  /** The work queue's add-after: one pending time per key, the earlier wins. */
  private void enqueue(String env, Instant at) {
    Long existing = pending.get(env);
    if (existing != null) {
      Event current =
          events.stream().filter(e -> e.sequence() == existing).findFirst().orElse(null);
      if (current != null && !current.at().isAfter(at)) {
        return;
      }
    }
    pending.put(env, schedule(at, Kind.PASS, env));
  }

  private void handle(Event e) {
    digest(e.at() + " " + e.kind() + " " + e.arg());
    switch (e.kind()) {
      case PASS -> {
        if (up && Objects.equals(pending.get(e.arg()), e.sequence())) {
          pending.remove(e.arg());
          pass(e.arg());
        }
      }
      case RESYNC -> {
        if (up) {
          resync();
        }
        if (calmFrom.isEmpty() || clock.instant().isBefore(calmFrom.get().plus(bound))) {
          schedule(clock.instant().plus(ControllerSettings.DEFAULT_RESYNC), Kind.RESYNC, "");
        }
      }
      case CRASH -> crash();
      case RESTART -> startController();
      case WRITE_CLI, WRITE_SLACK, WRITE_CONFLICTING, WRITE_HAND -> write(e.kind(), e.arg());
      case DELETE_SERVICE -> {
        String[] p = e.arg().split("/");
        try {
          ecs.deleteService("person", Optional.of(p[0]), p[1], true);
        } catch (RuntimeException ignored) {
          digest("delete refused");
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
          schedule(clock.instant().plusSeconds(10), Kind.RECREATE_SERVICE, e.arg());
        } else {
          ecs.provision(p[0], List.of(p[1]));
        }
      }
      case FAIL_TO_START -> {
        Faults f = ecs.faults();
        ecs.setFaults(new Faults(f.errorRates(), f.latencies(), Set.of(e.arg()), f.blackout()));
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
            digest("console throttled");
          }
        }
      }
      case SLACK_OUT -> slackOut = true;
      case SLACK_BACK -> slackOut = false;
      case CLOCK_JUMP -> clock.advance(Duration.ofMinutes(Long.parseLong(e.arg())));
      case CALM -> {
        calmFrom = Optional.of(clock.instant());
        ecs.setFaults(Faults.none());
        slackOut = false;
        crashAtScaleCall = -1;
        if (!up) {
          startController();
        }
      }
      case STOP -> digest("stop");
    }
  }

  private void startController() {
    up = true;
    pending = new HashMap<>();
    resyncSeen = new HashMap<>();
    backoff =
        new ExponentialBackoff(
            ExponentialBackoff.CONTROLLER_RUNTIME_BASE, ExponentialBackoff.CONTROLLER_RUNTIME_MAX);
    EcsGateway gateway = new SimEcsGateway(ecs, GatewaySettings.defaults(), d -> clock.advance(d));
    reconciler = new EnvironmentReconciler(store, new Checked(gateway), new SlackStandIn(), clock);
    resync();
  }

  private void crash() {
    if (!up) {
      return;
    }
    crashes++;
    up = false;
    reconciler = null;
    pending = new HashMap<>();
    resyncSeen = new HashMap<>();
    schedule(clock.instant().plusSeconds(random.nextInt(120)), Kind.RESTART, "");
  }

  /** The controller's resync: queue every environment whose desired item changed. */
  private void resync() {
    Map<String, DesiredRead> desired = store.allDesired();
    for (String env : store.environments()) {
      DesiredRead now = desired.getOrDefault(env, new DesiredRead.Absent());
      if (!Objects.equals(resyncSeen.put(env, now), now)) {
        enqueue(env, clock.instant());
      }
    }
  }

  private void pass(String env) {
    passes++;
    scaleTimesThisPass.clear();
    announcedThisPass = Optional.empty();
    try {
      Result r = reconciler.reconcile(env);
      backoff.forget(env);
      r.requeueAfter().ifPresent(d -> enqueue(env, clock.instant().plus(d)));
      digest("pass " + env + " -> " + r);
    } catch (ControllerCrash crash) {
      digest("crash mid-pass " + env);
      crash();
      return;
    } catch (Exception failed) {
      failedPasses++;
      Duration d = backoff.next(env);
      enqueue(env, clock.instant().plus(d));
      digest(
          "pass "
              + env
              + " failed: "
              + failed.getClass().getSimpleName()
              + " "
              + failed.getMessage());
    }
    // (6) A Slack outage never delays an ECS action: every action of a pass happens before the
    // pass hands anything to the notifier.
    announcedThisPass.ifPresent(
        a ->
            scaleTimesThisPass.stream()
                .filter(t -> t.isAfter(a))
                .findFirst()
                .ifPresent(
                    t ->
                        violations.add(
                            "(6) "
                                + env
                                + ": ECS action at "
                                + t
                                + " waited for the notifier entered at "
                                + a)));
  }

  private void write(Kind kind, String arg) {
    String env = arg.substring(0, arg.indexOf('='));
    State state = State.valueOf(arg.substring(arg.indexOf('=') + 1));
    Instant now = clock.instant();
    DesiredState desired = DesiredState.of(state, kind.name().toLowerCase(), "sim", now);
    if (kind == Kind.WRITE_HAND) {
      store.updateDesiredByHand(env, Map.of("state", AttributeValue.fromS(state.name())), Set.of());
      accepted(env, state);
      return;
    }
    long version = version(store.desired(env));
    if (kind == Kind.WRITE_CONFLICTING) {
      // Two writers read the same version; the one that writes second must lose.
      DesiredState other = DesiredState.of(opposite(state), "rival", "sim", now);
      store.writeDesired(env, other, version, Via.SLACK);
      accepted(env, other.state());
      try {
        store.writeDesired(env, desired, version, Via.CLI);
        violations.add("(4) " + env + ": a write against a stale version was accepted");
      } catch (ConflictException expected) {
        rejectedWrites++;
        digest("conflict " + env);
      }
      return;
    }
    store.writeDesired(env, desired, version, kind == Kind.WRITE_SLACK ? Via.SLACK : Via.CLI);
    accepted(env, state);
  }

  private void accepted(String env, State state) {
    acceptedWrites++;
    lastAccepted.put(env, state);
    digest("accepted " + env + " " + state);
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

  // ---- invariants ----

  /** (4) The store still holds the last accepted write of every environment. */
  private void checkWritesKept() {
    lastAccepted.forEach(
        (env, state) -> {
          DesiredRead read = store.desired(env);
          if (!(read instanceof DesiredRead.Valid v) || v.stored().desired().state() != state) {
            violations.add(
                "(4) "
                    + env
                    + ": the last accepted write asked "
                    + state
                    + " but the store holds "
                    + read
                    + " at "
                    + clock.instant());
          }
        });
  }

  /** (3) Every environment is where its last accepted write asked, in status and in ECS. */
  private boolean converged() {
    return divergence().isEmpty();
  }

  private String divergence() {
    Map<String, ServiceSummary> counts = counts();
    StringBuilder out = new StringBuilder();
    for (SimEnvironment env : environments) {
      State want = lastAccepted.get(env.name());
      Phase phase =
          store.status(env.name()).map(StoredStatus::status).map(s -> s.phase()).orElse(null);
      Phase wantPhase = want == State.AWAKE ? Phase.AWAKE : Phase.ASLEEP;
      if (phase != wantPhase) {
        out.append(env.name())
            .append(" is ")
            .append(phase)
            .append(", wants ")
            .append(wantPhase)
            .append("; ");
      }
      for (SimEnvironment.Service s : env.services()) {
        ServiceSummary c = counts.get(env.cluster() + "/" + s.name());
        boolean ok =
            want == State.AWAKE
                ? c != null && c.runningCount() >= s.replicas() && c.desiredCount() == s.replicas()
                : c == null || (c.desiredCount() == 0 && c.runningCount() == 0);
        if (!ok) {
          out.append(s.name()).append(' ').append(c).append("; ");
        }
      }
    }
    return out.toString();
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

  /**
   * Checks (1) and (2) at the instant of every UpdateService, with the simulator's inspection view
   * (not an API call: no token, no fault, not logged), then passes the call on.
   */
  private final class Checked implements EcsGateway {
    private final EcsGateway delegate;

    Checked(EcsGateway delegate) {
      this.delegate = delegate;
    }

    @Override
    public Map<String, ObservedService> observe(String cluster, Collection<String> ecsServices) {
      return delegate.observe(cluster, ecsServices);
    }

    @Override
    public void scale(String cluster, String ecsService, int desiredCount) {
      if (scaleCalls++ == crashAtScaleCall) {
        throw new ControllerCrash();
      }
      scaleTimesThisPass.add(clock.instant());
      SimEnvironment env =
          environments.stream().filter(e -> e.cluster().equals(cluster)).findFirst().orElseThrow();
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
                    + " at "
                    + clock.instant()
                    + " while its dependency "
                    + dep
                    + " runs "
                    + running
                    + " of "
                    + env.service(dep).replicas());
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
                    + " scaled down at "
                    + clock.instant()
                    + " while its dependent "
                    + dependent
                    + " still runs "
                    + d.runningCount());
          }
        }
      }
      delegate.scale(cluster, ecsService, desiredCount);
    }
  }

  /**
   * Slack: in an outage every announcement stalls for {@link #NOTIFIER_STALL} of virtual time (a
   * notifier that blocks, the worst a broken implementation could do); records when a pass first
   * reached it, for invariant (6).
   */
  private final class SlackStandIn implements Notifier {
    @Override
    public void announce(Announcement announcement) {
      if (announcedThisPass.isEmpty()) {
        announcedThisPass = Optional.of(clock.instant());
      }
      if (slackOut) {
        clock.advance(NOTIFIER_STALL);
      }
    }
  }

  /** Thrown from inside a pass to kill the controller there (after its status write). */
  private static final class ControllerCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ControllerCrash() {
      super("controller crashed", null, false, false);
    }
  }

  private void digest(String s) {
    trace.update(s.getBytes(StandardCharsets.UTF_8));
    trace.update((byte) '\n');
  }
}
