package dev.daybreak.manifests;

import static dev.daybreak.manifests.ManifestAssertions.assertError;
import static dev.daybreak.manifests.ManifestAssertions.errors;
import static dev.daybreak.manifests.ManifestAssertions.onlyError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.daybreak.model.ScheduleSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spec.schedule}: its shape, each value's syntax, and what the schedule model's validator
 * finds, each reported where it is written.
 */
class ScheduleValidationTest {

  @TempDir Path dir;

  /** A document whose schedule block starts at line 6; the given lines start at line 7. */
  private static String schedule(String lines) {
    return """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata: {name: shop}
        spec:
          cluster: dev
          schedule:
        """
        + lines.indent(4)
        + "  services: [{name: a}]\n";
  }

  private static ScheduleSpec parsed(String lines) {
    return Manifests.parse("x.yaml", schedule(lines)).get(0).spec().schedule().orElseThrow();
  }

  @Test
  void daysAsRangesListsNamesInAnyCaseOrOmitted_areRead() {
    ScheduleSpec spec =
        parsed(
            """
            timeZone: Europe/Berlin
            windows:
              - {days: [MON, wed-Fri], wakeAt: "07:00", sleepAt: "19:30"}
              - {days: "Saturday,SUN", wakeAt: "10:00", sleepAt: "12:00"}
              - {wakeAt: "22:00", sleepAt: "02:00"}
            """);

    assertThat(spec.windows().get(0).days())
        .isEqualTo(
            EnumSet.of(
                DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY));
    assertThat(spec.windows().get(0).wakeAt()).contains(LocalTime.of(7, 0));
    assertThat(spec.windows().get(0).sleepAt()).contains(LocalTime.of(19, 30));
    assertThat(spec.windows().get(1).days())
        .isEqualTo(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
    assertThat(spec.windows().get(2).days()).isEqualTo(EnumSet.allOf(DayOfWeek.class));
    assertThat(spec.windows().get(2).wakeBy()).isEqualTo(Optional.empty());
  }

  @Test
  void rangeAcrossTheWeekend_wrapsAround() {
    ScheduleSpec spec =
        parsed(
            """
            timeZone: UTC
            windows: [{days: FRI-MON, wakeAt: "08:00", sleepAt: "20:00"}]
            """);

    assertThat(spec.windows().get(0).days())
        .isEqualTo(
            EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY));
  }

  @Test
  void unknownTimeZone_isRejectedWithTheClosestZone() {
    assertError(
        onlyError(
            schedule(
                """
                timeZone: Asia/Tokio
                windows: [{wakeAt: "08:00", sleepAt: "20:00"}]
                """)),
        7,
        15,
        "spec.schedule.timeZone",
        "unknown time zone 'Asia/Tokio'",
        "expected an IANA zone name",
        "did you mean 'Asia/Tokyo'?");
  }

  @Test
  void zoneInTheWrongCase_isRejectedWithTheRightSpellingOnce() {
    ManifestError error =
        onlyError(
            schedule(
                """
                timeZone: asia/tokyo
                windows: [{wakeAt: "08:00", sleepAt: "20:00"}]
                """));

    assertError(error, 7, 15, "spec.schedule.timeZone", "did you mean 'Asia/Tokyo'?");
    assertThat(error.message().split("did you mean", -1)).hasSize(2);
  }

  @Test
  void offsetsAndAbbreviations_areNotTimeZones() {
    for (String zone : List.of("\"+09:00\"", "JST")) {
      assertError(
          onlyError(
              schedule(
                  "timeZone: " + zone + "\nwindows: [{wakeAt: \"08:00\", sleepAt: \"20:00\"}]\n")),
          7,
          15,
          "spec.schedule.timeZone",
          "unknown time zone");
    }
  }

