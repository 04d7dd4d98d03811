package dev.daybreak.model.schedule;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ScheduleSyntaxTest {

  @Test
  void zone_acceptsIanaNames() {
    assertThat(ScheduleSyntax.zone("spec.schedule.timeZone", "Asia/Tokyo"))
        .isEqualTo(ZoneId.of("Asia/Tokyo"));
  }

  @Test
  void zone_rejectsUnknownNamesAndOffsets_suggestingTheRightSpelling() {
    assertThatThrownBy(() -> ScheduleSyntax.zone("spec.schedule.timeZone", "asia/tokyo"))
        .isInstanceOfSatisfying(
            ScheduleException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        new ScheduleProblem(
                            "spec.schedule.timeZone",
                            "unknown time zone 'asia/tokyo'; did you mean 'Asia/Tokyo'? expected an"
                                + " IANA zone name such as Asia/Tokyo, Europe/Berlin or"
                                + " America/New_York")));
    assertThatThrownBy(() -> ScheduleSyntax.zone("tz", "+09:00"))
        .isInstanceOf(ScheduleException.class)
        .hasMessageStartingWith("tz: unknown time zone '+09:00'; expected an IANA zone name");
  }

  @Test
  void time_readsHoursAndMinutes() {
    assertThat(ScheduleSyntax.time("t", "08:30")).isEqualTo(LocalTime.of(8, 30));
    assertThat(ScheduleSyntax.time("t", "7:05")).isEqualTo(LocalTime.of(7, 5));
    assertThat(ScheduleSyntax.time("t", "23:59")).isEqualTo(LocalTime.of(23, 59));
  }

  @Test
  void time_rejectsWhatIsNotATimeOfDay() {
    for (String bad : new String[] {"24:00", "08:60", "8", "08:00:00", "8am", ""}) {
      assertThatThrownBy(() -> ScheduleSyntax.time("spec.schedule.windows[0].wakeAt", bad))
          .as(bad)
          .isInstanceOf(ScheduleException.class)
          .hasMessage(
              "spec.schedule.windows[0].wakeAt: expected a time as HH:mm between 00:00 and 23:59"
                  + " (e.g. 08:30), found '"
                  + bad
                  + "'");
    }
  }

  @Test
  void days_readsNamesRangesListsAndWrapAround() {
    assertThat(ScheduleSyntax.days("d", "MON-FRI"))
        .containsExactlyInAnyOrder(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY);
    assertThat(ScheduleSyntax.days("d", "mon, Wed-thu ,SUNDAY"))
        .containsExactlyInAnyOrder(MONDAY, WEDNESDAY, THURSDAY, SUNDAY);
    assertThat(ScheduleSyntax.days("d", "FRI-MON"))
        .containsExactlyInAnyOrder(FRIDAY, SATURDAY, SUNDAY, MONDAY);
    assertThat(ScheduleSyntax.days("d", "SAT")).containsExactly(SATURDAY);
  }

  @Test
  void days_rejectsUnknownNamesListingThem() {
    assertThatThrownBy(() -> ScheduleSyntax.days("spec.schedule.windows[1].days", "MON-FRY,XMAS"))
        .isInstanceOf(ScheduleException.class)
        .hasMessage(
            "spec.schedule.windows[1].days: unknown day 'MON-FRY', 'XMAS' in 'MON-FRY,XMAS';"
                + " expected MON, TUE, WED, THU, FRI, SAT or SUN, a range such as MON-FRI, or a"
                + " comma-separated list such as MON,WED,FRI");
    assertThatThrownBy(() -> ScheduleSyntax.days("d", "")).isInstanceOf(ScheduleException.class);
    assertThatThrownBy(() -> ScheduleSyntax.days("d", "MON-TUE-WED"))
        .isInstanceOf(ScheduleException.class);
  }
}
