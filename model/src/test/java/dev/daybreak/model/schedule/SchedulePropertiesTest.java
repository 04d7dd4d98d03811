package dev.daybreak.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.ScheduleSpec;
import dev.daybreak.model.ScheduleWindow;
import dev.daybreak.model.State;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random windows, zones (Tokyo, Berlin, New York, Santiago), dates and holidays: the schedule is
 * the step function its windows describe.
 */
class SchedulePropertiesTest {

  /** One random case: a spec, holidays near the probe instant, a lead, and the probe instant. */
  record Case(ScheduleSpec spec, Set<LocalDate> holidays, Duration lead, Instant t) {
    Schedule compile() {
      ScheduleSpec withHolidays =
          new ScheduleSpec(spec.timeZone(), spec.windows(), List.copyOf(holidays), List.of());
      return Schedule.compile(withHolidays, List.of(), lead);
    }
  }

  @Provide
  Arbitrary<Case> pairedCases() {
    return cases(ScheduleArbitraries.pairedWindows(true));
  }

  @Provide
  Arbitrary<Case> anyTimeCases() {
    return cases(ScheduleArbitraries.anyTimeWindows());
  }

  private static Arbitrary<Case> cases(Arbitrary<ScheduleWindow> windows) {
    return ScheduleArbitraries.specs(windows)
        .flatMap(
            spec ->
                Combinators.combine(
                        ScheduleArbitraries.instants(spec.timeZone()),
                        Arbitraries.integers().between(-2, 1).set().ofMaxSize(3),
                        ScheduleArbitraries.leads())
                    .as(
                        (t, offsets, lead) -> {
                          LocalDate day = LocalDate.ofInstant(t, spec.timeZone());
                          Set<LocalDate> holidays = new TreeSet<>();
                          offsets.forEach(o -> holidays.add(day.plusDays(o)));
                          return new Case(spec, holidays, lead, t);
                        }));
  }

  @Property(tries = 1000)
  void stateAt_isTheUnionOfTheWindowsAwakePeriods(@ForAll("pairedCases") Case c) {
    assertThat(c.compile().stateAt(c.t())).isEqualTo(unionOracle(c, c.t()));
  }

  @Property(tries = 1000)
  void stateAt_isSetByTheLatestEdgeOfAnyWindow(@ForAll("anyTimeCases") Case c) {
    assertThat(c.compile().stateAt(c.t())).isEqualTo(latestEdgeOracle(c, c.t()));
  }

  @Property(tries = 300)
  void edges_areTheStepsOfStateAt(@ForAll("pairedCases") Case c) {
    Schedule s = c.compile();
    Instant from = c.t();
    Instant to = from.plus(Duration.ofDays(3));
    List<Edge> edges = s.edgesBetween(from, to);

    State before = s.stateAt(from);
    for (Edge e : edges) {
      assertThat(e.at()).isAfter(from).isBeforeOrEqualTo(to);
      assertThat(s.stateAt(e.at().minusNanos(1))).as("just before %s", e).isEqualTo(before);
      assertThat(s.stateAt(e.at())).as("at %s", e).isEqualTo(e.to());
      assertThat(s.edgeAt(e.at())).isEqualTo(e);
      before = e.to();
    }
    assertThat(s.stateAt(to)).isEqualTo(before);
    assertThat(s.nextEdge(from)).isEqualTo(edges.stream().findFirst().or(() -> s.nextEdge(to)));
    assertThat(edges).isSortedAccordingTo(Comparator.comparing(Edge::at));
    assertThat(edges).extracting(Edge::at).doesNotHaveDuplicates();
  }

  @Property(tries = 1000)
  void holidays_skipEveryWakeOfTheirDate(@ForAll("pairedCases") Case c) {
    Schedule s = c.compile();
    ZoneId zone = c.spec().timeZone();
    for (LocalDate holiday : c.holidays()) {
      Instant from = holiday.atStartOfDay(zone).toInstant().minus(c.lead());
      Instant to = holiday.plusDays(1).atStartOfDay(zone).toInstant();
      for (Edge e : s.edgesBetween(from, to)) {
        if (e.to() == State.AWAKE) {
          LocalDate declared = LocalDate.ofInstant(e.awakeBy().orElse(e.at()), zone);
          assertThat(declared).as("wake %s", e).isNotEqualTo(holiday);
        }
      }
    }
  }

  @Property(tries = 200)
  void dailyWake_firesExactlyOncePerLocalDay(
      @ForAll("zones") ZoneId zone, @ForAll("smallHours") LocalTime wake) {
    ScheduleWindow window =
        new ScheduleWindow(
            Optional.of(wake),
            Optional.empty(),
            Optional.empty(),
            Set.of(DayOfWeek.values()),
            Optional.empty(),
            Optional.empty());
    Schedule s =
        Schedule.compile(
            new ScheduleSpec(zone, List.of(window), List.of(), List.of()),
            List.of(),
            Duration.ZERO);

    List<Edge> edges =
        s.edgesBetween(
            LocalDate.of(2026, 1, 1).atStartOfDay(zone).toInstant().minusNanos(1),
            LocalDate.of(2027, 1, 1).atStartOfDay(zone).toInstant().minusNanos(1));

    assertThat(edges).hasSize(365);
    assertThat(edges).extracting(e -> LocalDate.ofInstant(e.at(), zone)).doesNotHaveDuplicates();
  }

