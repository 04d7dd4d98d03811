package dev.daybreak.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.daybreak.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
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
}
