package dev.daybreak.ecssim;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The simulation's timeline: actions scheduled at instants, run in time order (ties in the order
 * they were scheduled), and the current simulation time. Single-threaded; its owner synchronizes.
 */
final class EventQueue {

  private record Scheduled(Instant at, long seq, Runnable action) {}

  private final PriorityQueue<Scheduled> queue =
      new PriorityQueue<>(Comparator.comparing(Scheduled::at).thenComparingLong(Scheduled::seq));
  private long seq;
  private Instant now;

  EventQueue(Instant start) {
    this.now = start;
  }

  /** The simulation time: the instant of the action running, or the last instant advanced to. */
  Instant now() {
    return now;
  }

  /** Runs {@code action} at {@code at} (at once, on the next advance, if {@code at} has passed). */
  void schedule(Instant at, Runnable action) {
    queue.add(new Scheduled(at.isBefore(now) ? now : at, seq++, action));
  }

  /** When the next action is due, if any. */
  Optional<Instant> nextAt() {
    return Optional.ofNullable(queue.peek()).map(Scheduled::at);
  }

  /** Runs every action due at or before {@code target}, then sets the time to {@code target}. */
  void runUntil(Instant target) {
    while (!queue.isEmpty() && !queue.peek().at().isAfter(target)) {
      Scheduled next = queue.poll();
      now = next.at();
      next.action().run();
    }
    if (target.isAfter(now)) {
      now = target;
    }
  }
}
