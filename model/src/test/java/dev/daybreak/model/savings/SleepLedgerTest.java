package dev.daybreak.model.savings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.daybreak.model.AccessSpec;
import dev.daybreak.model.AutoscalingMode;
import dev.daybreak.model.AwsSpec;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.NotifySpec;
import dev.daybreak.model.Phase;
import dev.daybreak.model.Readiness;
import dev.daybreak.model.Replicas;
import dev.daybreak.model.ServiceReadiness;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.model.SleepOrder;
import dev.daybreak.model.State;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SleepLedgerTest {

  private static final Instant NIGHT = Instant.parse("2026-12-07T20:00:00Z");
  private static final TaskSize SIZE = TaskSize.linuxX86(512, 1024);
  private static final Map<String, TaskSize> SIZES = Map.of("a", SIZE, "b", SIZE);

  private static final EnvironmentSpec SPEC =
      new EnvironmentSpec(
          "dev",
          "dev-cluster",
          List.of(
              ServiceSpec.of("a", 1),
              new ServiceSpec(
                  "b",
                  "b",
                  new Replicas.Restore(1),
                  Readiness.RUNNING,
                  Duration.ofMinutes(5),
                  List.of())),
          SleepOrder.REVERSE,
          Optional.empty(),
          NotifySpec.defaults(),
          AccessSpec.defaults(),
          Map.of(),
          AutoscalingMode.MANAGE,
          AwsSpec.home());

  /** A status in which each named service has (target, desired, running). */
  private static EnvironmentStatus status(Phase phase, Map<String, int[]> counts) {
    Map<String, ServiceReadiness> services = new LinkedHashMap<>();
    counts.forEach(
        (name, c) ->
            services.put(
                name,
                new ServiceReadiness(0, c[2] >= c[0], c[0], c[1], c[2], 0, Optional.empty())));
    return new EnvironmentStatus(
        EnvironmentStatus.FORMAT_VERSION,
        phase,
        Optional.of(State.ASLEEP),
        -1,
        services,
        List.of(),
        Map.of("b", 3),
        1,
        Optional.empty());
  }

  private static int[] c(int target, int desired, int running) {
    return new int[] {target, desired, running};
  }

  @Test
  void next_allStopped_opensADowntimePerServiceAtItsWakeCount() {
    SleepLedger.Step step =
        SleepLedger.next(
            SPEC,
            Map.of(),
            status(Phase.ASLEEP, Map.of("a", c(0, 0, 0), "b", c(0, 0, 0))),
            SIZES,
            NIGHT);

    assertThat(step.closed()).isEmpty();
    assertThat(step.open())
        .containsOnly(
            Map.entry("a", new DownSince(NIGHT, 1, Optional.of(SIZE))),
            Map.entry("b", new DownSince(NIGHT, 3, Optional.of(SIZE))));
  }

  @Test
  void next_partialWake_closesOnlyTheWokenServiceAndTheOtherKeepsSaving() {
    Map<String, DownSince> asleep =
        Map.of(
            "a", new DownSince(NIGHT, 1, Optional.of(SIZE)),
            "b", new DownSince(NIGHT, 3, Optional.of(SIZE)));
    Instant morning = NIGHT.plus(Duration.ofHours(12));
    Instant noon = morning.plus(Duration.ofHours(4));

    SleepLedger.Step wokeA =
        SleepLedger.next(
            SPEC,
            asleep,
            status(Phase.WAKING, Map.of("a", c(1, 1, 0), "b", c(0, 0, 0))),
            SIZES,
            morning);
    SleepLedger.Step wokeB =
        SleepLedger.next(
            SPEC,
            wokeA.open(),
            status(Phase.WAKING, Map.of("a", c(1, 1, 1), "b", c(3, 3, 0))),
            SIZES,
            noon);

    assertThat(wokeA.closed())
        .containsExactly(new Downtime("a", NIGHT, morning, 1, Optional.of(SIZE)));
    assertThat(wokeA.open()).containsOnlyKeys("b");
    assertThat(wokeB.closed())
        .containsExactly(new Downtime("b", NIGHT, noon, 3, Optional.of(SIZE)));
    EnvironmentSavings saved =
        Savings.tally(
            "dev",
            "us-east-1",
            List.of(wokeA.closed().get(0), wokeB.closed().get(0)),
            NIGHT,
            noon,
            Prices.usEast1());
    // a: 12 task-hours; b: 16 h × 3 = 48 task-hours; 60 × 0.024685 = 1.4811
    assertThat(saved.taskHours()).isEqualTo(60.0);
    assertThat(saved.dollars()).isCloseTo(1.4811, within(1e-9));
  }

  @Test
  void next_degradedHalfAsleep_countsOnlyTheServiceThatStopped() {
    SleepLedger.Step step =
        SleepLedger.next(
            SPEC,
            Map.of(),
            status(Phase.DEGRADED, Map.of("a", c(0, 0, 0), "b", c(0, 0, 1))),
            SIZES,
            NIGHT);

    assertThat(step.open()).containsOnlyKeys("a");
    EnvironmentSavings saved =
        Savings.tally(
            "dev",
            "us-east-1",
            List.of(step.open().get("a").until("a", NIGHT.plus(Duration.ofHours(14)))),
            NIGHT,
            NIGHT.plus(Duration.ofDays(1)),
            Prices.usEast1());
    assertThat(saved.dollars()).isCloseTo(0.34559, within(1e-9));
    assertThat(saved.services()).extracting(ServiceSavings::service).containsExactly("a");
  }

  @Test
  void next_serviceStillDown_keepsItsStartAndCount() {
    Map<String, DownSince> asleep = Map.of("a", new DownSince(NIGHT, 1, Optional.empty()));

    SleepLedger.Step step =
        SleepLedger.next(
            SPEC,
            asleep,
            status(Phase.ASLEEP, Map.of("a", c(0, 0, 0), "b", c(0, 0, 0))),
            SIZES,
            NIGHT.plus(Duration.ofHours(1)));

    assertThat(step.open().get("a")).isEqualTo(new DownSince(NIGHT, 1, Optional.of(SIZE)));
    assertThat(step.open().get("b").since()).isEqualTo(NIGHT.plus(Duration.ofHours(1)));
  }

  @Test
  void next_serviceRemovedFromTheSpec_closesItsDowntime() {
    Map<String, DownSince> asleep = Map.of("gone", new DownSince(NIGHT, 2, Optional.of(SIZE)));
    Instant later = NIGHT.plus(Duration.ofHours(3));

    SleepLedger.Step step =
        SleepLedger.next(
            SPEC,
            asleep,
            status(Phase.ASLEEP, Map.of("a", c(0, 0, 0), "b", c(0, 0, 0))),
            SIZES,
            later);

    assertThat(step.closed())
        .containsExactly(new Downtime("gone", NIGHT, later, 2, Optional.of(SIZE)));
  }
}
