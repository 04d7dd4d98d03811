package dev.daybreak.time;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A {@link Scheduler} on one daemon thread of a {@link ScheduledThreadPoolExecutor}. */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {

  private final ScheduledThreadPoolExecutor executor;

  /**
   * @param threadName the name of the scheduler's thread, as seen in thread dumps
   */
  public ExecutorScheduler(String threadName) {
    Objects.requireNonNull(threadName, "threadName");
    this.executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, threadName);
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Objects.requireNonNull(task, "task");
    ScheduledFuture<?> future =
        executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  /** Drops every task not yet run and stops the thread. */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
