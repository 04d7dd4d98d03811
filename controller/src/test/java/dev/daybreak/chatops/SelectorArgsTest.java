package dev.daybreak.chatops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybreak.model.State;
import dev.daybreak.model.selector.LabelSelector;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SelectorArgsTest {

  @Test
  void sleep_withSelector_readsTheSelector() {
    assertThat(CommandParser.parse("sleep -l team=shop"))
        .isEqualTo(
            new ChatCommand.Selected(
                LabelSelector.parse("team=shop"), State.ASLEEP, Optional.empty()));
  }

  @Test
  void wake_withSetSelectorAcrossWords_thenFor_readsBoth() {
    assertThat(CommandParser.parse("wake --selector team in (shop,  pay),tier!=prod for 2h"))
        .isEqualTo(
            new ChatCommand.Selected(
                LabelSelector.parse("team in (shop,pay),tier!=prod"),
                State.AWAKE,
                Optional.of(new ChatCommand.Length.For(Duration.ofHours(2)))));
  }

  @Test
  void wake_withSelectorAndUntil_keepsTheTimeAsTyped() {
    assertThat(CommandParser.parse("wake -l !pinned until 18:30"))
        .isEqualTo(
            new ChatCommand.Selected(
                LabelSelector.parse("!pinned"),
                State.AWAKE,
                Optional.of(new ChatCommand.Length.Until("18:30"))));
  }

  @Test
  void badSelector_isAUsageError_namingTheColumn() {
    assertThatThrownBy(() -> CommandParser.parse("sleep -l team in shop"))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("bad selector 'team in shop' at column 9: expected '(' after 'in'");
  }

  @Test
  void selectorMissing_isAUsageError_showingAnExample() {
    assertThatThrownBy(() -> CommandParser.parse("sleep -l for 1h"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("`-l` needs a label selector: `/daybreak sleep -l team=shop`");
  }

  @Test
  void wakeWithSelector_andServices_isAUsageError() {
    assertThatThrownBy(() -> CommandParser.parse("wake -l team=shop for 1h b"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("no services");
  }

  @Test
  void sleepWithSelector_andUntil_isAUsageError() {
    assertThatThrownBy(() -> CommandParser.parse("sleep -l team=shop until 18:00"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("optionally `for DURATION`");
  }
}
