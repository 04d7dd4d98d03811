package dev.daybreak.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {

  @Test
  void next_consecutiveFailures_doubleFromBaseUpToTheCeiling() {
    ExponentialBackoff backoff =
        new ExponentialBackoff(Duration.ofMillis(5), Duration.ofMillis(40));

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
        new ExponentialBackoff(Duration.ofMillis(5), Duration.ofSeconds(1));
    backoff.next("a");
    backoff.next("a");

    assertThat(backoff.next("b")).isEqualTo(Duration.ofMillis(5));
    backoff.forget("a");
    assertThat(backoff.failures("a")).isZero();
    assertThat(backoff.next("a")).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void delayAfter_controllerRuntimeNumbers_reachTheCeilingWithoutOverflow() {
    ExponentialBackoff backoff =
        new ExponentialBackoff(
            ExponentialBackoff.CONTROLLER_RUNTIME_BASE, ExponentialBackoff.CONTROLLER_RUNTIME_MAX);

    // 5 ms * 2^17 = 655.36 s, 5 ms * 2^18 = 1310.72 s > 1000 s.
    assertThat(backoff.delayAfter(18)).isEqualTo(Duration.ofMillis(655_360));
    assertThat(backoff.delayAfter(19)).isEqualTo(Duration.ofSeconds(1000));
    assertThat(backoff.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1000));
  }

  @Test
  void constructor_ceilingBelowBase_isRejectedNamingBoth() {
    assertThatThrownBy(() -> new ExponentialBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT2S")
        .hasMessageContaining("PT1S");
  }
}
