package dev.daybreak.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "30s | PT30S",
        "5m | PT5M",
        "1h30m | PT1H30M",
        "90m | PT1H30M",
        "48h | PT48H",
        "2d | PT48H",
        "1d2h3m4s5ms | PT26H3M4.005S",
        "500ms | PT0.5S",
        "1m30s500ms | PT1M30.5S",
        "1h0m5s | PT1H5S",
        "0s | PT0S",
        "0ms | PT0S",
        "2H | PT2H",
        "1D12H | PT36H",
        "' 5m ' | PT5M",
        "PT1H30M | PT1H30M",
        "pt90s | PT1M30S",
        "P2D | PT48H",
        "P1DT1H | PT25H",
        "PT0.5S | PT0.5S",
        "PT0.000000001S | PT0.000000001S",
        "PT0S | PT0S",
      })
  void parse_readsTheGrammar(String text, Duration expected) {
    assertThat(Durations.parse(text)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "5",
        "h",
        "ms",
        "1.5h",
        "-5m",
        "+5m",
        "1h 30m",
        "5 m",
        "30m1h",
        "1m1m",
        "1s1m",
        "5ms1s",
        "2w",
        "1y",
        "soon",
        "5 fortnights",
        "P",
        "PT",
        "P1DT",
        "PT-5M",
        "-PT5M",
        "PT1H-5M",
        "PT1,5S",
        "PT0.0000000001S",
        "P1W",
        "P1Y",
        "99999999999999999999d",
        "106751991167301d",
        "9223372036854775807s1s"
      })
  void parse_refusesAnythingElse(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "PT0S | 0s",
        "PT45S | 45s",
        "PT10M | 10m",
        "PT1H5M30S | 1h5m30s",
        "PT2H | 2h",
        "PT48H | 48h",
        "PT1.5S | 1s500ms",
        "PT0.25S | 250ms",
        "PT0.0000001S | PT0.0000001S",
        "PT-5S | -5s",
      })
  void format_writesTheShortestFormParseReadsBack(Duration duration, String expected) {
    assertThat(Durations.format(duration)).isEqualTo(expected);
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
    "PT1080H, 45d",
    "PT-5S, 0s"
  })
  void age_readsLikeKubectl(Duration duration, String shown) {
    assertThat(Durations.age(duration)).isEqualTo(shown);
    assertThat(Durations.parse(shown)).isPresent();
  }

  @Test
  void range_parse_inRange_isTheDuration() {
    assertThat(DurationRange.between(Duration.ofSeconds(1), Duration.ofHours(24)).parse("1h30m"))
        .isEqualTo(Duration.ofMinutes(90));
    assertThat(DurationRange.nonNegative().parse("0s")).isZero();
    assertThat(DurationRange.positive().parse("1ms")).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void range_parse_notADuration_saysWhatWouldBeValid() {
    assertThatThrownBy(
            () -> DurationRange.between(Duration.ofSeconds(1), Duration.ofHours(24)).parse("soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'soon' is not a duration; expected a duration from 1s to 24h, written as "
                + Durations.FORMS);
  }

  @Test
  void range_parse_outOfRange_namesTheRange() {
    assertThatThrownBy(
            () -> DurationRange.between(Duration.ofSeconds(1), Duration.ofHours(24)).parse("25h"))
        .hasMessage("'25h' is out of range; expected a duration from 1s to 24h");
    assertThatThrownBy(() -> DurationRange.positive().parse("0m"))
        .hasMessage("'0m' is out of range; expected a duration above 0s up to 3650d");
    assertThatThrownBy(() -> DurationRange.nonNegative().parse("3651d"))
        .hasMessage("'3651d' is out of range; expected a duration of 0s or more up to 3650d");
  }

  @Test
  void range_parse_quotesAtMost64Characters() {
    String huge = "9".repeat(10_000);

    assertThatThrownBy(() -> DurationRange.positive().parse(huge))
        .hasMessageStartingWith("'" + "9".repeat(61) + "...' is not a duration");
  }

  @Test
  void range_minAboveMax_isRefused() {
    assertThatThrownBy(() -> DurationRange.between(Duration.ofHours(2), Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 <= min <= max");
  }
}
