package dev.daybreak.model.schedule;

import static dev.daybreak.model.schedule.Specs.cron;
import static dev.daybreak.model.schedule.Specs.spec;
import static dev.daybreak.model.schedule.Specs.times;
import static dev.daybreak.model.schedule.Specs.wakeBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.ScheduleSpec;
import dev.daybreak.model.ScheduleWindow;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ScheduleValidatorTest {

  private static List<ScheduleProblem> validate(ScheduleSpec spec) {
    return ScheduleValidator.validate("spec.schedule", spec, Set.of("jp"));
  }

  private static ScheduleWindow window(
      Optional<String> wakeAt,
      Optional<String> wakeBy,
      Optional<String> sleepAt,
      Set<DayOfWeek> days,
      Optional<String> wakeCron,
      Optional<String> sleepCron) {
    return new ScheduleWindow(
        wakeAt.map(LocalTime::parse),
        wakeBy.map(LocalTime::parse),
        sleepAt.map(LocalTime::parse),
        days,
        wakeCron,
        sleepCron);
  }

  @Test
  void aPlainWeekdayWindow_isValid() {
    assertThat(validate(spec("Asia/Tokyo", times("08:00", "20:00", "MON-FRI")))).isEmpty();
  }

  @Test
  void noWindows_isAProblem() {
    assertThat(validate(spec("Asia/Tokyo")))
        .extracting(ScheduleProblem::path)
        .containsExactly("spec.schedule.windows");
  }

  @Test
  void wakeAtAndWakeByTogether_isAProblemAtWakeBy() {
    ScheduleWindow both =
        window(
            Optional.of("08:00"),
            Optional.of("09:00"),
            Optional.of("20:00"),
            Set.of(DayOfWeek.MONDAY),
            Optional.empty(),
            Optional.empty());

    assertThat(validate(spec("Asia/Tokyo", both)))
        .containsExactly(
            new ScheduleProblem(
                "spec.schedule.windows[0].wakeBy",
                "wakeAt and wakeBy are both set; use wakeAt (start waking then) or wakeBy (be"
                    + " awake by then), not both"));
  }

  @Test
  void timesAndCronInOneWindow_isAProblem() {
    ScheduleWindow mixed =
        window(
            Optional.of("08:00"),
            Optional.empty(),
            Optional.empty(),
            Set.of(DayOfWeek.MONDAY),
            Optional.empty(),
            Optional.of("0 20 * * *"));

    assertThat(validate(spec("Asia/Tokyo", mixed)))
        .extracting(ScheduleProblem::path)
        .containsExactly("spec.schedule.windows[0]");
  }

  @Test
  void aWindowWithoutEdges_isAProblem() {
    ScheduleWindow empty =
        window(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Set.of(),
            Optional.empty(),
            Optional.empty());

    assertThat(validate(spec("Asia/Tokyo", empty)))
        .extracting(ScheduleProblem::path)
        .containsExactly("spec.schedule.windows[0]");
  }

  @Test
  void timesWithoutDays_andCronWithDays_areProblems() {
    ScheduleWindow noDays =
        window(
            Optional.of("08:00"),
            Optional.empty(),
            Optional.of("20:00"),
            Set.of(),
            Optional.empty(),
            Optional.empty());
    ScheduleWindow cronWithDays =
        window(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Set.of(DayOfWeek.MONDAY),
            Optional.of("0 8 * * *"),
            Optional.empty());

    assertThat(validate(spec("Asia/Tokyo", noDays, cronWithDays)))
        .extracting(ScheduleProblem::path)
        .containsExactly("spec.schedule.windows[0].days", "spec.schedule.windows[1].days");
  }

  @Test
  void secondsInATime_isAProblem() {
    ScheduleWindow seconds =
        new ScheduleWindow(
            Optional.of(LocalTime.of(8, 0, 30)),
            Optional.empty(),
            Optional.of(LocalTime.of(20, 0)),
            Set.of(DayOfWeek.MONDAY),
            Optional.empty(),
            Optional.empty());

    assertThat(validate(spec("Asia/Tokyo", seconds)))
        .containsExactly(
            new ScheduleProblem(
                "spec.schedule.windows[0].wakeAt",
                "times are whole minutes (HH:mm), found 08:00:30; e.g. 08:30"));
  }

  @Test
  void badCron_isAProblemThatQuotesTheExpressionAndShowsAnExample() {
    List<ScheduleProblem> problems = validate(spec("Asia/Tokyo", cron("0 25 * * *", "0 0 30 2 *")));

    assertThat(problems)
        .extracting(ScheduleProblem::path)
        .containsExactly("spec.schedule.windows[0].wakeCron", "spec.schedule.windows[0].sleepCron");
    assertThat(problems.get(0).message())
        .startsWith("invalid cron expression '0 25 * * *': ")
        .contains("25")
        .endsWith(
            "expected five fields (minute hour day-of-month month day-of-week), e.g. '0 8 * * MON-FRI'");
    assertThat(problems.get(1).message())
        .isEqualTo("cron expression '0 0 30 2 *' never fires (e.g. 30 February)");
  }

  @Test
  void quartzCron_isAProblem() {
    assertThat(validate(spec("Asia/Tokyo", cron("0 0 8 ? * MON-FRI", "0 20 * * *"))))
        .extracting(ScheduleProblem::path)
        .containsExactly("spec.schedule.windows[0].wakeCron");
  }

  @Test
  void overlappingWindows_areAProblemNamingWhenTheyOverlap() {
    assertThat(
            validate(
                spec(
                    "Asia/Tokyo",
                    times("08:00", "20:00", "MON-FRI"),
                    times("19:00", "22:00", "WED"))))
        .containsExactly(
            new ScheduleProblem(
                "spec.schedule.windows[1]",
                "overlaps windows[0] on WED 19:00–20:00 (local time); one window's sleep would cut"
                    + " the other short: make the windows disjoint or merge them"));
  }

  @Test
  void overnightWindowOverlappingTheNextMorning_isAProblem() {
    assertThat(
            validate(
                spec(
                    "Asia/Tokyo", times("22:00", "09:00", "SUN"), wakeBy("08:00", "18:00", "MON"))))
        .extracting(ScheduleProblem::message)
        .singleElement()
        .asString()
        .startsWith("overlaps windows[0] on MON 08:00–09:00");
  }

  @Test
  void overnightWindowOnSundayWrappingIntoMonday_overlapsAMondayWindow() {
    assertThat(
            validate(
                spec("Asia/Tokyo", times("00:00", "02:00", "MON"), times("23:00", "01:00", "SUN"))))
        .extracting(ScheduleProblem::message)
        .singleElement()
        .asString()
        .startsWith("overlaps windows[0] on MON 00:00–01:00");
  }

  @Test
  void touchingWindows_areValid() {
    assertThat(
            validate(
                spec("Asia/Tokyo", times("22:00", "06:00", "SUN"), times("06:00", "20:00", "MON"))))
        .isEmpty();
  }

  @Test
  void unknownCalendar_isAProblemListingTheKnownOnes() {
    ScheduleSpec s =
        new ScheduleSpec(
            ZoneId.of("Asia/Tokyo"),
            List.of(times("08:00", "20:00", "MON-FRI")),
            List.of(),
            List.of("jp", "us"));

    assertThat(validate(s))
        .containsExactly(
            new ScheduleProblem(
                "spec.schedule.calendars[1]", "unknown holiday calendar 'us'; available: jp"));
  }

  @Property(tries = 1000)
  void anyCronText_isParsedOrExplained_neverThrows(@ForAll String text) {
    CronExpressions.Parsed parsed = CronExpressions.parse(text);

    assertThat(parsed.times().isPresent()).isNotEqualTo(parsed.problem().isPresent());
  }

  @Property(tries = 300)
  void cronLikeText_isParsedOrExplained_neverThrows(@ForAll("cronish") String text) {
    CronExpressions.Parsed parsed = CronExpressions.parse(text);

    assertThat(parsed.times().isPresent()).isNotEqualTo(parsed.problem().isPresent());
  }

  @Provide
  Arbitrary<String> cronish() {
    return Arbitraries.of(
            "*", "0", "7", "59", "60", "1-5", "5-1", "*/15", "MON", "L", "?", "1,3", "JAN", "-",
            "32")
        .list()
        .ofMinSize(4)
        .ofMaxSize(6)
        .map(fields -> String.join(" ", fields));
  }
}
