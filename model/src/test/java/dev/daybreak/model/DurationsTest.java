package dev.daybreak.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void format_writesHoursMinutesAndSecondsLeavingOutZeroParts() {
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.format(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(Durations.format(Duration.ofMinutes(10))).isEqualTo("10m");
    assertThat(Durations.format(Duration.ofSeconds(3930))).isEqualTo("1h5m30s");
    assertThat(Durations.format(Duration.ofHours(2))).isEqualTo("2h");
  }

  @Test
  void format_dropsFractionsOfASecondAndNegativeDurations() {
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1s");
    assertThat(Durations.format(Duration.ofSeconds(-5))).isEqualTo("0s");
  }
}
