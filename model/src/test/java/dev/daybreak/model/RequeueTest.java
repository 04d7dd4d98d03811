package dev.daybreak.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequeueTest {

  @Test
  void degraded_waitsAsLongAsItHasBeenDegradedWithinBounds() {
    assertThat(Requeue.degraded(Duration.ZERO)).isEqualTo(Requeue.DEGRADED_MIN);
    assertThat(Requeue.degraded(Duration.ofSeconds(4))).isEqualTo(Requeue.DEGRADED_MIN);
    assertThat(Requeue.degraded(Duration.ofSeconds(40))).isEqualTo(Duration.ofSeconds(40));
    assertThat(Requeue.degraded(Duration.ofHours(5))).isEqualTo(Requeue.DEGRADED_MAX);
  }

  @Test
  void degraded_passesFollowingTheWaitDoubleTheirSpacingUpToTheBound() {
    List<Duration> waits = new ArrayList<>();
    Duration degradedFor = Duration.ZERO;
    for (int pass = 0; pass < 8; pass++) {
      Duration wait = Requeue.degraded(degradedFor);
      waits.add(wait);
      degradedFor = degradedFor.plus(wait);
    }

    assertThat(waits)
        .containsExactly(
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(20),
            Duration.ofSeconds(40),
            Duration.ofSeconds(80),
            Duration.ofSeconds(120),
            Duration.ofSeconds(120));
  }

  @Test
  void constants_progressIsShorterThanTheDriftCheck() {
    assertThat(Requeue.PROGRESS).isLessThan(Requeue.DEGRADED_MIN).isLessThan(Requeue.DRIFT_CHECK);
    assertThat(Requeue.DEGRADED_MAX).isGreaterThan(Requeue.DRIFT_CHECK);
  }
}
