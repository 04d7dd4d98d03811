package dev.daybreak.model.schedule;

import static dev.daybreak.model.schedule.Specs.at;
import static dev.daybreak.model.schedule.Specs.compile;
import static dev.daybreak.model.schedule.Specs.cron;
import static dev.daybreak.model.schedule.Specs.sleepOnly;
import static dev.daybreak.model.schedule.Specs.spec;
import static dev.daybreak.model.schedule.Specs.times;
import static dev.daybreak.model.schedule.Specs.wakeBy;
import static dev.daybreak.model.schedule.Specs.wakeOnly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybreak.model.State;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleTest {

  private static final String TOKYO = "Asia/Tokyo";

  @Test
  void stateAt_weekdayWindow_awakeInsideAndAsleepOutside() {
    Schedule s = compile(spec(TOKYO, times("08:00", "20:00", "MON-FRI")));

    assertThat(s.stateAt(at(TOKYO, "2026-03-02T07:59:59"))).isEqualTo(State.ASLEEP);
    assertThat(s.stateAt(at(TOKYO, "2026-03-02T08:00"))).isEqualTo(State.AWAKE);
    assertThat(s.stateAt(at(TOKYO, "2026-03-02T19:59:59"))).isEqualTo(State.AWAKE);
    assertThat(s.stateAt(at(TOKYO, "2026-03-02T20:00"))).isEqualTo(State.ASLEEP);
    assertThat(s.stateAt(at(TOKYO, "2026-03-07T12:00"))).isEqualTo(State.ASLEEP);
  }

  @Test
  void nextEdge_fridayEvening_isMondayWake() {
    Schedule s = compile(spec(TOKYO, times("08:00", "20:00", "MON-FRI")));

    Optional<Edge> next = s.nextEdge(at(TOKYO, "2026-03-06T20:00"));

    assertThat(next)
        .contains(
            new Edge(
                at(TOKYO, "2026-03-09T08:00"),
                State.AWAKE,
                Edge.Reason.SCHEDULE,
                Optional.empty(),
                Optional.empty()));
  }

  @Test
  void edgesBetween_isHalfOpenAtTheStart() {
    Schedule s = compile(spec(TOKYO, times("08:00", "20:00", "MON-FRI")));

    List<Edge> edges = s.edgesBetween(at(TOKYO, "2026-03-02T08:00"), at(TOKYO, "2026-03-03T08:00"));

    assertThat(edges)
        .extracting(Edge::at)
        .containsExactly(at(TOKYO, "2026-03-02T20:00"), at(TOKYO, "2026-03-03T08:00"));
  }

  @Test
  void overnightWindow_sleepsOnTheNextDay() {
    Schedule s = compile(spec(TOKYO, times("22:00", "06:00", "FRI")));

    assertThat(s.stateAt(at(TOKYO, "2026-03-06T23:00"))).isEqualTo(State.AWAKE);
    assertThat(s.stateAt(at(TOKYO, "2026-03-07T05:59"))).isEqualTo(State.AWAKE);
    assertThat(s.stateAt(at(TOKYO, "2026-03-07T06:00"))).isEqualTo(State.ASLEEP);
    assertThat(s.nextEdge(at(TOKYO, "2026-03-07T06:00")).map(Edge::at))
        .contains(at(TOKYO, "2026-03-13T22:00"));
  }

  @Test
  void sleepOnlyWindow_sleepsEveryNightAndNeverWakes() {
    Schedule s = compile(spec(TOKYO, sleepOnly("22:00", "MON-SUN")));

    assertThat(s.stateAt(at(TOKYO, "2026-03-02T12:00"))).isEqualTo(State.ASLEEP);
    assertThat(s.edgesBetween(at(TOKYO, "2026-03-02T00:00"), at(TOKYO, "2026-03-04T00:00")))
        .extracting(Edge::at, Edge::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(at(TOKYO, "2026-03-02T22:00"), State.ASLEEP),
            org.assertj.core.groups.Tuple.tuple(at(TOKYO, "2026-03-03T22:00"), State.ASLEEP));
  }

  @Test
  void wakeOnlyAndSleepOnlyWindows_latestEdgeWins() {
    Schedule s = compile(spec(TOKYO, wakeOnly("08:00", "MON-FRI"), sleepOnly("20:00", "MON-SUN")));

    assertThat(s.stateAt(at(TOKYO, "2026-03-02T09:00"))).isEqualTo(State.AWAKE);
    assertThat(s.stateAt(at(TOKYO, "2026-03-02T21:00"))).isEqualTo(State.ASLEEP);
    assertThat(s.stateAt(at(TOKYO, "2026-03-07T09:00"))).isEqualTo(State.ASLEEP);
  }

  @Test
  void touchingWindows_joinWithoutSleeping() {
    Schedule s =
        compile(spec(TOKYO, times("22:00", "06:00", "SUN"), times("06:00", "20:00", "MON")));

    Instant touch = at(TOKYO, "2026-03-02T06:00");
    assertThat(s.stateAt(touch)).isEqualTo(State.AWAKE);
    assertThat(s.edgesBetween(touch.minusSeconds(1), touch))
        .containsExactly(
            new Edge(touch, State.AWAKE, Edge.Reason.SCHEDULE, Optional.empty(), Optional.empty()));
  }

  @Test
  void holiday_skipsTheWakeAndReportsIt() {
    LocalDate holiday = LocalDate.parse("2026-03-04");
    Schedule s =
        compile(spec(TOKYO, List.of(holiday), List.of(), times("08:00", "20:00", "MON-FRI")));

    assertThat(s.stateAt(at(TOKYO, "2026-03-04T12:00"))).isEqualTo(State.ASLEEP);
    assertThat(s.edgeAt(at(TOKYO, "2026-03-04T12:00")).reason()).isEqualTo(Edge.Reason.HOLIDAY);
    assertThat(s.edgesBetween(at(TOKYO, "2026-03-03T21:00"), at(TOKYO, "2026-03-05T09:00")))
        .containsExactly(
            new Edge(
                at(TOKYO, "2026-03-04T08:00"),
                State.ASLEEP,
                Edge.Reason.HOLIDAY,
                Optional.empty(),
                Optional.empty()),
            new Edge(
                at(TOKYO, "2026-03-04T20:00"),
                State.ASLEEP,
                Edge.Reason.SCHEDULE,
                Optional.empty(),
                Optional.empty()),
            new Edge(
                at(TOKYO, "2026-03-05T08:00"),
                State.AWAKE,
                Edge.Reason.SCHEDULE,
                Optional.empty(),
                Optional.empty()));
  }

  @Test
  void holidayFromCalendar_carriesItsName() {
    HolidayCalendar jp = HolidayCalendar.parse("jp", "2026-05-06: 振替休日\n");
    Schedule s =
        Schedule.compile(
            spec(TOKYO, List.of(), List.of("jp"), times("09:00", "18:00", "MON-FRI")),
            List.of(jp),
            Duration.ZERO);

    assertThat(s.nextEdge(at(TOKYO, "2026-05-05T19:00")))
        .contains(
            new Edge(
                at(TOKYO, "2026-05-06T09:00"),
                State.ASLEEP,
                Edge.Reason.HOLIDAY,
                Optional.empty(),
                Optional.of("振替休日")));
    assertThat(s.nextFiring(at(TOKYO, "2026-05-05T19:00")).map(Edge::at))
        .contains(at(TOKYO, "2026-05-06T18:00"));
  }

  @Test
  void holiday_doesNotCutAnOvernightWindowThatBeganTheDayBefore() {
    Schedule s =
        compile(
            spec(
                TOKYO,
                List.of(LocalDate.parse("2026-03-07")),
                List.of(),
                times("22:00", "06:00", "FRI,SAT")));

    assertThat(s.stateAt(at(TOKYO, "2026-03-07T03:00"))).isEqualTo(State.AWAKE);
    assertThat(s.stateAt(at(TOKYO, "2026-03-07T23:00"))).isEqualTo(State.ASLEEP);
  }

  @Test
  void wakeBy_startsTheLeadEarlierAndNamesTheDeadline() {
    Schedule s =
        Schedule.compile(
            spec(TOKYO, wakeBy("09:00", "18:00", "MON-FRI")), List.of(), Duration.ofMinutes(25));

    assertThat(s.nextEdge(at(TOKYO, "2026-03-02T00:00")))
        .contains(
            new Edge(
                at(TOKYO, "2026-03-02T08:35"),
                State.AWAKE,
                Edge.Reason.SCHEDULE,
                Optional.of(at(TOKYO, "2026-03-02T09:00")),
                Optional.empty()));
  }

  @Test
  void wakeBy_aSleepWithinTheLeadDoesNotInterruptThePreWarm() {
    Schedule s =
        Schedule.compile(
            spec(TOKYO, times("00:00", "08:50", "MON"), wakeBy("09:00", "18:00", "MON")),
            List.of(),
            Duration.ofMinutes(20));

    assertThat(s.stateAt(at(TOKYO, "2026-03-02T08:55"))).isEqualTo(State.AWAKE);
    assertThat(s.edgesBetween(at(TOKYO, "2026-03-02T00:00"), at(TOKYO, "2026-03-02T12:00")))
        .extracting(Edge::at)
        .containsExactly(at(TOKYO, "2026-03-02T08:40"));
  }

  @Test
  void cronWindow_firesLikeTheEquivalentTimes() {
    Schedule fromCron = compile(spec(TOKYO, cron("0 8 * * MON-FRI", "0 20 * * MON-FRI")));
    Schedule fromTimes = compile(spec(TOKYO, times("08:00", "20:00", "MON-FRI")));
    Instant from = at(TOKYO, "2026-01-01T00:00");
    Instant to = at(TOKYO, "2026-04-01T00:00");

    assertThat(fromCron.edgesBetween(from, to))
        .hasSize(2 * 64)
        .isEqualTo(fromTimes.edgesBetween(from, to));
  }

  @Test
  void cronWindow_skipsWakesOnHolidays() {
    Schedule s =
        compile(
            spec(
                TOKYO,
                List.of(LocalDate.parse("2026-03-04")),
                List.of(),
                cron("0 8 * * MON-FRI", "0 20 * * MON-FRI")));

    assertThat(s.stateAt(at(TOKYO, "2026-03-04T12:00"))).isEqualTo(State.ASLEEP);
    assertThat(s.stateAt(at(TOKYO, "2026-03-05T12:00"))).isEqualTo(State.AWAKE);
  }

  @Test
  void compile_invalidSpec_throwsWithFieldPaths() {
    assertThatThrownBy(
            () ->
                compile(
                    spec(
                        TOKYO, times("08:00", "20:00", "MON-FRI"), times("19:00", "22:00", "MON"))))
        .isInstanceOfSatisfying(
            ScheduleException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ScheduleProblem::path)
                    .containsExactly("schedule.windows[1]"));
  }

  @Test
  void compile_unknownCalendar_isAProblem() {
    assertThatThrownBy(
            () ->
                compile(spec(TOKYO, List.of(), List.of("jq"), times("08:00", "20:00", "MON-FRI"))))
        .isInstanceOfSatisfying(
            ScheduleException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        new ScheduleProblem(
                            "schedule.calendars[0]",
                            "unknown holiday calendar 'jq'; available: none")));
  }

  @Test
  void compile_leadBeyondTheMaximum_isRejected() {
    assertThatThrownBy(
            () ->
                Schedule.compile(
                    spec(TOKYO, wakeBy("09:00", "18:00", "MON-FRI")),
                    List.of(),
                    Schedule.MAX_WAKE_LEAD.plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wakeLead must be between 0 and PT6H");
  }
}
