package dev.daybreak.model.schedule;

import dev.daybreak.model.State;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The occurrences of one edge of one window (its wake or its sleep) as instants: local times from
 * {@link LocalTimes}, mapped by {@link WallClock}, moved earlier by the pre-warming lead for a
 * {@code wakeBy} edge, and marked skipped when a wake falls on a holiday.
 */
final class EdgeStream {

  /** Occurrences in the order the schedule applies them; at one instant, the last one wins. */
  static final Comparator<Occurrence> ORDER =
      Comparator.comparing(Occurrence::at)
          .thenComparing(Occurrence::local)
          .thenComparing(Occurrence::state, Comparator.comparing(s -> s == State.AWAKE));

  private final LocalTimes times;
  private final State state;
  private final Duration lead;
  private final boolean preWarm;
  private final ZoneId zone;
  private final Map<LocalDate, String> holidays;

  EdgeStream(
      LocalTimes times,
      State state,
      Optional<Duration> preWarmLead,
      ZoneId zone,
      Map<LocalDate, String> holidays) {
    this.times = Objects.requireNonNull(times, "times");
    this.state = Objects.requireNonNull(state, "state");
    this.preWarm = preWarmLead.isPresent();
    this.lead = preWarmLead.orElse(Duration.ZERO);
    this.zone = Objects.requireNonNull(zone, "zone");
    // Holidays skip wakes only.
    this.holidays = state == State.AWAKE ? Map.copyOf(holidays) : Map.of();
  }

  State state() {
    return state;
  }

  boolean preWarm() {
    return preWarm;
  }

  /** The first occurrence strictly after {@code t}, skipped or not. */
  Optional<Occurrence> firstAfter(Instant t) {
    return times.after(WallClock.cut(t.plus(lead), zone)).map(this::lastAtSameInstant);
  }

  /** The last occurrence at or before {@code t} that is not skipped for a holiday. */
  Optional<Occurrence> lastNotSkippedAtOrBefore(Instant t) {
    LocalDateTime bound = WallClock.cut(t.plus(lead), zone);
    while (true) {
      Optional<LocalDateTime> local = times.atOrBefore(bound);
      if (local.isEmpty()) {
        return Optional.empty();
      }
      LocalDate date = local.get().toLocalDate();
      if (!holidays.containsKey(date)) {
        return local.map(this::occurrence);
      }
      bound = date.atStartOfDay().minusNanos(1);
    }
  }

  /**
   * Several local times in a skipped hour (spring forward) share one instant; of those, the last
   * one stands for the group, so ties between streams are decided as the wall clock would.
   */
  private Occurrence lastAtSameInstant(LocalDateTime local) {
    ZoneOffsetTransition transition = zone.getRules().getTransition(local);
    LocalDateTime last = local;
    if (transition != null && transition.isGap()) {
      Optional<LocalDateTime> next = times.after(last);
      while (next.isPresent() && next.get().isBefore(transition.getDateTimeAfter())) {
        last = next.get();
        next = times.after(last);
      }
    }
    return occurrence(last);
  }

  private Occurrence occurrence(LocalDateTime local) {
    Instant nominal = WallClock.instant(local, zone);
    Optional<String> holiday = Optional.ofNullable(holidays.get(local.toLocalDate()));
    return new Occurrence(
        nominal.minus(lead),
        local,
        state,
        holiday.isPresent(),
        holiday.filter(name -> !name.isEmpty()),
        preWarm ? Optional.of(nominal) : Optional.empty(),
        this);
  }

  /**
   * One occurrence.
   *
   * @param at when it takes effect
   * @param local the wall-clock time it was declared for (for a pre-warming wake: the deadline)
   * @param state the state it sets
   * @param skipped a wake on a holiday
   * @param holiday the holiday's name, if skipped and named
   * @param awakeBy the deadline of a pre-warming wake
   * @param stream where it came from
   */
  record Occurrence(
      Instant at,
      LocalDateTime local,
      State state,
      boolean skipped,
      Optional<String> holiday,
      Optional<Instant> awakeBy,
      EdgeStream stream) {}
}
