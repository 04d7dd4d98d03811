package dev.daybreak.slack;

import dev.daybreak.queue.ExponentialBackoff;
import dev.daybreak.queue.Result;
import dev.daybreak.queue.WorkQueue;
import dev.daybreak.store.NotificationThread;
import dev.daybreak.store.NotificationThreads;
import dev.daybreak.time.Backoff;
import dev.daybreak.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers Slack messages asynchronously, one thread of messages per operation.
 *
 * <p>Per operation it holds the latest content of the operation's message and the thread replies
 * not yet sent. Delivery is reconciled like everything else in daybreak: a {@link WorkQueue} keyed
 * by operation id (so one operation is never delivered by two threads at once, and its order holds)
 * looks at what Slack has and sends the next step — {@code chat.postMessage} first, then {@code
 * chat.update} if the content moved on, then the replies in order. Updates coalesce: only the
 * latest content is ever sent.
 *
 * <p>Where each operation's message was posted is recorded in the store ({@link
 * NotificationThreads#recordNotificationThread}) as soon as Slack answers the post. An operation
 * this outbox does not know yet is first looked up there: a restarted controller, or the replica
 * that took over the environment's shard, then updates the message already in the channel and
 * replies in its thread instead of posting a second one; and a pass with nothing new to announce
 * refreshes that message too. The chat-ops front end reads the same record to link a command's
 * reply to the thread.
 *
 * <p>Failures: 5xx and network errors retry with exponential backoff; HTTP 429 pauses every
 * delivery for its Retry-After; a message older than {@code maxAge}, or that failed {@code
 * maxAttempts} times, or that Slack refuses outright, is given up on, logged once and counted. When
 * {@code outboxCapacity} messages wait, new ones are dropped and counted (the backlog is already
 * stale and drains by age), with one warning per episode.
 */
final class Outbox {

  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  private final ChatMethods api;
  private final NotificationThreads store;
  private final SlackSettings settings;
  private final Clock clock;
  private final WorkQueue queue;
  private final ExponentialBackoff backoff;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<String, MessageThread> threads = new HashMap<>();
  private final Map<String, String> latestByEnvironment = new HashMap<>();
  private Instant pausedUntil = Instant.MIN;
  private boolean closed;
  private boolean fullWarned;
  private int inFlight;

  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong givenUp = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  Outbox(
      ChatMethods api,
      NotificationThreads store,
      SlackSettings settings,
      Clock clock,
      Scheduler scheduler) {
    this(api, store, settings, clock, scheduler, false);
  }

  /**
   * @param onScheduler deliver in tasks on {@code scheduler} instead of on delivery threads (see
   *     {@link WorkQueue.Builder#runOnScheduler()}): for a deterministic simulation only
   */
  Outbox(
      ChatMethods api,
      NotificationThreads store,
      SlackSettings settings,
      Clock clock,
      Scheduler scheduler,
      boolean onScheduler) {
    this.api = api;
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.backoff =
        new ExponentialBackoff(Backoff.exponential(settings.retryBase(), settings.retryMax()));
    WorkQueue.Builder builder =
        WorkQueue.builder()
            .name("slack")
            .workers(settings.deliveryWorkers())
            .clock(clock)
            .scheduler(scheduler);
    this.queue = (onScheduler ? builder.runOnScheduler() : builder).build(this::deliver);
    queue.start();
  }

