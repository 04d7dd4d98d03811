package dev.daybreak.it.sim;

import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.lease.LeaseSettings;
import dev.daybreak.lease.Ownership;
import dev.daybreak.lease.ShardLeases;
import dev.daybreak.metrics.ReconcileMetrics;
import dev.daybreak.queue.Result;
import dev.daybreak.ratelimit.TokenBucket;
import dev.daybreak.reconcile.CachedReads;
import dev.daybreak.reconcile.Controller;
import dev.daybreak.reconcile.ControllerSettings;
import dev.daybreak.reconcile.EnvironmentReconciler;
import dev.daybreak.sandbox.SimEcsGateway;
import dev.daybreak.sandbox.SimScalingGateway;
import dev.daybreak.slack.OutboxStats;
import dev.daybreak.slack.SimSlack;
import dev.daybreak.time.Monotonic;
import dev.daybreak.time.Scheduler;
import dev.daybreak.time.SteppedClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One controller replica of the simulation: the production {@link Controller} (its work queue,
 * error backoff and resync) around the real reconciler, shard leases and Slack outbox — everything
 * a crash loses. Replicas share the store, the ECS simulator and the virtual clock, which is also
 * every replica's monotonic time; each host has its own wall clock for its leases ({@link #wall}),
 * which the seed may step either way. The controller and the leases get a {@link Scheduler} whose
 * tasks are events of the replica's actor (the queue's passes and requeues, the resync, lease
 * rounds), and the outbox one whose tasks are its Slack actor's, so a pause can stop the whole
 * process or a hung Slack call only the outbox. A task of an incarnation that crashed is dropped.
 */
final class Replica {

  final String id;
  final String slackActor;
  private final Simulation sim;
  private final boolean leased;
  private final int shards;

  /** This host's wall clock as its leases see it: the virtual clock plus the seed's steps. */
  private final SteppedClock wall;

  private boolean up;
  private int incarnation;
  private EnvironmentReconciler reconciler;
  private Optional<ShardLeases> leases = Optional.empty();
  private Ownership ownership;
  private Controller controller;
  private SimSlack slack;

  /** The authority the reconciler was last given per environment: what it acts under. */
  final Map<String, Ownership.Authority> granted = new HashMap<>();

  /** Where in a pass a replica can stall: each is just after a call returned, or during one. */
  enum Point {
    /** The read of the environment (spec, desired, status) returned. */
    AFTER_READ,
    /** DescribeServices returned. */
    AFTER_OBSERVE,
    /** The status write left, and has not reached the store yet. */
    STATUS_IN_FLIGHT,
    /** The status write returned; the pass's UpdateServices come next. */
    AFTER_STATUS_WRITE,
    /** An UpdateService returned. */
    AFTER_SCALE
  }

  /** Where this incarnation pauses mid-pass: the {@code pauseNth} time it reaches the point. */
  private Optional<Point> pauseAt = Optional.empty();

  private int pauseNth;
  private Duration pauseFor = Duration.ZERO;
  private int reached;

  /** How far this host's wall clock steps when the mid-pass pause begins (zero: not at all). */
  private Duration wallStepOnPause = Duration.ZERO;

  Replica(Simulation sim, int index, boolean leased, int shards) {
    this.sim = sim;
    this.id = "r" + index;
    this.slackActor = id + "/slack";
    this.leased = leased;
    this.shards = shards;
    this.wall = new SteppedClock(sim.clock);
  }

  /** True when a mid-pass pause is drawn for this replica. */
  boolean pausesMidPass() {
    return pauseAt.isPresent();
  }

  /** Makes the wall clock step by {@code by} when the mid-pass pause begins (a VM resume, NTP). */
  void stepWallOnPause(Duration by) {
    this.wallStepOnPause = by;
  }

  /** Steps this host's wall clock by {@code by} (negative: backwards); survives crashes. */
  void stepWall(Duration by) {
    wall.step(by);
  }

  boolean up() {
    return up;
  }

  boolean leased() {
    return leased;
  }

