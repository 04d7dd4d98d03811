package dev.daybreak.model.savings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SavingsTest {

  private static final Instant EVENING = Instant.parse("2026-12-07T18:00:00Z");
  private static final TaskSize HALF_VCPU_1GB = TaskSize.linuxX86(512, 1024);

  private static EnvironmentSavings tally(Downtime... downtimes) {
    return Savings.tally(
        "dev",
        "us-east-1",
        List.of(downtimes),
        Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2027-01-01T00:00:00Z"),
        Prices.usEast1());
  }

  private static Downtime night(Duration length, int count, TaskSize size) {
    return new Downtime("api", EVENING, EVENING.plus(length), count, Optional.of(size));
  }

  @Test
  void tally_halfVcpuOneGbX86AsleepFourteenHours_saves34Cents56() {
    EnvironmentSavings s = tally(night(Duration.ofHours(14), 1, HALF_VCPU_1GB));

    // 14 × (0.5 × 0.04048 + 1 × 0.004445) = 0.34559
    assertThat(s.dollars()).isCloseTo(0.34559, within(1e-9));
    assertThat(s.taskHours()).isEqualTo(14.0);
  }

  @Test
  void tally_armTask_usesTheArmRates() {
    TaskSize arm =
        new TaskSize(
            512,
            1024,
            Architecture.ARM64,
            OsFamily.LINUX,
            Capacity.FARGATE,
            TaskSize.FREE_STORAGE_GIB);

    EnvironmentSavings s = tally(night(Duration.ofHours(14), 1, arm));

    // 14 × (0.5 × 0.03238 + 1 × 0.00356) = 0.2765
    assertThat(s.dollars()).isCloseTo(0.2765, within(1e-9));
  }

  @Test
  void tally_fargateSpot_appliesTheSpotFactor() {
    EnvironmentSavings s =
        tally(night(Duration.ofHours(14), 1, HALF_VCPU_1GB.on(Capacity.FARGATE_SPOT)));

    // 0.34559 × 0.3
    assertThat(s.dollars()).isCloseTo(0.103677, within(1e-9));
  }

  @Test
  void tally_storageAboveTheFree20Gib_isPricedPerGbHour() {
    TaskSize big =
        new TaskSize(1024, 2048, Architecture.X86_64, OsFamily.LINUX, Capacity.FARGATE, 50);

    EnvironmentSavings s = tally(night(Duration.ofHours(10), 2, big));

    // 20 task-hours × (1 × 0.04048 + 2 × 0.004445 + 30 × 0.000111) = 20 × 0.05270 = 1.0540
    assertThat(s.dollars()).isCloseTo(1.054, within(1e-9));
    assertThat(s.taskHours()).isEqualTo(20.0);
  }

  @Test
  void tally_nightAcrossSpringForward_countsTheNineHoursThatPassed() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    Instant sleep = LocalDateTime.parse("2026-03-28T22:00").atZone(berlin).toInstant();
    Instant wake = LocalDateTime.parse("2026-03-29T08:00").atZone(berlin).toInstant();

    EnvironmentSavings s = tally(new Downtime("api", sleep, wake, 1, Optional.of(HALF_VCPU_1GB)));

    // 22:00 CET to 08:00 CEST is 9 hours, not the 10 the wall clock suggests
    assertThat(s.taskHours()).isEqualTo(9.0);
    assertThat(s.dollars()).isCloseTo(9 * 0.024685, within(1e-9));
  }

  @Test
  void tally_nightAcrossFallBack_countsTheElevenHoursThatPassed() {
    ZoneId newYork = ZoneId.of("America/New_York");
    Instant sleep = LocalDateTime.parse("2026-10-31T22:00").atZone(newYork).toInstant();
    Instant wake = LocalDateTime.parse("2026-11-01T08:00").atZone(newYork).toInstant();

    EnvironmentSavings s = tally(new Downtime("api", sleep, wake, 2, Optional.of(HALF_VCPU_1GB)));

    assertThat(s.taskHours()).isEqualTo(22.0);
  }

  @Test
  void tally_downtimeStraddlingThePeriod_countsOnlyTheHoursInside() {
    Downtime d = night(Duration.ofHours(14), 1, HALF_VCPU_1GB);

    EnvironmentSavings s =
        Savings.tally(
            "dev",
            "us-east-1",
            List.of(d),
            EVENING.plus(Duration.ofHours(6)),
            EVENING.plus(Duration.ofDays(1)),
            Prices.usEast1());

    assertThat(s.taskHours()).isEqualTo(8.0);
  }

  @Test
  void tally_unknownRegion_isNoPriceNamingTheRegionAndTheTable() {
    EnvironmentSavings s =
        Savings.tally(
            "dev",
            "eu-south-2",
            List.of(night(Duration.ofHours(14), 1, HALF_VCPU_1GB)),
            EVENING,
            EVENING.plus(Duration.ofDays(1)),
            Prices.usEast1());

    assertThat(s.taskHours()).isEqualTo(14.0);
    assertThat(s.dollars()).isZero();
    assertThat(s.services().get(0).dollars()).isEmpty();
    assertThat(s.noPrice())
        .hasValue(
            "no price for region eu-south-2: the price table of 2026-12-01 has us-east-1"
                + " (give --prices a table with eu-south-2)");
  }

  @Test
  void tally_taskSizeUnknown_countsTaskHoursButNoDollars() {
    EnvironmentSavings s =
        tally(new Downtime("api", EVENING, EVENING.plus(Duration.ofHours(2)), 3, Optional.empty()));

    assertThat(s.taskHours()).isEqualTo(6.0);
    assertThat(s.services().get(0).dollars()).isEmpty();
    assertThat(s.noPrice()).hasValue("no task size for api");
  }

  @Test
  void expected_servicesDownUntilTheNextWake_areTonightsSaving() {
    EnvironmentSavings s =
        Savings.expected(
            "dev",
            "us-east-1",
            java.util.Map.of("api", new DownSince(EVENING, 1, Optional.of(HALF_VCPU_1GB))),
            EVENING.plus(Duration.ofHours(1)),
            EVENING.plus(Duration.ofHours(15)),
            Prices.usEast1());

    assertThat(s.dollars()).isCloseTo(0.34559, within(1e-9));
  }
}
