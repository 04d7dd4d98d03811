package dev.daybreak.model.schedule;

import static dev.daybreak.model.schedule.Specs.at;
import static dev.daybreak.model.schedule.Specs.compile;
import static dev.daybreak.model.schedule.Specs.cron;
import static dev.daybreak.model.schedule.Specs.spec;
import static dev.daybreak.model.schedule.Specs.times;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.daybreak.model.State;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The 2026 transitions: Berlin Mar 29 / Oct 25, New York Mar 8 / Nov 1; Tokyo has none. */
class DaylightSavingTest {

  private static final String BERLIN = "Europe/Berlin";
  private static final String NEW_YORK = "America/New_York";
  private static final String TOKYO = "Asia/Tokyo";

  @Test
  void berlinSpringForward_wakeAt0230_happensOnceAt0300Cest() {
    Schedule s = compile(spec(BERLIN, times("02:30", "20:00", "MON-SUN")));

    assertThat(day(s, BERLIN, "2026-03-29"))
        .extracting(Edge::at, Edge::to)
        .containsExactly(
            tuple(Instant.parse("2026-03-29T01:00:00Z"), State.AWAKE),
            tuple(Instant.parse("2026-03-29T18:00:00Z"), State.ASLEEP));
  }

  @Test
  void newYorkSpringForward_wakeAt0230_happensOnceAt0300Edt() {
    Schedule s = compile(spec(NEW_YORK, times("02:30", "20:00", "MON-SUN")));

    assertThat(day(s, NEW_YORK, "2026-03-08"))
        .extracting(Edge::at, Edge::to)
        .containsExactly(
            tuple(Instant.parse("2026-03-08T07:00:00Z"), State.AWAKE),
            tuple(Instant.parse("2026-03-09T00:00:00Z"), State.ASLEEP));
  }

  @Test
  void springForward_cronWakeAt0230_happensOnceAtTheTransitionToo() {
    Schedule s = compile(spec(BERLIN, cron("30 2 * * *", "0 20 * * *")));

    assertThat(day(s, BERLIN, "2026-03-29"))
        .extracting(Edge::at)
        .containsExactly(
            Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-03-29T18:00:00Z"));
  }

  @Test
  void springForward_windowInsideTheSkippedHour_neverWakes() {
    Schedule s = compile(spec(BERLIN, times("02:15", "02:45", "MON-SUN")));

    assertThat(day(s, BERLIN, "2026-03-29"))
        .containsExactly(
            new Edge(
                Instant.parse("2026-03-29T01:00:00Z"),
                State.ASLEEP,
                Edge.Reason.SCHEDULE,
                Optional.empty(),
                Optional.empty()));
    assertThat(s.stateAt(Instant.parse("2026-03-29T01:00:00Z"))).isEqualTo(State.ASLEEP);
    assertThat(s.stateAt(at(BERLIN, "2026-03-30T02:30"))).isEqualTo(State.AWAKE);
  }

  @Test
  void springForward_overnightWindow_isAnHourShorter() {
    Schedule s = compile(spec(BERLIN, times("22:00", "06:00", "SAT")));

    List<Edge> edges = day(s, BERLIN, "2026-03-28");
    edges.addAll(day(s, BERLIN, "2026-03-29"));

    assertThat(Duration.between(edges.get(0).at(), edges.get(1).at())).hasHours(7);
  }

  @Test
  void newYorkFallBack_wakeAt0130_happensOnceAtTheFirstOccurrence() {
    Schedule s = compile(spec(NEW_YORK, times("01:30", "09:00", "MON-SUN")));

    assertThat(day(s, NEW_YORK, "2026-11-01"))
        .extracting(Edge::at, Edge::to)
        .containsExactly(
            tuple(Instant.parse("2026-11-01T05:30:00Z"), State.AWAKE),
            tuple(Instant.parse("2026-11-01T14:00:00Z"), State.ASLEEP));
    assertThat(s.stateAt(Instant.parse("2026-11-01T06:30:00Z"))).isEqualTo(State.AWAKE);
  }

  @Test
  void newYorkFallBack_windowInsideTheRepeatedHour_runsOnlyInTheFirstPass() {
    Schedule s = compile(spec(NEW_YORK, times("01:30", "01:45", "MON-SUN")));

    assertThat(day(s, NEW_YORK, "2026-11-01"))
        .extracting(Edge::at)
        .containsExactly(
            Instant.parse("2026-11-01T05:30:00Z"), Instant.parse("2026-11-01T05:45:00Z"));
    // 01:40 EST, the second pass: the window already ran an hour ago.
    assertThat(s.stateAt(Instant.parse("2026-11-01T06:40:00Z"))).isEqualTo(State.ASLEEP);
    assertThat(s.nextEdge(Instant.parse("2026-11-01T06:40:00Z")).map(Edge::at))
        .contains(Instant.parse("2026-11-02T06:30:00Z"));
  }

  @Test
  void newYorkFallBack_cronWakeAt0130_happensOnce() {
    Schedule s = compile(spec(NEW_YORK, cron("30 1 * * *", "0 9 * * *")));

    assertThat(day(s, NEW_YORK, "2026-11-01"))
        .extracting(Edge::at)
        .containsExactly(
            Instant.parse("2026-11-01T05:30:00Z"), Instant.parse("2026-11-01T14:00:00Z"));
  }

  @Test
  void berlinFallBack_wakeAt0230_happensOnceInSummerTime() {
    Schedule s = compile(spec(BERLIN, times("02:30", "02:45", "MON-SUN")));

    assertThat(day(s, BERLIN, "2026-10-25"))
        .extracting(Edge::at)
        .containsExactly(
            Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-25T00:45:00Z"));
  }

  @Test
  void tokyo_hasNoTransitions_soDailyWakesAreExactly24HoursApart() {
    Schedule s = compile(spec(TOKYO, times("02:30", "20:00", "MON-SUN")));

    List<Instant> wakes =
        s.edgesBetween(at(TOKYO, "2026-01-01T00:00"), at(TOKYO, "2027-01-01T00:00")).stream()
            .filter(e -> e.to() == State.AWAKE)
            .map(Edge::at)
            .toList();

    assertThat(ZoneId.of(TOKYO).getRules().nextTransition(Instant.parse("2026-01-01T00:00:00Z")))
        .isNull();
    assertThat(wakes).hasSize(365);
    for (int i = 1; i < wakes.size(); i++) {
      assertThat(Duration.between(wakes.get(i - 1), wakes.get(i))).isEqualTo(Duration.ofDays(1));
    }
  }

  /** The edges of one local day, from midnight (exclusive) to the next midnight (inclusive). */
  private static List<Edge> day(Schedule s, String zone, String date) {
    LocalDate d = LocalDate.parse(date);
    ZoneId z = ZoneId.of(zone);
    return new ArrayList<>(
        s.edgesBetween(
            d.atStartOfDay(z).toInstant().minusNanos(1),
            d.plusDays(1).atStartOfDay(z).toInstant().minusNanos(1)));
  }
}