  /** Starts (or restarts) the process with empty memory. */
  void start() {
    up = true;
    incarnation++;
    reached = 0;
    granted.clear();
    int born = incarnation;
    Scheduler processScheduler =
        (delay, task) ->
            sim.scheduleTask(delay, Simulation.Kind.PROCESS, id, () -> runIfAlive(born, task));
    if (leased) {
      ShardLeases shardLeases =
          new ShardLeases(
              sim.leaseStore, wall, Monotonic.elapsedOn(sim.clock), LeaseSettings.of(id, shards));
      leases = Optional.of(shardLeases);
      ownership =
          environment -> {
            Optional<Ownership.Authority> a = shardLeases.authority(environment);
            a.ifPresentOrElse(g -> granted.put(environment, g), () -> granted.remove(environment));
            return a;
          };
    } else {
      leases = Optional.empty();
      ownership = Ownership.sole();
    }
    Scheduler outboxScheduler =
        (delay, task) ->
            sim.scheduleTask(delay, Simulation.Kind.TASK, slackActor, () -> runIfAlive(born, task));
    slack =
        SimSlack.create(
            "#sim",
            sim.slackWorkspace,
            sim.store,
            sim.clock,
            outboxScheduler,
            method -> sim.slackAnswer(this, method));
    EcsGateway gateway =
        new SimEcsGateway(
            sim.ecs,
            GatewaySettings.defaults(),
            d -> sim.clock.advance(d),
            new SplittableRandom(Objects.hash(sim.seed, id, incarnation)),
            Optional.of(new TokenBucket(sim.updateLimit, sim.clock)));
    // The production read cache (issue 22) over this replica's view of the store: its memory dies
    // with the replica, and the controller's resync feeds it, as in daybreak run.
    CachedReads store =
        new CachedReads(
            new ReplicaStore(sim.store, sim.new StoreHooks(this)),
            leases.isPresent() ? leases.get() : Ownership.sole(),
            sim.clock);
    reconciler =
        EnvironmentReconciler.builder(store, sim.new Checked(this, gateway), slack, sim.clock)
            .scaling(
                sim
                .new CheckedScaling(
                    this, new SimScalingGateway(sim.ecs, d -> sim.clock.advance(d))))
            .ownership(ownership)
            .metrics(new ReconcileMetrics(sim.meters))
            .build();
    controller =
        Controller.onScheduler(
            store,
            this::pass,
            processScheduler,
            sim.clock,
            ControllerSettings.defaults(),
            leases.isPresent() ? leases.get() : Ownership.sole(),
            new SimpleMeterRegistry());
    leases.ifPresent(l -> l.start(processScheduler));
    controller.start();
  }

  private void runIfAlive(int born, Runnable task) {
    if (up && incarnation == born) {
      task.run();
    }
  }

  /** Kills the process: memory, leases (not released) and outbox are gone; the store stays. */
  void crash() {
    sim.slackRateLimited += slack.rateLimited();
    up = false;
    reconciler = null;
    controller = null;
    leases = Optional.empty();
    slack = null;
    granted.clear();
  }

  /**
   * Makes this incarnation pause for {@code duration} the {@code nth} time it reaches {@code at}.
   */
  void pauseMidPass(Optional<Point> at, int nth, Duration duration) {
    this.pauseAt = at;
    this.pauseNth = nth;
    this.pauseFor = duration;
    this.reached = 0;
  }

  /**
   * Called at every point of a pass where the process can stall: pauses the whole process there
   * (its passes, lease rounds and outbox; the rest of the world goes on) if it is the drawn one.
   */
  void reached(Point point) {
    if (pauseAt.filter(point::equals).isPresent() && ++reached == pauseNth) {
      if (!wallStepOnPause.isZero()) {
        wall.step(wallStepOnPause);
        sim.wallStepped();
      }
      sim.paused();
      sim.block(Set.of(id, slackActor), pauseFor);
    }
  }

  /** Queues {@code env} for a pass now, as a chat command does; nothing while down. */
  void trigger(String env) {
    if (up) {
      controller.trigger(env);
    }
  }

  /**
   * One pass, as the work queue runs it: counted, a crash in the middle of it taken down with the
   * process, a failure handed back to the queue (which backs off).
   */
  private Result pass(String env) throws Exception {
    EnvironmentReconciler current = reconciler;
    sim.passes++;
    sim.passBegins(this);
    try {
      Result r = current.reconcile(env);
      sim.digest(() -> id + " pass " + env + " -> " + r);
      return r;
    } catch (Simulation.ControllerCrash crash) {
      sim.digest(() -> id + " crash mid-pass " + env);
      sim.crash(this);
      // The process is gone: whatever its queue does next is dropped with its incarnation.
      return Result.done();
    } catch (Exception failed) {
      sim.failedPasses++;
      sim.digest(
          () ->
              id
                  + " pass "
                  + env
                  + " failed: "
                  + failed.getClass().getSimpleName()
                  + " "
                  + failed.getMessage());
      throw failed;
    }
  }

  /** The outbox's counters; empty while down. */
  Optional<OutboxStats> outbox() {
    return up ? Optional.of(slack.stats()) : Optional.empty();
  }

  /** Messages the outbox accepted that neither reached Slack nor were counted (0 while down). */
  long unaccountedSlackMessages() {
    return up ? slack.unaccounted() : 0;
  }

  long rateLimited() {
    return up ? slack.rateLimited() : 0;
  }
}
