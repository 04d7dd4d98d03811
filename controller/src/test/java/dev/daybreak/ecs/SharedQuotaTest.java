package dev.daybreak.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.daybreak.ratelimit.EcsQuotas;
import dev.daybreak.ratelimit.TokenBucket;
import dev.daybreak.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * daybreak's UpdateService bucket sharing ECS's quota with another caller of the same account and
 * region, replayed event by event on a virtual clock, five seeds of 30 minutes each, with ECS's
 * UpdateService bucket as the server. daybreak has four workers with an endless backlog; its calls
 * reach ECS 20-80 ms after their turn. The other caller (a deploy pipeline, a script) calls at
 * random times; its SDK makes three attempts a call (the standard retry mode), backing off 0.5 s
 * then 1 s (with equal jitter) after a throttle.
 */
class SharedQuotaTest {

  private static final Instant START = Instant.parse("2026-12-08T07:00:00Z");
  private static final Duration RUN = Duration.ofMinutes(30);
  private static final double SHARE = GatewaySettings.DEFAULT_QUOTA_SHARE;

  /** What one run (or several, added up) saw. */
  record Outcome(
      long seconds,
      int clientCalls,
      int clientThrottles,
      int otherCalls,
      int otherFailed,
      int otherThrottled) {

    double clientPerSecond() {
      return clientCalls / (double) seconds;
    }
  }

  private record Event(Instant at, long order, Consumer<Instant> action) {}

  /**
   * @param otherPerSecond the other caller's steady rate (0: alone)
   * @param adaptive whether the client lowers its rate after a throttle ({@link
   *     TokenBucket#throttled}) or only empties its bucket ({@link TokenBucket#drain})
   */
  private static Outcome run(long seed, double share, double otherPerSecond, boolean adaptive) {
    VirtualClock clock = VirtualClock.startingAt(START);
    TokenBucket server = new TokenBucket(EcsQuotas.UPDATE_SERVICE, clock);
    TokenBucket client = new TokenBucket(EcsQuotas.UPDATE_SERVICE.times(share), clock);
    SplittableRandom random = new SplittableRandom(seed);
    PriorityQueue<Event> events =
        new PriorityQueue<>(
            (a, b) -> a.at.equals(b.at) ? Long.compare(a.order, b.order) : a.at.compareTo(b.at));
    long[] order = {0};
    int[] counts = new int[5];
    Consumer<Event> schedule = events::add;

    // Four workers, each with an endless backlog of UpdateService calls: take a turn, wait for
    // it, call; after a throttle back off (1 s base, full jitter) and take a new turn.
    class Worker {
      void next(Instant now) {
        // The call reaches ECS 20-80 ms after its turn.
        Instant arrives = now.plus(client.reserve()).plusMillis(20 + random.nextLong(60));
        schedule.accept(new Event(arrives, order[0]++, this::call));
      }

      void call(Instant now) {
        if (server.tryAcquire()) {
          counts[0]++;
          next(now);
        } else {
          counts[1]++;
          if (adaptive) {
            client.throttled();
          } else {
            client.drain();
          }
          Duration backoff = Duration.ofMillis(random.nextLong(1000));
          schedule.accept(new Event(now.plus(backoff), order[0]++, this::next));
        }
      }
    }
    for (int w = 0; w < 4; w++) {
      Worker worker = new Worker();
      schedule.accept(new Event(START, order[0]++, worker::next));
    }

    // The other caller: one call every 1 / otherPerSecond, each attempted up to three times.
    class Call {
      private int attempts;

      void attempt(Instant now) {
        attempts++;
        if (server.tryAcquire()) {
          counts[2]++;
          return;
        }
        counts[4]++;
        if (attempts == 3) {
          counts[3]++;
        } else {
          long base = attempts == 1 ? 500 : 1000;
          Duration backoff = Duration.ofMillis(base / 2 + random.nextLong(base / 2));
          schedule.accept(new Event(now.plus(backoff), order[0]++, this::attempt));
        }
      }
    }
    if (otherPerSecond > 0) {
      // At random times, otherPerSecond on average.
      long every = (long) (1000 / otherPerSecond);
      for (long t = random.nextLong(2 * every);
          t < RUN.toMillis();
          t += random.nextLong(2 * every)) {
        schedule.accept(new Event(START.plusMillis(t), order[0]++, new Call()::attempt));
      }
    }

    Instant end = START.plus(RUN);
    while (!events.isEmpty() && events.peek().at.isBefore(end)) {
      Event e = events.poll();
      clock.advanceTo(e.at);
      e.action.accept(e.at);
    }
    return new Outcome(RUN.toSeconds(), counts[0], counts[1], counts[2], counts[3], counts[4]);
  }

  /** Five runs' outcomes added up (seeds 1 to 5). */
  private static Outcome runs(double share, double otherPerSecond, boolean adaptive) {
    Outcome sum = new Outcome(0, 0, 0, 0, 0, 0);
    for (long seed = 1; seed <= 5; seed++) {
      Outcome o = run(seed, share, otherPerSecond, adaptive);
      sum =
          new Outcome(
              sum.seconds + o.seconds,
              sum.clientCalls + o.clientCalls,
              sum.clientThrottles + o.clientThrottles,
              sum.otherCalls + o.otherCalls,
              sum.otherFailed + o.otherFailed,
              sum.otherThrottled + o.otherThrottled);
    }
    return sum;
  }

  @Test
  void alone_theClientGetsItsShare_neverThrottled() {
    Outcome alone = runs(SHARE, 0, true);

    assertThat(alone.clientPerSecond()).isGreaterThan(SHARE * 5);
    assertThat(alone.clientThrottles()).isZero();
  }

  @Test
  void alone_atTheWholeQuota_theCallsLatencyGetsItThrottledNowAndThen() {
    Outcome whole = runs(1, 0, true);

    // A call that spent longer in flight than the next one: ECS sees two calls closer together
    // than its rate. Rare (a few in 2.5 hours), but what the default share's 2% keeps away.
    assertThat(whole.clientThrottles()).isBetween(1, 10);
    assertThat(whole.clientPerSecond()).isGreaterThan(0.99 * 5);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.5, 1, 2})
  void withASteadyCaller_theClientYieldsWhatItNeeds(double other) {
    Outcome shared = runs(SHARE, other, true);

    // The other caller's SDK gives up on a call after three throttled attempts in a row: fewer
    // than one call in 200.
    assertThat(shared.otherFailed()).isLessThanOrEqualTo(shared.otherCalls() / 200);
    assertThat(shared.otherCalls() + shared.otherFailed())
        .isCloseTo((int) (other * shared.seconds()), withinPercentage(5));
    // The client gets most of what the other leaves.
    assertThat(shared.clientPerSecond()).isGreaterThan(0.85 * (5 - other));
  }

  @ParameterizedTest
  @ValueSource(doubles = {1, 2})
  void withACallerNeedingMoreThanATenth_yieldingBeatsKeepingATenthSpare(double other) {
    Outcome shared = runs(SHARE, other, true);
    Outcome drainingAt90 = runs(0.9, other, false);

    // daybreak before it yielded: 90% of the quota, its bucket only emptied after a throttle.
    // The other caller then lost far more calls, and the client was throttled far more often.
    assertThat(shared.otherFailed()).isLessThan(drainingAt90.otherFailed() / 10);
    assertThat(shared.clientThrottles()).isLessThan(drainingAt90.clientThrottles() / 20);
  }
}
