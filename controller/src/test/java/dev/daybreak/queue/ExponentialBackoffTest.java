package dev.daybreak.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybreak.time.Backoff;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {

  @Test
  void next_consecutiveFailures_doubleFromBaseUpToTheCeiling() {
    ExponentialBackoff backoff =
        new ExponentialBackoff(Backoff.exponential(Duration.ofMillis(5), Duration.ofMillis(40)));

    assertThat(backoff.next("a")).isEqualTo(Duration.ofMillis(5));
    assertThat(backoff.next("a")).isEqualTo(Duration.ofMillis(10));
    assertThat(backoff.next("a")).isEqualTo(Duration.ofMillis(20));
    assertThat(backoff.next("a")).isEqualTo(Duration.ofMillis(40));
    assertThat(backoff.next("a")).isEqualTo(Duration.ofMillis(40));
    assertThat(backoff.failures("a")).isEqualTo(5);
  }

  @Test
  void next_keysAreIndependent_andForgetStartsAKeyOver() {
    ExponentialBackoff backoff =
        new ExponentialBackoff(Backoff.exponential(Duration.ofMillis(5), Duration.ofSeconds(1)));
    backoff.next("a");
    backoff.next("a");

    assertThat(backoff.next("b")).isEqualTo(Duration.ofMillis(5));
    backoff.forget("a");
    assertThat(backoff.failures("a")).isZero();
    assertThat(backoff.next("a")).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void delayAfter_controllerRuntimeNumbers_reachTheCeilingWithoutOverflow() {
    ExponentialBackoff backoff = new ExponentialBackoff(ExponentialBackoff.CONTROLLER_RUNTIME);

    // 5 ms * 2^17 = 655.36 s, 5 ms * 2^18 = 1310.72 s > 1000 s.
    assertThat(backoff.delayAfter(18)).isEqualTo(Duration.ofMillis(655_360));
    assertThat(backoff.delayAfter(19)).isEqualTo(Duration.ofSeconds(1000));
    assertThat(backoff.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1000));
  }

  @Test
  void next_withJitter_drawsFromTheInjectedRandomSource_soASeedRepeatsTheDelays() {
    Backoff jittered =
        Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(10))
            .withJitter(1, new SplittableRandom(20));
    ExponentialBackoff first = new ExponentialBackoff(jittered);
    ExponentialBackoff again =
        new ExponentialBackoff(jittered.withJitter(1, new SplittableRandom(20)));

    for (int n = 1; n <= 8; n++) {
      Duration delay = first.next("a");
      assertThat(delay).isBetween(Duration.ZERO, jittered.ceiling(n));
      assertThat(again.next("a")).isEqualTo(delay);
    }
  }

  @Test
  void delayAfter_zeroFailures_isRejected() {
    assertThatThrownBy(
            () -> new ExponentialBackoff(ExponentialBackoff.CONTROLLER_RUNTIME).delayAfter(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 0");
  }
}
