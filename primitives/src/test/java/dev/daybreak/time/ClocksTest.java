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
}
