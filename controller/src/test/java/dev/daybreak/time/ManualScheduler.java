package dev.daybreak.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Scheduler} driven by a {@link ManualClock}: tasks run on the test's thread, in due
 * order, when {@link #advance} moves the clock past their time.
 */
public final class ManualScheduler implements Scheduler {

  private final ManualClock clock;
  private final List<Task> tasks = new ArrayList<>();
  private final List<Duration> requestedDelays = new ArrayList<>();
  private long sequence;

  public ManualScheduler(ManualClock clock) {
    this.clock = clock;
  }

  public ManualClock clock() {
    return clock;
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable runnable) {
    Task task = new Task(clock.instant().plus(delay), sequence++, runnable);
    tasks.add(task);
    requestedDelays.add(delay);
    return () -> {
      synchronized (this) {
        tasks.remove(task);
      }
    };
  }

  /** Moves the clock by {@code by}, running every task that falls due, in order, on this thread. */
  public void advance(Duration by) {
    Instant target = clock.instant().plus(by);
    while (true) {
      Task next;
      synchronized (this) {
        next =
            tasks.stream()
                .filter(t -> !t.due.isAfter(target))
                .min(Comparator.comparing(Task::due).thenComparingLong(Task::sequence))
                .orElse(null);
        if (next != null) {
          tasks.remove(next);
        }
      }
      if (next == null) {
        break;
      }
      if (next.due.isAfter(clock.instant())) {
        clock.advance(Duration.between(clock.instant(), next.due));
      }
      next.runnable.run();
    }
    if (target.isAfter(clock.instant())) {
      clock.advance(Duration.between(clock.instant(), target));
    }
  }

  /** Tasks scheduled and not yet run or cancelled. */
  public synchronized int pending() {
    return tasks.size();
  }

  /** When the earliest pending task falls due. */
  public synchronized Optional<Instant> nextDue() {
    return tasks.stream().map(Task::due).min(Comparator.naturalOrder());
  }

  /** Every delay ever passed to {@link #schedule}, in call order. */
  public synchronized List<Duration> requestedDelays() {
    return List.copyOf(requestedDelays);
  }

  private record Task(Instant due, long sequence, Runnable runnable) {}
}
