package dev.daybreak.reconcile;

import dev.daybreak.lease.Ownership;
import dev.daybreak.metrics.RuntimeMetrics;
import dev.daybreak.queue.Reconciler;
import dev.daybreak.queue.WorkQueue;
import dev.daybreak.store.StateStore;
import dev.daybreak.time.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running controller: a work queue of environments reconciled by {@link
 * EnvironmentReconciler}, fed by a periodic {@link Resync} and by each plan's requeue. Every timer
 * (requeues, retries, the resync) runs on the injected {@link Scheduler}, so a virtual clock can
 * drive the whole loop.
 */
public final class Controller implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Controller.class);

  /** How long shutdown waits for passes in flight. */
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

  private final WorkQueue queue;
  private final StateStore store;
  private final Resync resync;
  private final ControllerSettings settings;
  private final Scheduler scheduler;
  private final Object timer = new Object();
  private Scheduler.Cancellable nextResync = () -> {};
  private boolean closed;

  /** The production controller: passes on {@link ControllerSettings#workers()} worker threads. */
  @Inject
  public Controller(
      StateStore store,
      EnvironmentReconciler reconciler,
      Scheduler scheduler,
      Clock clock,
      ControllerSettings settings,
      Ownership ownership,
      MeterRegistry meters) {
    this(
        store,
        reconciler,
        scheduler,
        clock,
        settings,
        ownership,
        meters,
        WorkQueue.builder().workers(settings.workers()));
  }

  private Controller(
      StateStore store,
      Reconciler reconciler,
      Scheduler scheduler,
      Clock clock,
      ControllerSettings settings,
      Ownership ownership,
      MeterRegistry meters,
      WorkQueue.Builder queue) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.store = Objects.requireNonNull(store, "store");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.queue =
        queue
            .name("environments")
            .clock(clock)
            .scheduler(scheduler)
            .expectedFailures(TransientFailures::isTransient)
            .build(reconciler);
    RuntimeMetrics.queue(meters, this.queue);
    this.resync = new Resync(store, this.queue::add, ownership::authority);
  }

  /**
   * A controller without worker threads, for a single-threaded deterministic simulation whose event
   * loop is {@code scheduler}: each pass, requeue and resync is a task on it (see {@link
   * WorkQueue.Builder#runOnScheduler()}), so the loop decides when each one runs. Production code
   * uses the injected constructor.
   *
   * @param reconciler the pass (the simulation wraps {@link EnvironmentReconciler} to watch it)
   * @param ownership what the resync queues: the environments this replica may act on
   */
  public static Controller onScheduler(
      StateStore store,
      Reconciler reconciler,
      Scheduler scheduler,
      Clock clock,
      ControllerSettings settings,
      Ownership ownership,
      MeterRegistry meters) {
    return new Controller(
        store,
        reconciler,
        scheduler,
        clock,
        settings,
        ownership,
        meters,
        WorkQueue.builder().runOnScheduler());
  }

  /** Starts the workers and the resync loop; the first resync queues every environment. */
  public void start() {
    queue.start();
    synchronized (timer) {
      nextResync = scheduler.schedule(Duration.ZERO, this::resyncOnce);
    }
    LOG.info(
        "controller started: {} workers, resync every {}", settings.workers(), settings.resync());
  }

  /**
   * Queues an environment now (a chat command or a CLI write can call this to skip the wait); its
   * pass reads it afresh, not from {@link CachedReads}.
   */
  public void trigger(String environment) {
    if (store instanceof CachedReads reads) {
      reads.forget(environment);
    }
    queue.add(environment);
  }

  /** The work queue, for metrics. */
  public WorkQueue queue() {
    return queue;
  }

  /** One resync, then the next one {@link ControllerSettings#resync()} after it ended. */
  private void resyncOnce() {
    try {
      resync.run();
    } catch (RuntimeException e) {
      LOG.warn("resync failed; trying again in {}: {}", settings.resync(), e.toString());
    }
    synchronized (timer) {
      if (!closed) {
        nextResync = scheduler.schedule(settings.resync(), this::resyncOnce);
      }
    }
  }

  /** Stops resyncing, lets passes in flight finish, and stops. */
  @Override
  public void close() {
    synchronized (timer) {
      closed = true;
      nextResync.cancel();
    }
    try {
      if (!queue.shutdown(SHUTDOWN_GRACE)) {
        LOG.warn("passes still running after {}; stopped them", SHUTDOWN_GRACE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("controller stopped");
  }
}
