package dev.daybreak.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading a state as people write it by hand. */
class StateTest {

  @Test
  void parse_anyCaseWithBlanksAround_readsTheState() {
    assertThat(State.parse("AWAKE")).contains(State.AWAKE);
    assertThat(State.parse("awake ")).contains(State.AWAKE);
    assertThat(State.parse(" Asleep\t")).contains(State.ASLEEP);
    assertThat(State.parse("\nasleep\n")).contains(State.ASLEEP);
  }

  @Test
  void parse_somethingElse_isEmpty() {
    assertThat(State.parse("AWAKEN")).isEmpty();
    assertThat(State.parse("")).isEmpty();
    assertThat(State.parse("   ")).isEmpty();
    assertThat(State.parse("A WAKE")).isEmpty();
    assertThat(State.parse("UP")).isEmpty();
  }
}
