package dev.daybreak.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MonotonicTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T09:00:00Z"));

  @Test
  void of_controlledClock_readsTheTimeElapsedOnIt() {
    Monotonic monotonic = Monotonic.of(clock);
    long start = monotonic.nanos();

    clock.advance(Duration.ofSeconds(15));

    assertThat(monotonic.nanos() - start).isEqualTo(Duration.ofSeconds(15).toNanos());
  }

  @Test
  void of_virtualClock_readsTheTimeElapsedOnIt() {
    VirtualClock virtual = VirtualClock.startingAt(Instant.parse("2026-11-30T09:00:00Z"));
    Monotonic monotonic = Monotonic.of(virtual);
    long start = monotonic.nanos();

    virtual.advance(Duration.ofMillis(2500));

    assertThat(monotonic.nanos() - start).isEqualTo(Duration.ofMillis(2500).toNanos());
  }

  @Test
  void of_jdkClock_measuresOnTheJvmsMonotonicTime_notOnTheWallClock() {
    Monotonic monotonic = Monotonic.of(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
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
