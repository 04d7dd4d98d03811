package dev.daybreak.chatops;

import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.State;
import dev.daybreak.slack.Operation;
import dev.daybreak.slack.Permalinks;
import dev.daybreak.store.NotificationThread;
import dev.daybreak.store.StateStore;
import dev.daybreak.time.Backoff;
import dev.daybreak.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the Slack thread a chat command's write leads to, so the reply can link it. The controller
 * that runs the operation (this process or another replica) records where it posted the operation's
 * message ({@link StateStore#recordNotificationThread}); this reads that record back.
 *
 * <p>The thread that belongs to a write of state S is the one of the environment's current
 * operation, once the controller has taken the write up: the status's target is S, and the recorded
 * thread is that operation's. A write that changes the target starts a new operation, so the link
 * appears once the controller's pass and the Slack post are done; a write that keeps the target
 * (waking an environment that is awake, Keep awake +2h) links the operation already under way.
 *
 * <p>Owns its {@link Permalinks} and closes them with itself; the store and scheduler are the
 * caller's.
 */
public final class ThreadLinks implements AutoCloseable {

  /**
   * How long a command's follow-up waits for the thread: a pass and a post take well under a second
   * when the controller runs; the resync (5 s by default) bounds how late another replica picks a
   * write up.
   */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);

  /** The first look, then doubling up to {@link #LONGEST_POLL}: a handful of reads per command. */
  static final Duration FIRST_POLL = Duration.ofMillis(250);

  static final Duration LONGEST_POLL = Duration.ofSeconds(2);

  private static final Backoff POLLS = Backoff.exponential(FIRST_POLL, LONGEST_POLL);

  private final StateStore store;
  private final Permalinks permalinks;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Duration wait;

  /**
   * @param wait how long a follow-up waits for the thread before saying where else to watch
   */
  public ThreadLinks(
      StateStore store, Permalinks permalinks, Clock clock, Scheduler scheduler, Duration wait) {
    this.store = Objects.requireNonNull(store, "store");
    this.permalinks = Objects.requireNonNull(permalinks, "permalinks");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    if (wait.isNegative()) {
      throw new IllegalArgumentException("wait must be zero or more, was " + wait);
    }
    this.wait = wait;
  }

  Clock clock() {
    return clock;
  }

  Scheduler scheduler() {
    return scheduler;
  }

  Duration waitFor() {
    return wait;
  }

  /**
   * Looks once (blocking: store reads, and Slack for the permalink) for the thread of {@code
   * environment}'s current operation toward {@code target}.
   *
   * @param workspaceDomain the Slack workspace's domain from the request, for the archive link
   * @return the link to the thread, if the operation has one yet
   */
  Optional<String> find(String environment, State target, Optional<String> workspaceDomain) {
    Optional<Instant> startedAt =
        store
            .status(environment)
            .map(stored -> stored.status())
            .filter(status -> status.target().equals(Optional.of(target)))
            .flatMap(EnvironmentStatus::operationStartedAt);
    if (startedAt.isEmpty()) {
      return Optional.empty();
    }
    String operationId = new Operation(target, startedAt.get()).id(environment);
    Optional<NotificationThread> thread =
        store.notificationThread(environment).filter(t -> t.operationId().equals(operationId));
    return thread.flatMap(t -> permalinks.of(t.channel(), t.ts(), workspaceDomain));
  }

  /** The next pause between looks, after {@code previous}, never past {@code deadline}. */
  Duration nextPoll(Duration previous, Instant deadline) {
    Duration capped = POLLS.after(previous);
    Duration left = Duration.between(clock.instant(), deadline);
    return left.compareTo(capped) < 0 ? (left.isNegative() ? Duration.ZERO : left) : capped;
  }

  @Override
  public void close() {
    permalinks.close();
  }
}
