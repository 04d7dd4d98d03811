package dev.daybreak.manifests;

import static dev.daybreak.manifests.ManifestAssertions.assertError;
import static dev.daybreak.manifests.ManifestAssertions.errors;
import static dev.daybreak.manifests.ManifestAssertions.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.ScheduleSpec;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code spec.schedule}: the shape and the syntax of each value. */
class ScheduleValidationTest {

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
  void daysAsARangeAListOrOmitted_areRead() {
    ScheduleSpec spec =
        parsed(
            """
            timeZone: Europe/Berlin
            windows:
              - {days: [MON, WED-FRI], wakeAt: "07:00", sleepAt: "19:30"}
              - {days: SAT, wakeAt: "10:00", sleepAt: "12:00"}
              - {wakeAt: "22:00", sleepAt: "02:00"}
            """);

    assertThat(spec.windows().get(0).days())
        .isEqualTo(
            EnumSet.of(
                DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY));
    assertThat(spec.windows().get(0).wakeAt()).contains(LocalTime.of(7, 0));
    assertThat(spec.windows().get(0).sleepAt()).contains(LocalTime.of(19, 30));
    assertThat(spec.windows().get(1).days()).containsExactly(DayOfWeek.SATURDAY);
    assertThat(spec.windows().get(2).days()).isEqualTo(EnumSet.allOf(DayOfWeek.class));
    assertThat(spec.windows().get(2).wakeBy()).isEqualTo(Optional.empty());
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
        "unknown time zone 'Asia/Tokio' (did you mean 'Asia/Tokyo'?)",
        "an IANA time zone name");
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
  void timesNotWrittenAsHhMm_areRejected() {
    List<ManifestError> errors =
        errors(
            schedule(
                """
                timeZone: UTC
                windows:
                  - wakeAt: "8:00"
                    sleepAt: "24:00"
                """));

    assertThat(errors).hasSize(2);
    assertError(
        errors.get(0),
        9,
        17,
        "spec.schedule.windows[0].wakeAt",
        "'8:00' is not a time; expected a time as HH:mm on a 24-hour clock");
    assertError(errors.get(1), 10, 18, "spec.schedule.windows[0].sleepAt", "'24:00' is not a time");
  }

  @Test
  void backwardRange_suggestsTwoForwardRanges() {
    assertError(
        onlyError(
            schedule(
                """
                timeZone: UTC
                windows: [{days: FRI-MON, wakeAt: "08:00", sleepAt: "20:00"}]
                """)),
        8,
        22,
        "spec.schedule.windows[0].days",
        "the range 'FRI-MON' runs backwards",
        "write [FRI-SUN, MON]");
  }

  @Test
  void unknownDays_listTheAcceptedForms() {
    List<ManifestError> errors =
        errors(
            schedule(
                """
                timeZone: UTC
                windows:
                  - {days: [Mon, TUE], wakeAt: "08:00", sleepAt: "20:00"}
                  - {days: [], wakeAt: "08:00", sleepAt: "20:00"}
                """));

    assertThat(errors).hasSize(2);
    assertError(
        errors.get(0),
        9,
        17,
        "spec.schedule.windows[0].days[0]",
        "'Mon' is not a day or range of days",
        "MON, TUE, WED, THU, FRI, SAT, SUN");
    assertError(errors.get(1), 10, 16, "spec.schedule.windows[1].days", "lists no day");
  }

  @Test
  void wakeAtAndWakeByTogether_areRejected() {
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
        9,
        "spec.schedule.windows[0].wakeBy",
        "wakeAt (start waking then) or wakeBy (be awake by then), not both");
  }

  @Test
  void windowWithoutSleepAt_isReportedAtTheWindow() {
    assertError(
        onlyError(
            schedule(
                """
                timeZone: UTC
                windows:
                  - wakeBy: "08:00"
                """)),
        9,
        9,
        "spec.schedule.windows[0].sleepAt",
        "is required: a time as HH:mm");
  }

  @Test
  void windowThatSleepsWhenItWakes_isRejected() {
    assertError(
        onlyError(
            schedule(
                """
                timeZone: UTC
                windows: [{wakeAt: "08:00", sleepAt: "08:00"}]
                """)),
        8,
        42,
        "spec.schedule.windows[0].sleepAt",
        "wakes and sleeps at the same time (08:00)");
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
        "mixes times (wakeAt, wakeBy, sleepAt, days) with cron expressions");
  }

  @Test
  void cronWithTheWrongFieldCount_isRejected() {
    List<ManifestError> errors =
        errors(
            schedule(
                """
                timeZone: UTC
                windows:
                  - wakeCron: "0 8 * *"
                    sleepCron: "0 20 * * MON-FRI {}"
                """));

    assertThat(errors).hasSize(2);
    assertError(
        errors.get(0),
        9,
        19,
        "spec.schedule.windows[0].wakeCron",
        "'0 8 * *' has 4 fields; a cron expression has 5 fields");
    assertError(
        errors.get(1),
        10,
        20,
        "spec.schedule.windows[0].sleepCron",
        "the cron field '{}' has characters cron does not use");
  }

  @Test
  void sixFieldCron_isAccepted() {
    ScheduleSpec spec =
        parsed(
            """
            timeZone: UTC
            windows: [{wakeCron: "0 0 8 ? * MON-FRI", sleepCron: "0 0 20 ? * MON-FRI"}]
            """);

    assertThat(spec.windows().get(0).wakeCron()).contains("0 0 8 ? * MON-FRI");
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
  void calendarNameThatCannotBeAFile_isRejected() {
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
        "is not a calendar name");
  }

  @Test
  void scheduleWithoutWindows_isRejected() {
    List<ManifestError> errors = errors(schedule("timeZone: UTC\nwindows: []\n"));

    assertError(errors.get(0), 8, 14, "spec.schedule.windows", "lists no window");
  }
}