  @Property(tries = 200)
  void cronWindow_firesExactlyLikeTheSameTimes(
      @ForAll("zones") ZoneId zone,
      @ForAll("times") LocalTime wake,
      @ForAll("times") LocalTime sleep,
      @ForAll("days") Set<DayOfWeek> days,
      @ForAll("instants") Instant from) {
    boolean overnight = !sleep.isAfter(wake);
    Set<DayOfWeek> sleepDays =
        overnight ? days.stream().map(d -> d.plus(1)).collect(Collectors.toSet()) : days;
    Schedule fromCron =
        Specs.compile(
            new ScheduleSpec(
                zone,
                List.of(Specs.cron(cron(wake, days), cron(sleep, sleepDays))),
                List.of(),
                List.of()));
    Schedule fromTimes =
        Specs.compile(
            new ScheduleSpec(
                zone,
                List.of(
                    new ScheduleWindow(
                        Optional.of(wake),
                        Optional.empty(),
                        Optional.of(sleep),
                        days,
                        Optional.empty(),
                        Optional.empty())),
                List.of(),
                List.of()));
    Instant to = from.plus(Duration.ofDays(10));

    assertThat(fromCron.edgesBetween(from, to)).isEqualTo(fromTimes.edgesBetween(from, to));
    assertThat(fromCron.stateAt(from)).isEqualTo(fromTimes.stateAt(from));
  }

  private static String cron(LocalTime time, Set<DayOfWeek> days) {
    return time.getMinute()
        + " "
        + time.getHour()
        + " * * "
        + days.stream()
            .sorted()
            .map(d -> d.name().substring(0, 3))
            .collect(Collectors.joining(","));
  }

  @Provide
  Arbitrary<LocalTime> times() {
    return ScheduleArbitraries.times();
  }

  @Provide
  Arbitrary<Set<DayOfWeek>> days() {
    return ScheduleArbitraries.days();
  }

  @Provide
  Arbitrary<Instant> instants() {
    return ScheduleArbitraries.instants(ZoneId.of("Europe/Berlin"));
  }

  @Provide
  Arbitrary<ZoneId> zones() {
    return ScheduleArbitraries.zones();
  }

  @Provide
  Arbitrary<LocalTime> smallHours() {
    return Arbitraries.integers().between(0, 4 * 60 - 1).map(m -> LocalTime.of(m / 60, m % 60));
  }

  /** Awake exactly when t lies in [wake - lead, sleep) of an occurrence not on a holiday. */
  private static State unionOracle(Case c, Instant t) {
    ZoneId zone = c.spec().timeZone();
    LocalDate today = LocalDate.ofInstant(t, zone);
    for (ScheduleWindow w : c.spec().windows()) {
      LocalTime wake = w.wakeAt().or(w::wakeBy).orElseThrow();
      LocalTime sleep = w.sleepAt().orElseThrow();
      Duration lead = w.wakeBy().isPresent() ? c.lead() : Duration.ZERO;
      for (LocalDate day = today.minusDays(2);
          !day.isAfter(today.plusDays(1));
          day = day.plusDays(1)) {
        if (!w.days().contains(day.getDayOfWeek()) || c.holidays().contains(day)) {
          continue;
        }
        Instant start = ScheduleArbitraries.firstShowing(day.atTime(wake), zone).minus(lead);
        LocalDate sleepDay = sleep.isAfter(wake) ? day : day.plusDays(1);
        Instant end = ScheduleArbitraries.firstShowing(sleepDay.atTime(sleep), zone);
        if (!t.isBefore(start) && t.isBefore(end)) {
          return State.AWAKE;
        }
      }
    }
    return State.ASLEEP;
  }

  /**
   * Lists every edge of the last 9 days by brute force and applies the latest: ordered by instant,
   * then wall-clock time, then a wake after a sleep.
   */
  private static State latestEdgeOracle(Case c, Instant t) {
    ZoneId zone = c.spec().timeZone();
    LocalDate today = LocalDate.ofInstant(t, zone);
    record Raw(Instant at, java.time.LocalDateTime local, State state) {}
    List<Raw> raws = new ArrayList<>();
    for (ScheduleWindow w : c.spec().windows()) {
      for (LocalDate day = today.minusDays(9);
          !day.isAfter(today.plusDays(1));
          day = day.plusDays(1)) {
        if (!w.days().contains(day.getDayOfWeek())) {
          continue;
        }
        if (w.wakeAt().isPresent() && !c.holidays().contains(day)) {
          raws.add(
              new Raw(
                  ScheduleArbitraries.firstShowing(day.atTime(w.wakeAt().get()), zone),
                  day.atTime(w.wakeAt().get()),
                  State.AWAKE));
        }
        if (w.sleepAt().isPresent()) {
          boolean overnight =
              w.wakeAt().isPresent() && !w.sleepAt().get().isAfter(w.wakeAt().get());
          LocalDate sleepDay = overnight ? day.plusDays(1) : day;
          raws.add(
              new Raw(
                  ScheduleArbitraries.firstShowing(sleepDay.atTime(w.sleepAt().get()), zone),
                  sleepDay.atTime(w.sleepAt().get()),
                  State.ASLEEP));
        }
      }
    }
    return raws.stream()
        .filter(r -> !r.at().isAfter(t))
        .max(
            Comparator.comparing(Raw::at)
                .thenComparing(Raw::local)
                .thenComparing(r -> r.state() == State.AWAKE))
        .map(Raw::state)
        .orElseThrow();
  }
}