  @Test
  void timesThatAreNotTimesOfDay_areRejected() {
    List<ManifestError> errors =
        errors(
            schedule(
                """
                timeZone: UTC
                windows:
                  - wakeAt: "8:5"
                    sleepAt: "24:00"
                """));

    assertThat(errors).hasSize(2);
    assertError(
        errors.get(0),
        9,
        17,
        "spec.schedule.windows[0].wakeAt",
        "expected a time as HH:mm between 00:00 and 23:59",
        "found '8:5'");
    assertError(errors.get(1), 10, 18, "spec.schedule.windows[0].sleepAt", "found '24:00'");
  }

  @Test
  void singleDigitHour_isRead() {
    assertThat(
            parsed(
                    """
                    timeZone: UTC
                    windows: [{wakeAt: "8:30", sleepAt: "20:00"}]
                    """)
                .windows()
                .get(0)
                .wakeAt())
        .contains(LocalTime.of(8, 30));
  }

  @Test
  void unknownDaysAndNoDays_areRejected() {
    List<ManifestError> errors =
        errors(
            schedule(
                """
                timeZone: UTC
                windows:
                  - {days: [Mo, TUE], wakeAt: "08:00", sleepAt: "20:00"}
                  - {days: [], wakeAt: "20:00", sleepAt: "22:00"}
                """));

    assertThat(errors).hasSize(2);
    assertError(
        errors.get(0),
        9,
        17,
        "spec.schedule.windows[0].days[0]",
        "unknown day 'Mo'",
        "MON, TUE, WED, THU, FRI, SAT or SUN");
    assertError(errors.get(1), 10, 16, "spec.schedule.windows[1].days", "no days");
  }

  @Test
  void daysThatAreNeitherTextNorAList_areRejected() {
    assertError(
        onlyError(
            schedule(
                """
                timeZone: UTC
                windows: [{days: 5, wakeAt: "08:00", sleepAt: "20:00"}]
                """)),
        8,
        22,
        "spec.schedule.windows[0].days",
        "expected days as a string (MON-FRI, SAT,SUN) or a list of them",
        "found a number (5)");
  }

  @Test
  void wakeAtAndWakeByTogether_areRejectedAtWakeBy() {
    assertError(
        onlyError(
            schedule(
                """
                timeZone: UTC
                windows:
                  - wakeAt: "08:00"
                    wakeBy: "08:30"
                    sleepAt: "20:00"
                """)),
        10,
        17,
        "spec.schedule.windows[0].wakeBy",
        "wakeAt and wakeBy are both set");
  }

  @Test
  void windowsWithOneEdge_areRead() {
    ScheduleSpec spec =
        parsed(
            """
            timeZone: UTC
            windows:
              - sleepAt: "22:00"
              - wakeCron: "0 8 * * MON-FRI"
            """);

    assertThat(spec.windows().get(0).sleepAt()).contains(LocalTime.of(22, 0));
    assertThat(spec.windows().get(0).wakeAt()).isEmpty();
    assertThat(spec.windows().get(1).wakeCron()).contains("0 8 * * MON-FRI");
    assertThat(spec.windows().get(1).sleepCron()).isEmpty();
    assertThat(spec.windows().get(1).days()).isEmpty();
  }

  @Test
  void windowWithoutAnEdge_isRejectedAtTheWindow() {
    assertError(
        onlyError(
            schedule(
                """
                timeZone: UTC
                windows:
                  - days: MON-FRI
                """)),
        9,
        9,
        "spec.schedule.windows[0]",
        "a window needs wakeAt, wakeBy or sleepAt");
  }

  @Test
  void windowThatSleepsWhenItWakes_isAwakeAroundTheClock() {
    ScheduleSpec spec =
        parsed(
            """
            timeZone: UTC
            windows: [{days: MON, wakeAt: "08:00", sleepAt: "08:00"}]
            """);

    assertThat(spec.windows().get(0).wakeAt()).isEqualTo(spec.windows().get(0).sleepAt());
  }

  @Test
  void timesMixedWithCron_areRejectedAtTheWindow() {
    assertError(
        onlyError(
            schedule(
                """
                timeZone: UTC
                windows:
                  - wakeCron: "0 8 * * MON-FRI"
                    sleepAt: "20:00"
                """)),
        9,
        9,
        "spec.schedule.windows[0]",
        "either times (wakeAt or wakeBy, sleepAt, days) or cron (wakeCron, sleepCron), not both");
  }

