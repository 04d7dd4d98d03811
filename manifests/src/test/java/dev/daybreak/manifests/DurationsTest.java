package dev.daybreak.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "30s, PT30S",
    "5m, PT5M",
    "1h30m, PT1H30M",
    "2h, PT2H",
    "1h0m5s, PT1H5S",
    "90m, PT1H30M",
    "0s, PT0S"
  })
  void parse_acceptedForm_isTheDuration(String text, Duration expected) {
    assertThat(Durations.parse(text)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "h", "5", "1.5h", "2d", "5 m", "1m1h", "-5m", "1H", "PT5M", "1h 30m"})
  void parse_anythingElse_isEmpty(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"PT30S, 30s", "PT5M, 5m", "PT1H30M, 1h30m", "PT2H, 2h", "PT1H5S, 1h5s", "PT0S, 0s"})
  void format_writesTheShortestAcceptedForm(Duration duration, String expected) {
    assertThat(Durations.format(duration)).isEqualTo(expected);
    assertThat(Durations.parse(expected)).contains(duration);
  }
}
