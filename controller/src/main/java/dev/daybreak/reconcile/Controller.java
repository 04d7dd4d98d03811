package dev.daybreak.reconcile;

import dev.daybreak.lease.Ownership;
import dev.daybreak.metrics.RuntimeMetrics;
import dev.daybreak.queue.WorkQueue;
import dev.daybreak.store.StateStore;
import dev.daybreak.time.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running controller: a work queue of environments reconciled by {@link
 * EnvironmentReconciler}, fed by a periodic {@link Resync} and by each plan's requeue.
 */
public final class Controller implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Controller.class);

  /** How long shutdown waits for passes in flight. */
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

  private final WorkQueue queue;
  private final StateStore store;
  private final Resync resync;
  private final ControllerSettings settings;
  private final ScheduledExecutorService resyncThread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "daybreak-resync");
            t.setDaemon(true);
            return t;
          });

  @Inject
  public Controller(
      StateStore store,
      EnvironmentReconciler reconciler,
      Scheduler scheduler,
      Clock clock,
      ControllerSettings settings,
      Ownership ownership,
      MeterRegistry meters) {
    this.settings = settings;
    this.store = store;
    this.queue =
        WorkQueue.builder()
            .name("environments")
            .workers(settings.workers())
            .clock(clock)
            .scheduler(scheduler)
            .expectedFailures(TransientFailures::isTransient)
            .build(reconciler);
    RuntimeMetrics.queue(meters, queue);
    this.resync = new Resync(store, queue::add, ownership::authority);
  }

  /** Starts the workers and the resync loop; the first resync queues every environment. */
  public void start() {
    queue.start();
    resyncThread.scheduleWithFixedDelay(
        this::resyncOnce, 0, settings.resync().toMillis(), TimeUnit.MILLISECONDS);
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

  private void resyncOnce() {
    try {
      resync.run();
    } catch (RuntimeException e) {
      LOG.warn("resync failed; trying again in {}: {}", settings.resync(), e.toString());
    }
  }

  /** Stops resyncing, lets passes in flight finish, and stops. */
  @Override
  public void close() {
    resyncThread.shutdownNow();
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
