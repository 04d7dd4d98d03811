package dev.daybreak.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.daybreak.time.VirtualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private final VirtualClock clock = VirtualClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
  private final TokenBucket bucket = new TokenBucket(new RateLimit(100, 20), clock);

  @Test
  void tryAcquire_fullBucket_grantsExactlyTheBurstThenRefuses() {
    long granted = IntStream.range(0, 150).filter(i -> bucket.tryAcquire()).count();

    assertThat(granted).isEqualTo(100);
    assertThat(bucket.tryAcquire()).isFalse();
  }

  @Test
  void tryAcquire_emptyBucket_refillsAtTheSustainedRate() {
    IntStream.range(0, 100).forEach(i -> bucket.tryAcquire());

    clock.advance(Duration.ofMillis(49));
    assertThat(bucket.tryAcquire()).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(bucket.tryAcquire()).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(IntStream.range(0, 30).filter(i -> bucket.tryAcquire()).count()).isEqualTo(20);
  }

  @Test
  void tryAcquire_longQuietSpell_neverHoldsMoreThanTheBurst() {
    IntStream.range(0, 100).forEach(i -> bucket.tryAcquire());
    clock.advance(Duration.ofHours(1));

    assertThat(bucket.available()).isEqualTo(100.0);
  }

  @Test
  void reserve_emptyBucket_pacesCallersInArrivalOrderAtTheSustainedRate() {
    IntStream.range(0, 100).forEach(i -> assertThat(bucket.reserve()).isZero());

    assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(50));
    assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(100));
    assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(150));
    clock.advance(Duration.ofMillis(150));
    assertThat(bucket.available()).isCloseTo(0.0, offset(1e-9));
  }

  @Test
  void drain_fullBucket_leavesOnlyTheRefill() {
    bucket.drain();

    assertThat(bucket.tryAcquire()).isFalse();
    clock.advance(Duration.ofMillis(50));
    assertThat(bucket.tryAcquire()).isTrue();
  }

  @Test
  void drain_outstandingReservations_keepsTheDebt() {
    IntStream.range(0, 102).forEach(i -> bucket.reserve());

    bucket.drain();

    assertThat(bucket.available()).isCloseTo(-2.0, offset(1e-9));
  }

  @Test
  void rateLimit_nonPositiveRate_isRefusedWithTheValue() {
    assertThatThrownBy(() -> new RateLimit(10, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("perSecond")
        .hasMessageContaining("0.0");
    assertThatThrownBy(() -> new RateLimit(0, 1)).hasMessageContaining("burst must be >= 1");
  }

  @Test
  void rateLimit_times_scalesBurstAndRate() {
    assertThat(new RateLimit(100, 20).times(0.9)).isEqualTo(new RateLimit(90, 18));
  }

  @Test
  void resize_smaller_dropsTokensAboveTheNewBurst_andRefillsAtTheNewRate() {
    bucket.resize(new RateLimit(10, 2));

    assertThat(bucket.limit()).isEqualTo(new RateLimit(10, 2));
    assertThat(IntStream.range(0, 20).filter(i -> bucket.tryAcquire()).count()).isEqualTo(10);
    clock.advance(Duration.ofMillis(499));
    assertThat(bucket.tryAcquire()).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(bucket.tryAcquire()).isTrue();
  }

  @Test
  void resize_larger_keepsTheTokensItHad_andRefillsToTheNewBurst() {
    IntStream.range(0, 95).forEach(i -> bucket.tryAcquire());

    bucket.resize(new RateLimit(200, 40));

    assertThat(bucket.available()).isCloseTo(5, offset(1e-9));
    clock.advance(Duration.ofSeconds(1));
    assertThat(bucket.available()).isCloseTo(45, offset(1e-9));
    clock.advance(Duration.ofSeconds(10));
    assertThat(bucket.available()).isCloseTo(200, offset(1e-9));
  }

  @Test
  void resize_countsTimeBeforeItAtTheOldRate() {
    IntStream.range(0, 100).forEach(i -> bucket.tryAcquire());
    clock.advance(Duration.ofSeconds(1));

    bucket.resize(new RateLimit(100, 2));

    assertThat(bucket.available()).isCloseTo(20, offset(1e-9));
  }

  @Test
  void resize_keepsDebts_soWaitingCallersKeepTheirTurn() {
    IntStream.range(0, 100).forEach(i -> bucket.tryAcquire());
    bucket.reserve();

    bucket.resize(new RateLimit(10, 2));

    assertThat(bucket.available()).isCloseTo(-1, offset(1e-9));
    assertThat(bucket.reserve()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void throttled_emptiesTheBucket_andLowersTheRateToBackoffOfWhatItWas() {
    bucket.throttled();

    assertThat(bucket.available()).isCloseTo(0, offset(1e-9));
    assertThat(bucket.rate()).isCloseTo(20 * TokenBucket.BACKOFF, offset(1e-9));
    assertThat(bucket.reserve()).isEqualTo(Duration.ofNanos(71_428_572)); // 1 / (20 * 0.7) s
  }

  @Test
  void throttled_severalWithinASecond_lowerTheRateOnce() {
    bucket.throttled();
    clock.advance(Duration.ofMillis(999));
    bucket.throttled();
    bucket.throttled();

    assertThat(bucket.rate()).isCloseTo(20 * (0.7 + 0.999 * 0.0025), offset(1e-9));

    clock.advance(Duration.ofMillis(1));
    bucket.throttled();
    assertThat(bucket.rate()).isCloseTo(20 * (0.7 + 0.0025) * 0.7, offset(1e-9));
  }

  @Test
  void throttled_again_andAgain_neverGoesBelowTheFloor() {
    for (int i = 0; i < 50; i++) {
      bucket.throttled();
      clock.advance(TokenBucket.DECREASE_SPACING);
    }

    assertThat(bucket.rate())
        .isGreaterThanOrEqualTo(20 * TokenBucket.FLOOR)
        .isLessThan(20 * (TokenBucket.FLOOR + 0.01));
  }

  @Test
  void throttled_rateClimbsBackLinearly_andTokensAccrueAtTheClimbingRate() {
    bucket.throttled();
    clock.advance(Duration.ofSeconds(2));

    // 0.7 -> 0.705 of 20/s over 2 s: 2 * 20 * 0.7025 tokens.
    assertThat(bucket.rate()).isCloseTo(20 * 0.705, offset(1e-9));
    assertThat(bucket.available()).isCloseTo(28.1, offset(1e-9));

    clock.advance(Duration.ofSeconds(117));
    assertThat(bucket.rate()).isLessThan(20);
    clock.advance(Duration.ofSeconds(1));
    assertThat(bucket.rate()).isCloseTo(20, offset(1e-9));
  }

  @Test
  void throttled_climbingPastTheFullRate_accruesAtTheFullRateFromThen() {
    TokenBucket wide = new TokenBucket(new RateLimit(10_000, 20), clock);
    IntStream.range(0, 10_000).forEach(i -> wide.tryAcquire());
    wide.throttled();
    clock.advance(Duration.ofSeconds(130));

    // 120 s climbing from 0.7 to 1 (average 0.85), then 10 s at the full rate.
    assertThat(wide.available()).isCloseTo(120 * 20 * 0.85 + 10 * 20, offset(1e-6));
    assertThat(wide.rate()).isEqualTo(20.0);
  }

  @Test
  void throttled_fromTheFloor_isBackToTheFullRateWithinFullRecovery() {
    for (int i = 0; i < 50; i++) {
      bucket.throttled();
      clock.advance(TokenBucket.DECREASE_SPACING);
    }
    clock.advance(TokenBucket.FULL_RECOVERY.minusSeconds(2));
    assertThat(bucket.rate()).isLessThan(20);

    clock.advance(Duration.ofSeconds(2));
    assertThat(bucket.rate()).isEqualTo(20.0);
    assertThat(TokenBucket.FULL_RECOVERY).isEqualTo(Duration.ofSeconds(320));
  }

  @Test
  void resize_ofAThrottledBucket_keepsItsShareOfTheNewRate() {
    bucket.throttled();

    bucket.resize(new RateLimit(50, 10));

    assertThat(bucket.rate()).isCloseTo(10 * TokenBucket.BACKOFF, offset(1e-9));
  }

  @Test
  void aWallClockSteppedBack_refillsFromWhereItIsNow_ratherThanNotUntilItIsBack() {
    AtomicReference<Instant> wall = new AtomicReference<>(clock.instant());
    Clock stepped =
        new Clock() {
          @Override
          public Instant instant() {
            return wall.get();
          }

          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }
        };
    TokenBucket onWall = new TokenBucket(new RateLimit(100, 20), stepped);
    IntStream.range(0, 100).forEach(i -> onWall.tryAcquire());
    onWall.throttled();

    wall.set(wall.get().minusSeconds(30));
    assertThat(onWall.available()).isCloseTo(0, offset(1e-9));
    wall.set(wall.get().plusSeconds(1));
    assertThat(onWall.available()).isCloseTo(20 * (0.7 + 0.00125), offset(1e-9));
    onWall.throttled();
    assertThat(onWall.rate()).isCloseTo(20 * 0.7025 * 0.7, offset(1e-9));
  }
}