  /**
   * Records what one pass has to say about an operation and wakes delivery. Never blocks on Slack.
   *
   * @param operationStartedAt when the operation began, recorded with its thread
   * @param mayStart whether this may start the operation's message (it carries transitions);
   *     otherwise it only refreshes a message already started, here or by another process
   */
  void submit(
      String environment,
      String operationId,
      Instant operationStartedAt,
      String channel,
      boolean mayStart,
      SlackMessage message,
      List<SlackMessage> replies) {
    lock.lock();
    try {
      if (closed) {
        dropped.addAndGet(1 + replies.size());
        LOG.debug("Slack notifier is closed; dropped a notification for {}", environment);
        return;
      }
      MessageThread thread = threads.get(operationId);
      if (thread != null && !mayStart && thread.dormant()) {
        return;
      }
      if (thread == null) {
        thread = new MessageThread(environment, operationId, operationStartedAt, channel);
        threads.put(operationId, thread);
        String previous = latestByEnvironment.put(environment, operationId);
        if (previous != null) {
          evictIfObsolete(threads.get(previous));
        }
      }
      thread.mayPost |= mayStart;
      Instant now = clock.instant();
      int pending = pendingLocked();
      if (pending < settings.outboxCapacity()) {
        fullWarned = false;
      }
      if (!message.equals(thread.latest)) {
        if (thread.mainPending()) {
          thread.latest = message;
          thread.latestVersion++;
        } else if (pending < settings.outboxCapacity()) {
          thread.latest = message;
          thread.latestVersion++;
          thread.mainSince = now;
          pending++;
        } else {
          drop(environment);
        }
      }
      for (SlackMessage reply : replies) {
        if (pending < settings.outboxCapacity()) {
          thread.replies.addLast(new PendingReply(reply, now));
          pending++;
        } else {
          drop(environment);
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    queue.add(operationId);
  }

  /**
   * Queues one message of its own, with no thread and nothing to record in the store (a weekly
   * digest): it is posted once, with the same retries, pauses and limits as an operation's.
   *
   * @param key identifies the message; a second submission with the same key only updates it
   */
  void submitStandalone(String key, String channel, SlackMessage message) {
    lock.lock();
    try {
      if (!threads.containsKey(key)) {
        MessageThread thread = new MessageThread(key, key, clock.instant(), channel);
        thread.lookedUp = true;
        thread.tracked = false;
        threads.put(key, thread);
      }
    } finally {
      lock.unlock();
    }
    submit(key, key, clock.instant(), channel, true, message, List.of());
  }

  OutboxStats stats() {
    lock.lock();
    try {
      return new OutboxStats(
          pendingLocked(), inFlight, delivered.get(), retried.get(), givenUp.get(), dropped.get());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops accepting messages, waits up to {@code drainTimeout} for pending ones to be delivered,
   * counts the rest as given up, and stops the delivery threads.
   */
  void close(Duration drainTimeout) {
    int remaining;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      long nanos = drainTimeout.toNanos();
      while ((pendingLocked() > 0 || inFlight > 0) && nanos > 0) {
        nanos = changed.awaitNanos(nanos);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      remaining = pendingLocked();
      threads.clear();
      latestByEnvironment.clear();
      lock.unlock();
    }
    if (remaining > 0) {
      givenUp.addAndGet(remaining);
      LOG.warn(
          "{} Slack message(s) were not delivered within the {} drain timeout and are dropped",
          remaining,
          drainTimeout);
    }
    try {
      queue.shutdown(Duration.ofSeconds(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Result deliver(String operationId) {
    MessageThread thread;
    Step step;
    lock.lock();
    try {
      thread = threads.get(operationId);
      if (thread == null) {
        return Result.done();
      }
      Instant now = clock.instant();
      if (pausedUntil.isAfter(now)) {
        return Result.requeueAfter(Duration.between(now, pausedUntil));
      }
      step = thread.nextStep();
      if (step == null) {
        thread.discardIfDormant();
        evictIfObsolete(thread);
        return Result.done();
      }
      Duration age = Duration.between(step.since, now);
      if (age.compareTo(settings.maxAge()) > 0) {
        giveUp(thread, step, "it waited " + age + ", longer than maxAge " + settings.maxAge());
        return Result.requeueAfter(Duration.ZERO);
      }
      inFlight++;
    } finally {
      changed.signalAll();
      lock.unlock();
    }

    if (step.kind == StepKind.LOOKUP) {
      Optional<NotificationThread> recorded = lookUp(thread);
      lock.lock();
      try {
        inFlight--;
        thread.adopt(recorded);
        return Result.requeueAfter(Duration.ZERO);
      } finally {
        changed.signalAll();
        lock.unlock();
      }
    }

    Optional<ChatMethods.Posted> posted = Optional.empty();
    Optional<DeliveryException> failure = Optional.empty();
    try {
      switch (step.kind) {
        case POST -> {
          posted = Optional.of(api.post(step.channel, Optional.empty(), step.message));
          record(thread, posted.get());
        }
        case UPDATE -> api.update(step.channel, step.ts.orElseThrow(), step.message);
        case REPLY -> api.post(step.channel, step.ts, step.message);
        case LOOKUP -> throw new IllegalStateException("a lookup is not a Slack call");
      }
    } catch (DeliveryException e) {
      failure = Optional.of(e);
    }

    lock.lock();
    try {
      inFlight--;
      return failure.isEmpty()
          ? succeeded(thread, step, posted)
          : failed(thread, step, failure.get());
    } finally {
      changed.signalAll();
      lock.unlock();
    }
  }

  /** The operation's thread as another process (or this one, before a restart) recorded it. */
  private Optional<NotificationThread> lookUp(MessageThread thread) {
    try {
      return store
          .notificationThread(thread.environment)
          .filter(t -> t.operationId().equals(thread.operationId));
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not read the recorded Slack thread of {} ({}); a new message will be posted",
          thread.environment,
          e.toString());
      return Optional.empty();
    }
  }

  /** Records where the message went, so a restart or another process finds the thread. */
  private void record(MessageThread thread, ChatMethods.Posted where) {
    if (where.ts() == null || !thread.tracked) {
      return;
    }
    try {
      store.recordNotificationThread(
          new NotificationThread(
              thread.environment,
              thread.operationId,
              thread.operationStartedAt,
              where.channel() == null ? thread.channel : where.channel(),
              where.ts(),
              clock.instant()));
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not record the Slack thread of {} in the store ({}); after a restart its"
              + " progress goes to a new message",
          thread.environment,
          e.toString());
    }
  }

  private Result succeeded(MessageThread thread, Step step, Optional<ChatMethods.Posted> posted) {
    delivered.incrementAndGet();
    thread.attempts = 0;
    backoff.forget(thread.operationId);
    switch (step.kind) {
      case POST -> {
        ChatMethods.Posted where = posted.orElseThrow();
        thread.ts = Optional.ofNullable(where.ts());
        thread.channelId = where.channel() == null ? thread.channel : where.channel();
        thread.deliveredVersion = Math.max(thread.deliveredVersion, step.version);
      }
      case UPDATE -> thread.deliveredVersion = Math.max(thread.deliveredVersion, step.version);
      case REPLY -> thread.replies.pollFirst();
      case LOOKUP -> throw new IllegalStateException("a lookup is not a Slack call");
    }
    return Result.requeueAfter(Duration.ZERO);
  }

  private Result failed(MessageThread thread, Step step, DeliveryException e) {
    Instant now = clock.instant();
    switch (e.kind()) {
      case RATE_LIMITED -> {
        Duration wait = e.retryAfter().orElse(SlackWebApi.DEFAULT_RETRY_AFTER);
        Instant until = now.plus(wait);
        if (until.isAfter(pausedUntil)) {
          pausedUntil = until;
        }
        retried.incrementAndGet();
        LOG.info("Slack rate-limited {}; pausing deliveries for {}", step.method(), wait);
        return Result.requeueAfter(wait);
      }
      case MESSAGE_GONE -> {
        LOG.info(
            "The Slack message of operation {} can no longer be updated ({}); posting a new one",
            thread.operationId,
            e.getMessage());
        thread.ts = Optional.empty();
        thread.deliveredVersion = 0;
        thread.mainSince = now;
        return Result.requeueAfter(Duration.ZERO);
      }
      case PERMANENT -> {
        giveUp(thread, step, e.getMessage());
        return Result.requeueAfter(Duration.ZERO);
      }
      case RETRYABLE -> {
        thread.attempts++;
        if (thread.attempts >= settings.maxAttempts()) {
          giveUp(thread, step, thread.attempts + " failed attempts, the last: " + e.getMessage());
          return Result.requeueAfter(Duration.ZERO);
        }
        retried.incrementAndGet();
        Duration wait = backoff.next(thread.operationId);
        LOG.debug(
            "Slack {} for operation {} failed ({}); retrying in {}",
            step.method(),
            thread.operationId,
            e.getMessage(),
            wait);
        return Result.requeueAfter(wait);
      }
    }
    throw new IllegalStateException("unhandled delivery failure kind " + e.kind());
  }

  private void giveUp(MessageThread thread, Step step, String why) {
    int count = 1;
    switch (step.kind) {
      case POST, LOOKUP -> {
        count += thread.replies.size();
        thread.replies.clear();
        thread.latest = null;
        thread.deliveredVersion = thread.latestVersion;
      }
      case UPDATE -> thread.deliveredVersion = thread.latestVersion;
      case REPLY -> thread.replies.pollFirst();
    }
    thread.attempts = 0;
    backoff.forget(thread.operationId);
    givenUp.addAndGet(count);
    LOG.warn(
        "Gave up on Slack {} for environment {} (operation {}{}): {}",
        step.method(),
        thread.environment,
        thread.operationId,
        count > 1 ? ", with its " + (count - 1) + " thread replies" : "",
        why);
  }

  private void drop(String environment) {
    dropped.incrementAndGet();
    if (!fullWarned) {
      fullWarned = true;
      LOG.warn(
          "Slack outbox is full ({} messages waiting); dropping new notifications (first: {})"
              + " until it drains",
          settings.outboxCapacity(),
          environment);
    }
  }

  private void evictIfObsolete(MessageThread thread) {
    if (thread != null
        && thread.pendingCount() == 0
        && !thread.operationId.equals(latestByEnvironment.get(thread.environment))) {
      threads.remove(thread.operationId);
    }
  }

  private int pendingLocked() {
    int pending = 0;
    for (MessageThread thread : threads.values()) {
      pending += thread.pendingCount();
    }
    return pending;
  }

  private enum StepKind {
    /** Reading the operation's recorded thread from the store, before anything is posted. */
    LOOKUP,
    /** chat.postMessage of the operation's message. */
    POST,
    /** chat.update of the operation's message with newer content. */
    UPDATE,
    /** chat.postMessage of a thread reply. */
    REPLY
  }

  private record Step(
      StepKind kind,
      String channel,
      Optional<String> ts,
      SlackMessage message,
      long version,
      Instant since) {
    String method() {
      return switch (kind) {
        case LOOKUP -> "thread lookup";
        case POST -> "chat.postMessage";
        case UPDATE -> "chat.update";
        case REPLY -> "chat.postMessage (thread reply)";
      };
    }
  }

  private record PendingReply(SlackMessage message, Instant since) {}

  /** What the outbox knows about one operation's message. Guarded by the outbox's lock. */
  private static final class MessageThread {
    final String environment;
    final String operationId;
    final Instant operationStartedAt;
    final String channel;
    String channelId;

    /** Whether a pass with transitions asked for this message (it may then be posted). */
    boolean mayPost;

    /** Whether the store was asked for a thread recorded by another process. */
    boolean lookedUp;

    /** Whether where it was posted is recorded in the store (false for a standalone message). */
    boolean tracked = true;

    Optional<String> ts = Optional.empty();
    SlackMessage latest;
    long latestVersion;
    long deliveredVersion;
    Instant mainSince = Instant.MIN;
    final Deque<PendingReply> replies = new ArrayDeque<>();
    int attempts;

    MessageThread(
        String environment, String operationId, Instant operationStartedAt, String channel) {
      this.environment = environment;
      this.operationId = operationId;
      this.operationStartedAt = operationStartedAt;
      this.channel = Objects.requireNonNull(channel, "channel");
      this.channelId = channel;
    }

    boolean mainPending() {
      return latest != null && deliveredVersion < latestVersion;
    }

    int pendingCount() {
      return (mainPending() ? 1 : 0) + replies.size();
    }

    /**
     * Nothing to post: no message in Slack and no pass with transitions asked for one. Only a later
     * pass with transitions wakes it.
     */
    boolean dormant() {
      return lookedUp && ts.isEmpty() && !mayPost;
    }

    /** Forgets the content of a dormant thread: there is no message for it to refresh. */
    void discardIfDormant() {
      if (dormant()) {
        latest = null;
        deliveredVersion = latestVersion;
        replies.clear();
      }
    }

    /** Takes over the message another process (or this one before a restart) posted. */
    void adopt(Optional<NotificationThread> recorded) {
      lookedUp = true;
      if (recorded.isPresent() && ts.isEmpty()) {
        ts = Optional.of(recorded.get().ts());
        channelId = recorded.get().channel();
        mayPost = true;
        LOG.info(
            "Continuing the Slack thread of operation {} recorded in the store (ts {})",
            operationId,
            recorded.get().ts());
      }
    }

    /**
     * First what the store knows; then the message (posted, or updated with its newest content);
     * then the replies, oldest first.
     */
    Step nextStep() {
      if (ts.isEmpty()) {
        if (!mainPending()) {
          return null;
        }
        if (!lookedUp) {
          return new Step(StepKind.LOOKUP, channel, ts, latest, latestVersion, mainSince);
        }
        return mayPost
            ? new Step(StepKind.POST, channel, ts, latest, latestVersion, mainSince)
            : null;
      }
      if (mainPending()) {
        return new Step(StepKind.UPDATE, channelId, ts, latest, latestVersion, mainSince);
      }
      PendingReply reply = replies.peekFirst();
      return reply == null
          ? null
          : new Step(StepKind.REPLY, channelId, ts, reply.message(), 0, reply.since());
    }
  }
}
