package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class DurationsAndTimesTest {

  @ParameterizedTest
  @CsvSource({"90m, PT1H30M", "2h, PT2H", "1h30m, PT1H30M", "1d, PT24H", "45s, PT45S", "2H, PT2H"})
  void parse_humanDurations(String text, String expected) {
    assertThat(Durations.parse(text)).contains(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "2", "2x", "h", "0m", "-1h", "1h 30m", "PT2H", "99999999999999999999d"})
  void parse_rejectsAnythingElse(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "PT45S, 45s",
    "PT119S, 119s",
    "PT5M30S, 5m30s",
    "PT95M, 95m",
    "PT5H30M, 5h30m",
    "PT30H, 30h",
    "PT77H, 3d5h",
    "PT1080H, 45d"
  })
  void age_readsLikeKubectl(String duration, String shown) {
    assertThat(Durations.age(Duration.parse(duration))).isEqualTo(shown);
  }
}