  @Test
  void cronWithDays_isRejectedAtTheDays() {
    assertError(
        onlyError(
            schedule(
                """
                timeZone: UTC
                windows:
                  - wakeCron: "0 8 * * *"
                    days: MON-FRI
                """)),
        10,
        15,
        "spec.schedule.windows[0].days",
        "a cron expression names its days in its fifth field");
  }

  @Test
  void badCronExpressions_areRejectedWithCronUtilsReasons() {
    List<ManifestError> errors =
        errors(
            schedule(
                """
                timeZone: UTC
                windows:
                  - wakeCron: "0 8 * *"
                    sleepCron: "0 0 20 ? * MON-FRI"
                  - wakeCron: "0 8 31 2 *"
                  - sleepCron: "0 25 * * *"
                """));

    assertThat(errors).hasSize(4);
    assertError(
        errors.get(0),
        9,
        19,
        "spec.schedule.windows[0].wakeCron",
        "invalid cron expression '0 8 * *'",
        "contains 4 parts",
        "expected five fields (minute hour day-of-month month day-of-week), e.g. '0 8 * * MON-FRI'");
    assertError(
        errors.get(1),
        10,
        20,
        "spec.schedule.windows[0].sleepCron",
        "invalid cron expression '0 0 20 ? * MON-FRI'",
        "contains 6 parts");
    assertError(
        errors.get(2),
        11,
        19,
        "spec.schedule.windows[1].wakeCron",
        "cron expression '0 8 31 2 *' never fires");
    assertError(
        errors.get(3),
        12,
        20,
        "spec.schedule.windows[2].sleepCron",
        "invalid cron expression '0 25 * * *'");
  }

  @Test
  void validCronWindows_areRead() {
    ScheduleSpec spec =
        parsed(
            """
            timeZone: Asia/Tokyo
            windows:
              - wakeCron: "*/30 8-9 * * 1-5"
                sleepCron: "0 20 * JAN-MAR mon"
            """);

    assertThat(spec.windows().get(0).wakeCron()).contains("*/30 8-9 * * 1-5");
    assertThat(spec.windows().get(0).sleepCron()).contains("0 20 * JAN-MAR mon");
  }

  @Test
  void overlappingWindows_areRejectedAtTheLaterOneNamingWhen() {
    assertError(
        onlyError(
            schedule(
                """
                timeZone: UTC
                windows:
                  - {days: MON-FRI, wakeAt: "08:00", sleepAt: "18:00"}
                  - {days: FRI, wakeAt: "17:00", sleepAt: "23:00"}
                """)),
        10,
        9,
        "spec.schedule.windows[1]",
        "overlaps windows[0] on FRI 17:00–18:00",
        "make the windows disjoint or merge them");
  }

  @Test
  void overnightWindowRunningIntoTheNextMorning_isRejected() {
    assertError(
        onlyError(
            schedule(
                """
                timeZone: UTC
                windows:
                  - {days: SUN, wakeAt: "20:00", sleepAt: "09:00"}
                  - {days: MON, wakeAt: "08:00", sleepAt: "18:00"}
                """)),
        10,
        9,
        "spec.schedule.windows[1]",
        "overlaps windows[0] on MON 08:00–09:00");
  }

  @Test
  void windowsThatTouch_areRead() {
    assertThat(
            parsed(
                    """
                    timeZone: UTC
                    windows:
                      - {days: MON-FRI, wakeAt: "08:00", sleepAt: "12:00"}
                      - {days: MON-FRI, wakeAt: "12:00", sleepAt: "18:00"}
                    """)
                .windows())
        .hasSize(2);
  }

  @Test
  void builtInCalendar_isRead() {
    assertThat(
            parsed(
                    """
                    timeZone: Asia/Tokyo
                    windows: [{wakeAt: "08:00", sleepAt: "20:00"}]
                    calendars: [jp]
                    """)
                .calendars())
        .containsExactly("jp");
  }

