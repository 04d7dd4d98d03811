package dev.daybreak.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClocksTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void virtualClock_advance_movesOnlyWhenTold() {
    VirtualClock clock = VirtualClock.startingAt(T0);

    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(clock.advance(Duration.ofMinutes(2))).isEqualTo(T0.plusSeconds(120));
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(120));
  }

  @Test
  void virtualClock_backwards_isRefused() {
    VirtualClock clock = VirtualClock.startingAt(T0);

    assertThatThrownBy(() -> clock.advanceTo(T0.minusSeconds(1)))
        .hasMessageContaining("only moves forward");
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .hasMessageContaining("only moves forward");
  }

  @Test
  void scaledClock_runsScaleTimesFasterThanItsBase() {
    VirtualClock base = VirtualClock.startingAt(T0);
    ScaledClock scaled = ScaledClock.of(base, 60);

    base.advance(Duration.ofMillis(1500));

    assertThat(scaled.instant()).isEqualTo(T0.plusSeconds(90));
  }

  @Test
  void scaledClock_nonPositiveScale_isRefused() {
    assertThatThrownBy(() -> ScaledClock.of(VirtualClock.startingAt(T0), 0))
        .hasMessageContaining("time scale must be a finite number > 0");
  }

  @Test
  void durations_parse_readsShortAndIsoForms() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("20s")).isEqualTo(Duration.ofSeconds(20));
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void durations_parse_garbage_namesTheTextAndTheValidForms() {
    assertThatThrownBy(() -> Durations.parse("20 seconds"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'20 seconds'")
        .hasMessageContaining("500ms, 20s");
  }

  @Test
  void durations_format_roundTrips() {
    for (String s : new String[] {"0s", "250ms", "1m30s", "2h", "1h0m5s"}) {
      assertThat(Durations.parse(Durations.format(Durations.parse(s))))
          .isEqualTo(Durations.parse(s));
    }
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
  }
}
