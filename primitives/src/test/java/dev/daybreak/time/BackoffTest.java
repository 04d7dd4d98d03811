package dev.daybreak.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Backoff PLAIN =
      Backoff.exponential(Duration.ofMillis(250), Duration.ofSeconds(2));

  @Test
  void delay_withoutJitter_doublesFromBaseUpToTheCap_andDrawsNoRandomNumbers() {
    assertThat(PLAIN.delay(1)).isEqualTo(Duration.ofMillis(250));
    assertThat(PLAIN.delay(2)).isEqualTo(Duration.ofMillis(500));
    assertThat(PLAIN.delay(3)).isEqualTo(Duration.ofSeconds(1));
    assertThat(PLAIN.delay(4)).isEqualTo(Duration.ofSeconds(2));
    assertThat(PLAIN.delay(5)).isEqualTo(Duration.ofSeconds(2));
    assertThat(PLAIN.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void delay_fullJitter_liesBetweenZeroAndTheCeiling_andASeedRepeatsIt() {
    Backoff full = PLAIN.withJitter(1, new SplittableRandom(7));
    Backoff same = PLAIN.withJitter(1, new SplittableRandom(7));
    List<Duration> delays = new ArrayList<>();

    for (int n = 1; n <= 50; n++) {
      Duration delay = full.delay(n);
      assertThat(delay).isBetween(Duration.ZERO, full.ceiling(n));
      assertThat(same.delay(n)).isEqualTo(delay);
      delays.add(delay);
    }
    assertThat(delays.stream().distinct()).as("jitter varies the delays").hasSizeGreaterThan(40);
  }

  @Test
  void delay_halfJitter_keepsAtLeastHalfOfTheCeiling() {
    Backoff half = PLAIN.withJitter(0.5, new SplittableRandom(3));

    for (int i = 0; i < 200; i++) {
      assertThat(half.delay(4)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }
  }

  @Test
  void after_doublesThePreviousDelay_neverBelowBaseNorAboveCap() {
    assertThat(PLAIN.after(Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
    assertThat(PLAIN.after(Duration.ofMillis(250))).isEqualTo(Duration.ofMillis(500));
    assertThat(PLAIN.after(Duration.ofMillis(700))).isEqualTo(Duration.ofMillis(1400));
    assertThat(PLAIN.after(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void construction_badValues_areRejectedNamingWhatWasGiven() {
    assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT2S")
        .hasMessageContaining("PT1S");
    assertThatThrownBy(() -> Backoff.exponential(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("base must be > 0, was PT0S");
    assertThatThrownBy(() -> PLAIN.withJitter(1.5, new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jitter must be in [0, 1], was 1.5");
    assertThatThrownBy(() -> PLAIN.delay(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attempt must be >= 1, was 0");
  }
}
