package dev.daybreak.time;

import java.time.Duration;

/**
 * Runs a task once after a delay. The seam through which delayed work (requeues, retries) meets
 * time, so tests can drive it with a controllable clock instead of waiting.
 *
 * <p>Tasks must be short and must not throw: implementations run them on a shared thread.
 */
public interface Scheduler {

  /**
   * Runs {@code task} once, no earlier than {@code delay} from now.
   *
   * @param delay how long to wait; zero or negative means as soon as possible
   * @return a handle that cancels the task if it has not started
   */
  Cancellable schedule(Duration delay, Runnable task);

  /** A scheduled task that can still be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Prevents the task from running if it has not started; does nothing otherwise. */
    void cancel();
  }
}
