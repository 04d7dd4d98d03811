package dev.daybreak.model.schedule;

import dev.daybreak.model.ScheduleSpec;
import dev.daybreak.model.ScheduleWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators for schedule properties: zones, windows, specs and instants near transitions. */
final class ScheduleArbitraries {

  /** Tokyo (no DST), Berlin and New York (1-hour DST at 02:00), Santiago (DST at midnight). */
  static final List<String> ZONES =
      List.of("Asia/Tokyo", "Europe/Berlin", "America/New_York", "America/Santiago");

  static final LocalDate FIRST = LocalDate.of(2026, 1, 1);
  static final LocalDate LAST = LocalDate.of(2027, 12, 31);

  private ScheduleArbitraries() {}

  static Arbitrary<ZoneId> zones() {
    return Arbitraries.of(ZONES).map(ZoneId::of);
  }

  /** Times of day, often in the small hours where transitions happen, often on the hour. */
  static Arbitrary<LocalTime> times() {
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 24 * 60 - 1)),
            net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 4 * 60 - 1)),
            net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 23).map(h -> h * 60)))
        .map(m -> LocalTime.of(m / 60, m % 60));
  }

  static Arbitrary<Set<DayOfWeek>> days() {
    return Arbitraries.subsetOf(DayOfWeek.values())
        .ofMinSize(1)
        .map(s -> Set.copyOf(EnumSet.copyOf(s)));
  }

  /** A window with a wake ({@code wakeAt}, or {@code wakeBy} when asked) and a sleep. */
  static Arbitrary<ScheduleWindow> pairedWindows(boolean allowWakeBy) {
    return Combinators.combine(
            times(),
            times(),
            days(),
            allowWakeBy ? Arbitraries.of(true, false) : Arbitraries.just(false))
        .as(
            (wake, sleep, days, by) ->
                new ScheduleWindow(
                    by ? Optional.empty() : Optional.of(wake),
                    by ? Optional.of(wake) : Optional.empty(),
                    Optional.of(sleep),
                    days,
                    Optional.empty(),
                    Optional.empty()));
  }

  /** A window with only a wake, only a sleep, or both, given as times. */
  static Arbitrary<ScheduleWindow> anyTimeWindows() {
    return Combinators.combine(times(), times(), days(), Arbitraries.integers().between(0, 2))
        .as(
            (wake, sleep, days, shape) ->
                new ScheduleWindow(
                    shape == 1 ? Optional.empty() : Optional.of(wake),
                    Optional.empty(),
                    shape == 0 ? Optional.empty() : Optional.of(sleep),
                    days,
                    Optional.empty(),
                    Optional.empty()));
  }

  /** Valid specs of 1 to 3 windows from {@code windows}, with no holidays. */
  static Arbitrary<ScheduleSpec> specs(Arbitrary<ScheduleWindow> windows) {
    return Combinators.combine(zones(), windows.list().ofMinSize(1).ofMaxSize(3))
        .as((zone, ws) -> new ScheduleSpec(zone, ws, List.of(), List.of()))
        .filter(s -> ScheduleValidator.validate("schedule", s, Set.of()).isEmpty());
  }

  static Arbitrary<Duration> leads() {
    return Arbitraries.integers().between(0, 180).map(Duration::ofMinutes);
  }

  /** Instants in 2026–2027, a third of them within a day of one of the zone's transitions. */
  static Arbitrary<Instant> instants(ZoneId zone) {
    Arbitrary<Instant> anywhere =
        Arbitraries.longs()
            .between(
                FIRST.atStartOfDay(zone).toEpochSecond(), LAST.atStartOfDay(zone).toEpochSecond())
            .map(Instant::ofEpochSecond);
    List<Instant> transitions = transitions(zone);
    if (transitions.isEmpty()) {
      return anywhere;
    }
    Arbitrary<Instant> nearTransition =
        Combinators.combine(
                Arbitraries.of(transitions), Arbitraries.longs().between(-86_400, 86_400))
            .as((t, offset) -> t.plusSeconds(offset));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, anywhere), net.jqwik.api.Tuple.of(1, nearTransition));
  }

  static List<Instant> transitions(ZoneId zone) {
    List<Instant> out = new ArrayList<>();
    Instant t = FIRST.atStartOfDay(zone).toInstant();
    Instant end = LAST.atStartOfDay(zone).toInstant();
    for (ZoneOffsetTransition next = zone.getRules().nextTransition(t);
        next != null && next.getInstant().isBefore(end);
        next = zone.getRules().nextTransition(next.getInstant())) {
      out.add(next.getInstant());
    }
    return out;
  }

  /** The first instant at which the zone's clock shows {@code local} or later. */
  static Instant firstShowing(LocalDateTime local, ZoneId zone) {
    List<java.time.ZoneOffset> valid = zone.getRules().getValidOffsets(local);
    if (valid.isEmpty()) {
      // Skipped by the clock: the first time it shows a later time is the jump itself.
      return zone.getRules().getTransition(local).getInstant();
    }
    return valid.stream().map(local::toInstant).min(Instant::compareTo).orElseThrow();
  }
}
