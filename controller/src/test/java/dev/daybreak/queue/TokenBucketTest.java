package dev.daybreak.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybreak.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void reserve_withinBurst_isImmediate_thenEachTokenWaitsOneInterval() {
    TokenBucket bucket = new TokenBucket(clock, 10, 3);

    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(100));
    assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void reserve_afterIdleTime_refillsButNeverBeyondBurst() {
    TokenBucket bucket = new TokenBucket(clock, 10, 2);
    bucket.reserve();
    bucket.reserve();

    clock.advance(Duration.ofHours(1));

    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void reserve_partialRefill_waitsOnlyForTheMissingFraction() {
    TokenBucket bucket = new TokenBucket(clock, 10, 1);
    bucket.reserve();

    clock.advance(Duration.ofMillis(40));

    assertThat(bucket.reserve()).isCloseTo(Duration.ofMillis(60), Duration.ofNanos(10));
  }

  @Test
  void constructor_nonPositiveRate_isRejected() {
    assertThatThrownBy(() -> new TokenBucket(clock, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rate must be a positive number, was 0.0");
  }
}
