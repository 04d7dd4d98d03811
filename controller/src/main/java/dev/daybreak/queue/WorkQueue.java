package dev.daybreak.queue;

import dev.daybreak.ratelimit.RateLimit;
import dev.daybreak.ratelimit.TokenBucket;
import dev.daybreak.time.Backoff;
import dev.daybreak.time.ExecutorScheduler;
import dev.daybreak.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A work queue of string keys processed by a pool of worker threads, with the guarantees of
 * controller-runtime's workqueue:
 *
 * <ul>
 *   <li><b>deduplicated</b>: a key added several times before a worker takes it is processed once;
 *   <li><b>one worker per key</b>: a key added while it is being processed is processed once more
 *       after the current pass ends, never concurrently;
 *   <li><b>errors back off</b>: a pass that throws is retried after {@code max(per-key exponential
 *       backoff, global token bucket)}; a successful pass resets the key's backoff. An {@linkplain
 *       Builder#expectedFailures expected} failure is logged on one WARN line, any other at ERROR
 *       with its stack trace;
 *   <li><b>delayed adds</b>: {@link #addAfter} and {@link Result#requeueAfter}; for a key already
 *       waiting, the earliest time wins;
 *   <li><b>graceful shutdown</b>: {@link #shutdown} lets passes in flight finish, drops the rest,
 *       and stops;
 *   <li><b>in order</b>: a free worker takes the key that became ready first.
 * </ul>
 *
 * <p>As in controller-runtime, the global bucket limits retries after errors (so a systemic failure
 * cannot turn every key into a retry storm); fresh adds and requeues are not throttled.
 */
public final class WorkQueue implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);

  /**
   * controller-runtime's global retry bucket (DefaultControllerRateLimiter): 10 per second, burst
   * 100.
   */
  public static final RateLimit CONTROLLER_RUNTIME_RETRY_LIMIT = new RateLimit(100, 10);

  private final String name;
  private final Reconciler reconciler;
  private final Predicate<? super Exception> expectedFailure;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Optional<ExecutorScheduler> ownedScheduler;
  private final ExponentialBackoff backoff;
  private final TokenBucket retryBucket;
  private final List<Thread> workers;
  private final CountDownLatch workersExited;
  private final boolean onScheduler;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition readyOrShutdown = lock.newCondition();
  private final ArrayDeque<String> ready = new ArrayDeque<>();
  private final Set<String> dirty = new HashSet<>();
  private final Set<String> processing = new HashSet<>();
  private final Map<String, Waiting> waiting = new HashMap<>();
  private boolean started;
  private boolean shuttingDown;

  private final AtomicLong passes = new AtomicLong();
  private final AtomicLong failedPasses = new AtomicLong();

  private WorkQueue(Builder builder, Reconciler reconciler) {
    this.name = builder.name;
    this.reconciler = reconciler;
    this.expectedFailure = builder.expectedFailure;
    this.clock = builder.clock;
    if (builder.scheduler == null) {
      ExecutorScheduler own = new ExecutorScheduler("daybreak-" + name + "-scheduler");
      this.scheduler = own;
      this.ownedScheduler = Optional.of(own);
    } else {
      this.scheduler = builder.scheduler;
      this.ownedScheduler = Optional.empty();
    }
    this.backoff = new ExponentialBackoff(builder.backoff);
    this.retryBucket = new TokenBucket(builder.retryLimit, clock);
    this.onScheduler = builder.onScheduler;
    int threads = onScheduler ? 0 : builder.workers;
    this.workers = new ArrayList<>(threads);
    for (int i = 0; i < threads; i++) {
      Thread worker = new Thread(this::work, "daybreak-" + name + "-worker-" + i);
      worker.setDaemon(true);
      workers.add(worker);
    }
    this.workersExited = new CountDownLatch(threads);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the workers.
   *
   * @throws IllegalStateException if already started or shut down
   */
  public void start() {
    lock.lock();
    try {
      if (started || shuttingDown) {
        throw new IllegalStateException(
            "work queue " + name + " can be started once, before shutdown; it was already started");
      }
      started = true;
    } finally {
      lock.unlock();
    }
    workers.forEach(Thread::start);
  }

  /** Queues {@code key} for processing now; a no-op if it is already queued or shutting down. */
  public void add(String key) {
    Objects.requireNonNull(key, "key");
    lock.lock();
    try {
      addLocked(key);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Queues {@code key} after {@code delay}. If the key is already waiting for an earlier time, this
   * does nothing; if for a later time, the earlier one replaces it.
   */
  public void addAfter(String key, Duration delay) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative() || delay.isZero()) {
      add(key);
      return;
    }
    lock.lock();
    try {
      if (shuttingDown) {
        return;
      }
      Instant readyAt = clock.instant().plus(delay);
      Waiting existing = waiting.get(key);
      if (existing != null) {
        if (!existing.readyAt.isAfter(readyAt)) {
          return;
        }
        existing.cancel();
      }
      Waiting entry = new Waiting(readyAt);
      waiting.put(key, entry);
      entry.handle = scheduler.schedule(delay, () -> promote(key, entry));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops taking keys, drops keys not yet being processed, waits up to {@code timeout} for passes
   * in flight to finish, then interrupts any that have not. Idempotent.
   *
   * @return true if every worker finished within {@code timeout}
   */
  public boolean shutdown(Duration timeout) throws InterruptedException {
    List<Waiting> cancelled;
    boolean wasStarted;
    lock.lock();
    try {
      shuttingDown = true;
      wasStarted = started;
      ready.clear();
      dirty.clear();
      cancelled = new ArrayList<>(waiting.values());
      waiting.clear();
      readyOrShutdown.signalAll();
    } finally {
      lock.unlock();
    }
    cancelled.forEach(Waiting::cancel);
    ownedScheduler.ifPresent(ExecutorScheduler::close);
    if (!wasStarted) {
      return true;
    }
    if (workersExited.await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
      return true;
    }
    LOG.warn(
        "Work queue {}: {} pass(es) still running after the {} shutdown deadline; interrupting",
        name,
        inFlight(),
        timeout);
    workers.forEach(Thread::interrupt);
    return false;
  }

  /** {@link #shutdown} with a 30 s deadline. */
  @Override
  public void close() throws InterruptedException {
    shutdown(Duration.ofSeconds(30));
  }

  /** True once every worker thread has exited (after {@link #shutdown}). */
  public boolean isTerminated() {
    return workersExited.getCount() == 0;
  }

  /** Keys queued and ready, waiting for a free worker. */
  public int depth() {
    lock.lock();
    try {
      return ready.size();
    } finally {
      lock.unlock();
    }
  }

  /** Keys being processed right now. */
  public int inFlight() {
    lock.lock();
    try {
      return processing.size();
    } finally {
      lock.unlock();
    }
  }

  /** Keys waiting for a delay (a requeue or an error backoff) to pass. */
  public int delayed() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }

  /** Passes completed since start, successful or not. */
  public long passes() {
    return passes.get();
  }

  /** Passes that threw. */
  public long failedPasses() {
    return failedPasses.get();
  }

  /** Consecutive failed passes of {@code key} (what its current backoff is based on). */
  public int failures(String key) {
    return backoff.failures(key);
  }

  private void addLocked(String key) {
    if (shuttingDown) {
      return;
    }
    if (dirty.add(key) && !processing.contains(key)) {
      ready.addLast(key);
      readyOrShutdown.signal();
      processOnSchedulerLocked();
    }
  }

  /** With {@link Builder#runOnScheduler()}: one task on the scheduler per key made ready. */
  private void processOnSchedulerLocked() {
    if (onScheduler) {
      scheduler.schedule(Duration.ZERO, this::processNextReady);
    }
  }

  /** Processes the next ready key on the calling thread (the scheduler's), if there is one. */
  private void processNextReady() {
    String key;
    lock.lock();
    try {
      if (shuttingDown || ready.isEmpty()) {
        return;
      }
      key = next();
      dirty.remove(key);
      processing.add(key);
    } finally {
      lock.unlock();
    }
    try {
      process(key);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      done(key);
    }
  }

  /** Takes the next ready key (the lock held, {@code ready} not empty). */
  private String next() {
    return ready.pollFirst();
  }

  private void promote(String key, Waiting entry) {
    lock.lock();
    try {
      if (waiting.get(key) == entry) {
        waiting.remove(key);
        addLocked(key);
      }
    } finally {
      lock.unlock();
    }
  }

  private Optional<String> take() throws InterruptedException {
    lock.lock();
    try {
      while (ready.isEmpty() && !shuttingDown) {
        readyOrShutdown.await();
      }
      if (shuttingDown) {
        return Optional.empty();
      }
      String key = next();
      dirty.remove(key);
      processing.add(key);
      return Optional.of(key);
    } finally {
      lock.unlock();
    }
  }

  private void done(String key) {
    lock.lock();
    try {
      processing.remove(key);
      if (dirty.contains(key) && !shuttingDown) {
        ready.addLast(key);
        readyOrShutdown.signal();
        processOnSchedulerLocked();
      }
    } finally {
      lock.unlock();
    }
  }

  private void work() {
    try {
      while (true) {
        Optional<String> next = take();
        if (next.isEmpty()) {
          return;
        }
        String key = next.get();
        try {
          process(key);
        } finally {
          done(key);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      workersExited.countDown();
    }
  }

  private void process(String key) throws InterruptedException {
    Result result;
    try {
      result = reconciler.reconcile(key);
      if (result == null) {
        throw new IllegalStateException(
            "the reconciler of work queue "
                + name
                + " returned null for "
                + key
                + "; expected a Result");
      }
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      passes.incrementAndGet();
      failedPasses.incrementAndGet();
      Duration perKey = backoff.next(key);
      Duration global = retryBucket.reserve();
      Duration delay = perKey.compareTo(global) >= 0 ? perKey : global;
      if (expectedFailure.test(e)) {
        LOG.warn(
            "Work queue {}: pass for {} failed ({} in a row); retrying in {}: {}",
            name,
            key,
            backoff.failures(key),
            delay,
            CauseChain.of(e));
        LOG.debug("Work queue {}: the failure of the pass for {}", name, key, e);
      } else {
        LOG.error(
            "Work queue {}: pass for {} failed unexpectedly ({} in a row); retrying in {}",
            name,
            key,
            backoff.failures(key),
            delay,
            e);
      }
      addAfter(key, delay);
      return;
    }
    passes.incrementAndGet();
    backoff.forget(key);
    result.requeueAfter().ifPresent(delay -> addAfter(key, delay));
  }

  private static final class Waiting {
    final Instant readyAt;
    Scheduler.Cancellable handle;

    Waiting(Instant readyAt) {
      this.readyAt = readyAt;
    }

    void cancel() {
      if (handle != null) {
        handle.cancel();
      }
    }
  }

  /** Configures a {@link WorkQueue}; every setting has a production default. */
  public static final class Builder {
    private String name = "queue";
    private int workers = 2;
    private Clock clock = Clock.systemUTC();
    private Scheduler scheduler;
    private Backoff backoff = ExponentialBackoff.CONTROLLER_RUNTIME;
    private RateLimit retryLimit = CONTROLLER_RUNTIME_RETRY_LIMIT;
    private boolean onScheduler;
    private Predicate<? super Exception> expectedFailure = e -> false;

    private Builder() {}

    /** A short name for thread names and logs (default {@code queue}). */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Worker threads, >= 1 (default 2). */
    public Builder workers(int workers) {
      if (workers < 1) {
        throw new IllegalArgumentException("workers must be >= 1, was " + workers);
      }
      this.workers = workers;
      return this;
    }

    /** The clock delays are measured against (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Runs delayed adds (default: a scheduler thread owned by, and stopped with, the queue). Give
     * the one that matches {@link #clock}.
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** Per-key error backoff (default controller-runtime's 5 ms doubling to 1000 s). */
    public Builder backoff(Duration base, Duration max) {
      return backoff(Backoff.exponential(base, max));
    }

    /** Per-key error backoff, jitter included. */
    public Builder backoff(Backoff backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /** The global bucket for retries (default controller-runtime's 10 per second, burst 100). */
    public Builder retryRateLimit(double perSecond, int burst) {
      this.retryLimit = new RateLimit(burst, perSecond);
      return this;
    }

    /**
     * No worker threads: each key made ready is processed by a task handed to the {@link
     * #scheduler}, on the scheduler's thread, one pass per task. For a single-threaded
     * deterministic simulation whose event loop is the scheduler (and which therefore decides when
     * every pass runs); the workers setting is then ignored. A real scheduler would run the passes
     * on its one thread, so production code does not use this.
     */
    public Builder runOnScheduler() {
      this.onScheduler = true;
      return this;
    }

    /**
     * Which failures of a pass are expected (say, a dependency briefly unreachable): each is logged
     * on one WARN line with its causes' messages and the retry delay, its stack trace only at
     * DEBUG. Any other failure is a bug and logged at ERROR with its stack trace. Default: none
     * expected.
     */
    public Builder expectedFailures(Predicate<? super Exception> expected) {
      this.expectedFailure = Objects.requireNonNull(expected, "expected");
      return this;
    }

    /** A queue whose workers call {@code reconciler}; call {@link WorkQueue#start()} to run it. */
    public WorkQueue build(Reconciler reconciler) {
      if (onScheduler && scheduler == null) {
        throw new IllegalStateException(
            "a work queue that runs its passes on the scheduler needs a scheduler; none was set");
      }
      return new WorkQueue(this, Objects.requireNonNull(reconciler, "reconciler"));
    }
  }
}
