package dev.daybreak.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.daybreak.time.ManualClock;
import dev.daybreak.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final ConcurrentLinkedQueue<String> processed = new ConcurrentLinkedQueue<>();
  private final List<WorkQueue> queues = new ArrayList<>();

  @AfterEach
  void stopQueues() throws InterruptedException {
    for (WorkQueue queue : queues) {
      queue.shutdown(Duration.ofSeconds(5));
    }
  }

  private static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2));
  }

  private WorkQueue.Builder manualTime() {
    return WorkQueue.builder().name("test").clock(clock).scheduler(scheduler);
  }

  private WorkQueue track(WorkQueue queue) {
    queues.add(queue);
    return queue;
  }

  private static void awaitIdle(WorkQueue queue) {
    eventually().until(() -> queue.depth() == 0 && queue.inFlight() == 0);
  }

  @Test
  void add_sameKeyManyTimesBeforeAWorkerTakesIt_processesItOnce() {
    WorkQueue queue =
        track(
            manualTime()
                .workers(1)
                .build(
                    key -> {
                      processed.add(key);
                      return Result.done();
                    }));
    queue.add("a");
    queue.add("a");
    queue.add("b");
    queue.add("a");
    assertThat(queue.depth()).isEqualTo(2);

    queue.start();

    eventually().until(() -> queue.passes() == 2);
    awaitIdle(queue);
    assertThat(processed).containsExactly("a", "b");
    assertThat(queue.delayed()).isZero();
  }

  @Test
  void add_whileTheKeyIsBeingProcessed_processesItOnceMoreAfterAndNeverConcurrently()
      throws InterruptedException {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    WorkQueue queue =
        track(
            manualTime()
                .workers(4)
                .build(
                    key -> {
                      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                      try {
                        if (entered.getCount() == 1) {
                          entered.countDown();
                          release.await();
                        }
                        processed.add(key);
                        return Result.done();
                      } finally {
                        running.decrementAndGet();
                      }
                    }));
    queue.start();
    queue.add("a");
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    queue.add("a");
    queue.add("a");
    queue.add("a");

    assertThat(queue.inFlight()).isEqualTo(1);
    assertThat(queue.depth()).as("a key being processed is not handed to another worker").isZero();
    release.countDown();
    eventually().until(() -> queue.passes() == 2);
    awaitIdle(queue);
    assertThat(processed).containsExactly("a", "a");
    assertThat(maxRunning).hasValue(1);
  }

  @Test
  void workers_manyKeysAddedConcurrently_neverRunOneKeyOnTwoWorkersAtOnce() throws Exception {
    int keys = 50;
    int producers = 4;
    int addsPerProducer = 2_000;
    Set<String> active = ConcurrentHashMap.newKeySet();
    Map<String, AtomicInteger> passesPerKey = new ConcurrentHashMap<>();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    WorkQueue queue =
        track(
            WorkQueue.builder()
                .name("stress")
                .workers(8)
                .build(
                    key -> {
                      if (!active.add(key)) {
                        overlaps.incrementAndGet();
                      }
                      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                      for (int i = 0; i < 2_000; i++) {
                        Thread.onSpinWait();
                      }
                      Thread.yield();
                      running.decrementAndGet();
                      active.remove(key);
                      passesPerKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                      return Result.done();
                    }));
    queue.start();

    List<CompletableFuture<Void>> adders = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      adders.add(
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < addsPerProducer; i++) {
                  queue.add("env-" + ThreadLocalRandom.current().nextInt(keys));
                  if (i % 64 == 0) {
                    Thread.yield();
                  }
                }
              }));
    }
    CompletableFuture.allOf(adders.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    awaitIdle(queue);

    assertThat(overlaps).as("passes of one key that overlapped").hasValue(0);
    assertThat(maxRunning.get())
        .as("workers ran in parallel, so an overlap could have been seen")
        .isGreaterThan(1);
    assertThat(passesPerKey).hasSize(keys);
    assertThat(queue.passes())
        .isEqualTo(passesPerKey.values().stream().mapToInt(AtomicInteger::get).sum())
        .isLessThan((long) producers * addsPerProducer);
  }

  @Test
  void reconcileThrows_backoffDoublesUpToTheCeiling_andASuccessResetsIt() {
    AtomicBoolean failing = new AtomicBoolean(true);
    WorkQueue queue =
        track(
            manualTime()
                .workers(1)
                .backoff(Duration.ofMillis(5), Duration.ofMillis(40))
                .build(
                    key -> {
                      if (failing.get()) {
                        throw new IllegalStateException("ECS is down");
                      }
                      return Result.done();
                    }));
    queue.start();
    queue.add("a");

    List<Duration> expected =
        List.of(
            Duration.ofMillis(5),
            Duration.ofMillis(10),
            Duration.ofMillis(20),
            Duration.ofMillis(40),
            Duration.ofMillis(40));
    for (int i = 0; i < expected.size(); i++) {
      int scheduled = i + 1;
      eventually().until(() -> scheduler.requestedDelays().size() == scheduled);
      assertThat(scheduler.requestedDelays().get(i)).isEqualTo(expected.get(i));
      assertThat(queue.failures("a")).isEqualTo(scheduled);
      if (i < expected.size() - 1) {
        scheduler.advance(expected.get(i).minusNanos(1));
        assertThat(scheduler.pending()).as("not retried before its backoff").isEqualTo(1);
        scheduler.advance(Duration.ofNanos(1));
      }
    }

    failing.set(false);
    scheduler.advance(Duration.ofMillis(40));
    eventually().until(() -> queue.passes() == 6);
    awaitIdle(queue);
    assertThat(queue.failures("a")).isZero();
    assertThat(queue.failedPasses()).isEqualTo(5);

    failing.set(true);
    queue.add("a");
    eventually().until(() -> scheduler.requestedDelays().size() == 6);
    assertThat(scheduler.requestedDelays().get(5)).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void requeueAfter_keysComeBackInTheOrderTheyFallDue() {
    Map<String, Duration> firstRequeue =
        Map.of(
            "a", Duration.ofSeconds(30), "b", Duration.ofSeconds(10), "c", Duration.ofSeconds(20));
    Set<String> seen = ConcurrentHashMap.newKeySet();
    WorkQueue queue =
        track(
            manualTime()
                .workers(2)
                .build(
                    key -> {
                      processed.add(key);
                      return seen.add(key)
                          ? Result.requeueAfter(firstRequeue.get(key))
                          : Result.done();
                    }));
    queue.start();
    queue.add("a");
    queue.add("b");
    queue.add("c");
    eventually().until(() -> queue.delayed() == 3);

    for (int pass = 4; pass <= 6; pass++) {
      int expectedPasses = pass;
      scheduler.advance(Duration.ofSeconds(10));
      eventually().until(() -> queue.passes() == expectedPasses);
    }

    awaitIdle(queue);
    assertThat(List.copyOf(processed).subList(3, 6)).containsExactly("b", "c", "a");
    assertThat(queue.delayed()).isZero();
  }

  @Test
  void runOnScheduler_passesRunOnlyAsSchedulerTasks_onTheCallersThread_oncePerKey() {
    List<String> threads = new ArrayList<>();
    WorkQueue queue =
        track(
            manualTime()
                .runOnScheduler()
                .build(
                    key -> {
                      processed.add(key);
                      threads.add(Thread.currentThread().getName());
                      return key.equals("a") && processed.size() == 1
                          ? Result.requeueAfter(Duration.ofSeconds(3))
                          : Result.done();
                    }));
    queue.start();
    queue.add("a");
    queue.add("a");
    queue.add("b");

    assertThat(processed).isEmpty();
    scheduler.advance(Duration.ZERO);
    assertThat(processed).containsExactly("a", "b");
    scheduler.advance(Duration.ofSeconds(2));
    assertThat(processed).containsExactly("a", "b");
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(processed).containsExactly("a", "b", "a");
    assertThat(threads).containsOnly(Thread.currentThread().getName());
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void runOnScheduler_withoutAScheduler_isRefused() {
    assertThatThrownBy(() -> WorkQueue.builder().runOnScheduler().build(key -> Result.done()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs a scheduler");
  }

  @Test
  void addAfter_keyAlreadyWaiting_theEarliestTimeWins() {
    WorkQueue queue =
        track(
            manualTime()
                .workers(1)
                .build(
                    key -> {
                      processed.add(key);
                      return Result.done();
                    }));
    queue.addAfter("x", Duration.ofSeconds(10));
    queue.addAfter("x", Duration.ofSeconds(5));
    queue.addAfter("x", Duration.ofSeconds(20));
    assertThat(queue.delayed()).isEqualTo(1);
    assertThat(scheduler.pending()).as("the replaced 10 s entry was cancelled").isEqualTo(1);
    assertThat(scheduler.nextDue()).contains(clock.instant().plusSeconds(5));
    queue.start();

    scheduler.advance(Duration.ofSeconds(5));
    eventually().until(() -> queue.passes() == 1);
    scheduler.advance(Duration.ofMinutes(1));

    awaitIdle(queue);
    assertThat(scheduler.pending()).isZero();
    assertThat(queue.delayed()).isZero();
    assertThat(processed).containsExactly("x");
  }

  @Test
  void reconcileThrows_manyKeysAtOnce_retriesAreSpreadByTheGlobalBucket() {
    Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    WorkQueue queue =
        track(
            manualTime()
                .workers(2)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(1))
                .retryRateLimit(2, 2)
                .build(
                    key -> {
                      if (failedOnce.add(key)) {
                        throw new IllegalStateException("throttled");
                      }
                      return Result.done();
                    }));
    queue.start();
    for (int i = 0; i < 5; i++) {
      queue.add("env-" + i);
    }

    eventually().until(() -> scheduler.requestedDelays().size() == 5);
    assertThat(scheduler.requestedDelays().stream().sorted())
        .containsExactly(
            Duration.ofMillis(1),
            Duration.ofMillis(1),
            Duration.ofMillis(500),
            Duration.ofMillis(1000),
            Duration.ofMillis(1500));

    scheduler.advance(Duration.ofMillis(1));
    eventually().until(() -> queue.passes() == 7);
    scheduler.advance(Duration.ofMillis(498));
    awaitIdle(queue);
    assertThat(queue.passes()).as("the third retry waits for its token").isEqualTo(7);
    scheduler.advance(Duration.ofMillis(1));
    eventually().until(() -> queue.passes() == 8);
    scheduler.advance(Duration.ofSeconds(1));
    eventually().until(() -> queue.passes() == 10);
  }

  @Test
  void shutdown_finishesThePassInFlight_dropsQueuedKeys_andIgnoresLaterAdds() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean slowPassFinished = new AtomicBoolean();
    WorkQueue queue =
        track(
            manualTime()
                .workers(1)
                .build(
                    key -> {
                      processed.add(key);
                      if (key.equals("slow")) {
                        entered.countDown();
                        release.await();
                        slowPassFinished.set(true);
                        return Result.requeueAfter(Duration.ofSeconds(1));
                      }
                      return Result.done();
                    }));
    queue.start();
    queue.add("slow");
    queue.add("queued");
    queue.addAfter("delayed", Duration.ofSeconds(1));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Boolean> shutdown =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return queue.shutdown(Duration.ofSeconds(10));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    eventually().until(() -> queue.depth() == 0 && queue.delayed() == 0);
    assertThat(shutdown).isNotDone();
    release.countDown();

    assertThat(shutdown.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(slowPassFinished).isTrue();
    assertThat(queue.isTerminated()).isTrue();
    queue.add("late");
    queue.addAfter("late", Duration.ofSeconds(1));
    scheduler.advance(Duration.ofMinutes(1));
    assertThat(queue.depth()).isZero();
    assertThat(queue.delayed()).isZero();
    assertThat(processed).containsExactly("slow");
  }

  @Test
  void shutdown_passOutlivesTheDeadline_returnsFalseAndInterruptsIt() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    WorkQueue queue =
        track(
            manualTime()
                .workers(1)
                .build(
                    key -> {
                      entered.countDown();
                      try {
                        never.await();
                      } catch (InterruptedException e) {
                        interrupted.set(true);
                        throw e;
                      }
                      return Result.done();
                    }));
    queue.start();
    queue.add("stuck");
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(queue.shutdown(Duration.ofMillis(50))).isFalse();

    eventually().until(queue::isTerminated);
    assertThat(interrupted).isTrue();
  }

  @Test
  void start_secondTime_isRejected() {
    WorkQueue queue = track(manualTime().build(key -> Result.done()));
    queue.start();

    assertThatThrownBy(queue::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already started");
  }

  @Test
  void requeueAfter_negativeDelay_isRejected() {
    assertThatThrownBy(() -> Result.requeueAfter(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT-1S");
  }
}
