package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybreak.chatops.ChatCommand;
import dev.daybreak.chatops.CommandParser;
import dev.daybreak.chatops.UsageException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/**
 * Which texts each command-line and chat-ops duration accepts: one grammar ({@link
 * dev.daybreak.model.Durations}), each caller with its own range. {@code --for}, {@code --timeout},
 * {@code --interval}, {@code --resync}, {@code --limit} and chat-ops' {@code for} take positive
 * durations; {@code --stagger-window} and the ecs-sim options also take zero.
 */
final class DurationInputsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "30s | PT30S",
        "90m | PT1H30M",
        "1h30m | PT1H30M",
        "1h0m5s | PT1H5S",
        "1d | PT24H",
        "1d2h | PT26H",
        "2H | PT2H",
        "' 5m ' | PT5M",
        "500ms | PT0.5S",
        "1m30s500ms | PT1M30.5S",
        "PT1M30S | PT1M30S",
        "3650d | PT87600H",
      })
  void forOption_accepts(String text, Duration expected) {
    assertThat(new DurationConverter.Positive().convert(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0s",
        "0m",
        "PT0S",
        "3651d",
        "30m1h",
        "1m1m",
        "5",
        "",
        "h",
        "1.5h",
        "-5m",
        "1h 30m",
        "soon",
        "99999999999999999999d"
      })
  void forOption_rejects(String text) {
    assertThatThrownBy(() -> new DurationConverter.Positive().convert(text))
        .isInstanceOf(TypeConversionException.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "30s | PT30S",
        "90m | PT1H30M",
        "1h30m | PT1H30M",
        "1d | PT24H",
        "0s | PT0S",
        "500ms | PT0.5S",
        "1m30s500ms | PT1M30.5S",
        "PT1M30S | PT1M30S",
        "pt90s | PT1M30S",
        "P1D | PT24H",
        "2H | PT2H",
        "' 5m ' | PT5M",
      })
  void staggerWindowOption_accepts(String text, Duration expected) {
    assertThat(new DurationConverter.NonNegative().convert(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "5", "", "h", "1.5h", "-5m", "PT-5M", "PT1H-5M", "30m1h", "1m1m", "1h 30m", "soon"
      })
  void staggerWindowOption_rejects(String text) {
    assertThatThrownBy(() -> new DurationConverter.NonNegative().convert(text))
        .isInstanceOf(TypeConversionException.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "30s | PT30S",
        "90m | PT1H30M",
        "1h30m | PT1H30M",
        "1d | PT24H",
        "2H | PT2H",
        "500ms | PT0.5S",
        "PT1M30S | PT1M30S"
      })
  void chatFor_accepts(String text, Duration expected) {
    assertThat(CommandParser.parse("sleep seed for " + text))
        .isEqualTo(new ChatCommand.Sleep("seed", Optional.of(expected)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0m", "30m1h", "5", "-5m", "soon"})
  void chatFor_rejects(String text) {
    assertThatThrownBy(() -> CommandParser.parse("sleep seed for " + text))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("bad duration '" + text + "'");
  }
}
