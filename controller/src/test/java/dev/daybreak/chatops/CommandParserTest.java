package dev.daybreak.chatops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandParserTest {

  @Test
  void parse_wakeForWithServices_readsAllParts() {
    assertThat(CommandParser.parse("wake seed for 2h b c"))
        .isEqualTo(
            new ChatCommand.Wake(
                "seed",
                Optional.of(new ChatCommand.Length.For(Duration.ofHours(2))),
                List.of("b", "c")));
  }

  @Test
  void parse_wakeUntil_keepsTheTimeAsTypedForTheEnvironmentsZone() {
    assertThat(CommandParser.parse("  WAKE seed until 18:30 "))
        .isEqualTo(
            new ChatCommand.Wake(
                "seed", Optional.of(new ChatCommand.Length.Until("18:30")), List.of()));
  }

  @Test
  void parse_sleepStatusHelpAndEmpty() {
    assertThat(CommandParser.parse("sleep seed for 1h"))
        .isEqualTo(new ChatCommand.Sleep("seed", Optional.of(Duration.ofHours(1))));
    assertThat(CommandParser.parse("sleep seed"))
        .isEqualTo(new ChatCommand.Sleep("seed", Optional.empty()));
    assertThat(CommandParser.parse("status")).isEqualTo(new ChatCommand.Status(Optional.empty()));
    assertThat(CommandParser.parse("status seed"))
        .isEqualTo(new ChatCommand.Status(Optional.of("seed")));
    assertThat(CommandParser.parse("help")).isEqualTo(new ChatCommand.Help());
    assertThat(CommandParser.parse("")).isEqualTo(new ChatCommand.Help());
  }

  @Test
  void parse_mistakes_sayWhatWasWrongAndWhatWouldBeValid() {
    assertThatThrownBy(() -> CommandParser.parse("wake seed for 99x"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("bad duration '99x': not a duration")
        .hasMessageContaining("90m, 2h");
    assertThatThrownBy(() -> CommandParser.parse("wake"))
        .hasMessageContaining("wake needs an environment");
    assertThatThrownBy(() -> CommandParser.parse("wake seed b for 2h"))
        .hasMessageContaining("'for' must come right after the environment");
    assertThatThrownBy(() -> CommandParser.parse("wake seed for"))
        .hasMessageContaining("`for` needs a value");
    assertThatThrownBy(() -> CommandParser.parse("sleep seed until 18:00"))
        .hasMessageContaining("optionally `for DURATION`");
    assertThatThrownBy(() -> CommandParser.parse("status a b"))
        .hasMessageContaining("at most one environment");
    assertThatThrownBy(() -> CommandParser.parse("reboot seed"))
        .hasMessageContaining("unknown command 'reboot'");
  }

  @Test
  void parse_forPastAYear_isAMistake_soNoEndTimeCanOverflow() {
    assertThat(CommandParser.parse("sleep seed for 366d"))
        .isEqualTo(new ChatCommand.Sleep("seed", Optional.of(CommandParser.MAX_LENGTH)));
    for (String text : List.of("wake seed for 9999999999999d", "sleep seed for 367d")) {
      assertThatThrownBy(() -> CommandParser.parse(text))
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("': at most 366d");
    }
  }

  @Test
  void parse_mistakes_echoWhatWasTypedInert() {
    assertThatThrownBy(() -> CommandParser.parse("<!everyone> seed"))
        .hasMessageContaining("unknown command '&lt;!everyone&gt;'");
    assertThatThrownBy(() -> CommandParser.parse("wake seed for `<!here>`"))
        .hasMessageContaining("bad duration '\u02cb&lt;!here&gt;\u02cb'");
    assertThatThrownBy(() -> CommandParser.parse("status a <!channel>"))
        .hasMessageContaining("got a &lt;!channel&gt;");
  }
}
