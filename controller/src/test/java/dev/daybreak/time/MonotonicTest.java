package dev.daybreak.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MonotonicTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T09:00:00Z"));

  @Test
  void elapsedOn_controlledClock_readsTheTimeElapsedOnIt() {
    Monotonic monotonic = Monotonic.elapsedOn(clock);
    long start = monotonic.nanos();

    clock.advance(Duration.ofSeconds(15));

    assertThat(monotonic.nanos() - start).isEqualTo(Duration.ofSeconds(15).toNanos());
  }

  @Test
  void elapsedOn_virtualClock_readsTheTimeElapsedOnIt() {
    VirtualClock virtual = VirtualClock.startingAt(Instant.parse("2026-11-30T09:00:00Z"));
    Monotonic monotonic = Monotonic.elapsedOn(virtual);
    long start = monotonic.nanos();

    virtual.advance(Duration.ofMillis(2500));

    assertThat(monotonic.nanos() - start).isEqualTo(Duration.ofMillis(2500).toNanos());
  }

  @Test
  void system_measuresOnTheJvmsMonotonicTime_notOnTheWallClock() {
    Monotonic monotonic = Monotonic.system();
    long start = monotonic.nanos();

    await().atMost(Duration.ofSeconds(5)).until(() -> monotonic.nanos() > start);
  }

  @Test
  void elapsedOn_steppedWallClock_goesBackwardsWithIt_whichIsWhyLeasesDoNotUseOne() {
    SteppedClock wall = new SteppedClock(clock);
    Monotonic onWall = Monotonic.elapsedOn(wall);
    Monotonic onTrueTime = Monotonic.elapsedOn(clock);

    clock.advance(Duration.ofSeconds(10));
    wall.step(Duration.ofSeconds(-30));

    assertThat(onWall.nanos()).isEqualTo(Duration.ofSeconds(-20).toNanos());
    assertThat(onTrueTime.nanos()).isEqualTo(Duration.ofSeconds(10).toNanos());
  }
}