  @Test
  void unknownCalendar_isRejectedListingTheKnownOnes() {
    assertError(
        onlyError(
            schedule(
                """
                timeZone: Asia/Tokyo
                windows: [{wakeAt: "08:00", sleepAt: "20:00"}]
                calendars: [jp, japan]
                """)),
        9,
        21,
        "spec.schedule.calendars[1]",
        "unknown holiday calendar 'japan'; available: jp");
  }

  @Test
  void calendarNameThatCouldBeAPath_isJustAnUnknownCalendar() {
    assertError(
        onlyError(
            schedule(
                """
                timeZone: UTC
                windows: [{wakeAt: "08:00", sleepAt: "20:00"}]
                calendars: [../etc/passwd]
                """)),
        9,
        17,
        "spec.schedule.calendars[0]",
        "unknown holiday calendar '../etc/passwd'");
  }

  @Test
  void calendarsFromADirectory_areKnownBesideTheBuiltInOnes() throws IOException {
    Files.writeString(dir.resolve("acme.yaml"), "2026-12-29: Year-end closure\n");
    String yaml =
        schedule(
            """
            timeZone: Asia/Tokyo
            windows: [{wakeAt: "08:00", sleepAt: "20:00"}]
            calendars: [jp, acme]
            """);

    List<Manifest> manifests = Manifests.parse("x.yaml", yaml, Calendars.builtInAnd(dir));

    assertThat(manifests.get(0).spec().schedule().orElseThrow().calendars())
        .containsExactly("jp", "acme");
    ManifestException withBuiltInsOnly =
        catchThrowableOfType(ManifestException.class, () -> Manifests.parse("x.yaml", yaml));
    assertThat(withBuiltInsOnly.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("unknown holiday calendar 'acme'"));
  }

  @Test
  void problemsInSeveralParts_areAllReportedWithoutFollowOnErrors() {
    List<ManifestError> errors =
        errors(
            schedule(
                """
                timeZone: Mars/Olympus
                windows:
                  - {wakeAt: "8h", sleepAt: "20:00"}
                  - {wakeCron: "every morning"}
                calendars: [nowhere]
                """));

    assertThat(errors)
        .extracting(ManifestError::path)
        .containsExactly(
            "spec.schedule.timeZone",
            "spec.schedule.windows[0].wakeAt",
            "spec.schedule.windows[1].wakeCron",
            "spec.schedule.calendars[0]");
  }

  @Test
  void badAndRepeatedHolidays_areRejectedOneByOne() {
    List<ManifestError> errors =
        errors(
            schedule(
                """
                timeZone: UTC
                windows: [{wakeAt: "08:00", sleepAt: "20:00"}]
                holidays: [2026-02-30, 2026-05-04, 2026-05-04, tomorrow]
                """));

    assertThat(errors).hasSize(3);
    assertError(
        errors.get(0),
        9,
        16,
        "spec.schedule.holidays[0]",
        "'2026-02-30' is not a day of the calendar");
    assertError(errors.get(1), 9, 40, "spec.schedule.holidays[2]", "'2026-05-04' is listed twice");
    assertError(
        errors.get(2),
        9,
        52,
        "spec.schedule.holidays[3]",
        "'tomorrow' is not a date; expected a date as YYYY-MM-DD");
  }

  @Test
  void scheduleWithoutWindows_isRejected() {
    assertError(
        onlyError(schedule("timeZone: UTC\nwindows: []\n")),
        8,
        14,
        "spec.schedule.windows",
        "no windows; declare at least one");
  }

  @Test
  void scheduleWithMoreWindowsThanTheLimit_isRejectedOnce() {
    String windows =
        "windows:\n" + "  - {sleepAt: \"22:00\"}\n".repeat(ManifestLimits.MAX_WINDOWS + 1);

    assertError(
        onlyError(schedule("timeZone: UTC\n" + windows)),
        9,
        7,
        "spec.schedule.windows",
        "lists 101 windows; the limit is 100 per schedule");
  }
}
