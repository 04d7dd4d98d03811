package dev.daybreak.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybreak.model.AccessSpec;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.NotifySpec;
import dev.daybreak.model.Readiness;
import dev.daybreak.model.Replicas;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.model.SleepOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WakeLeadTest {

  private static List<Duration> minutes(int... values) {
    return IntStream.of(values).mapToObj(Duration::ofMinutes).toList();
  }

  @Test
  void p90_ofTenSamples_isTheNinthSmallest() {
    assertThat(WakeLead.p90(minutes(10, 1, 9, 2, 8, 3, 7, 4, 6, 5)))
        .isEqualTo(Duration.ofMinutes(9));
  }

  @Test
  void p90_ofFewSamples_isTheLargest() {
    assertThat(WakeLead.p90(minutes(3, 7, 5))).isEqualTo(Duration.ofMinutes(7));
  }

  @Test
  void p90_ofNothing_isAnError() {
    assertThatThrownBy(() -> WakeLead.p90(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void of_usesOnlyTheLastTenMeasurements() {
    List<Duration> measured = new ArrayList<>(minutes(60, 60, 60));
    measured.addAll(minutes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));

    assertThat(WakeLead.of(measured, Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(9));
  }

  @Test
  void of_withoutMeasurements_usesTheEstimate() {
    assertThat(WakeLead.of(List.of(), Duration.ofMinutes(4))).isEqualTo(Duration.ofMinutes(4));
  }

  @Test
  void of_isCappedAtTheScheduleMaximum() {
    assertThat(WakeLead.of(minutes(600), Duration.ZERO)).isEqualTo(Schedule.MAX_WAKE_LEAD);
    assertThat(WakeLead.of(List.of(), Duration.ofMinutes(-1))).isEqualTo(Duration.ZERO);
  }

  @Test
  void estimate_sumsTheSlowestServiceOfEachTierPlusAPassPerTier() {
    // The seed's environment: a, then b, then c/d/e; b is behind a load balancer.
    EnvironmentSpec seed =
        environment(
            ServiceSpec.of("a", 1),
            service("b", Readiness.HEALTHY, Duration.ofMinutes(10), "a"),
            ServiceSpec.of("c", 1, "b"),
            service("d", Readiness.STABLE, Duration.ofMinutes(10), "b"),
            ServiceSpec.of("e", 1, "b"));

    assertThat(WakeLead.estimate(seed))
        .isEqualTo(Duration.ofSeconds((60 + 10) + (210 + 10) + (90 + 10)));
  }

  @Test
  void estimate_neverCountsMoreThanAServicesTimeout() {
    EnvironmentSpec quick = environment(service("a", Readiness.HEALTHY, Duration.ofSeconds(45)));

    assertThat(WakeLead.estimate(quick)).isEqualTo(Duration.ofSeconds(45 + 10));
  }

  private static ServiceSpec service(
      String name, Readiness readiness, Duration timeout, String... dependsOn) {
    return new ServiceSpec(name, name, Replicas.fixed(1), readiness, timeout, List.of(dependsOn));
  }

  private static EnvironmentSpec environment(ServiceSpec... services) {
    return new EnvironmentSpec(
        "seed",
        "dev",
        List.of(services),
        SleepOrder.REVERSE,
        Optional.empty(),
        NotifySpec.defaults(),
        AccessSpec.defaults(),
        java.util.Map.of(),
        dev.daybreak.model.AutoscalingMode.MANAGE,
        dev.daybreak.model.AwsSpec.home());
  }
}
