package dev.daybreak.model.schedule;

import com.cronutils.model.time.ExecutionTime;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

/**
 * The local wall-clock times one edge of a window fires at. Searches run in local time, free of any
 * zone: a daylight-saving transition cannot make a time fire twice or not at all here; {@link
 * WallClock} maps the result to an instant.
 */
sealed interface LocalTimes {

  /** The first time strictly after {@code t}. */
  Optional<LocalDateTime> after(LocalDateTime t);

  /** The last time at or before {@code t}. */
  Optional<LocalDateTime> atOrBefore(LocalDateTime t);

  /** {@code time} on each of {@code days}. */
  record Daily(LocalTime time, Set<DayOfWeek> days) implements LocalTimes {

    public Daily {
      days = Set.copyOf(days);
      if (days.isEmpty()) {
        throw new IllegalArgumentException("a daily edge needs at least one day");
      }
    }

    @Override
    public Optional<LocalDateTime> after(LocalDateTime t) {
      LocalDate day = t.toLocalDate();
      for (int i = 0; i <= 7; i++, day = day.plusDays(1)) {
        LocalDateTime candidate = day.atTime(time);
        if (candidate.isAfter(t) && days.contains(day.getDayOfWeek())) {
          return Optional.of(candidate);
        }
      }
      throw new IllegalStateException("no day of " + days + " within a week after " + t);
    }

    @Override
    public Optional<LocalDateTime> atOrBefore(LocalDateTime t) {
      LocalDate day = t.toLocalDate();
      for (int i = 0; i <= 7; i++, day = day.minusDays(1)) {
        LocalDateTime candidate = day.atTime(time);
        if (!candidate.isAfter(t) && days.contains(day.getDayOfWeek())) {
          return Optional.of(candidate);
        }
      }
      throw new IllegalStateException("no day of " + days + " within a week before " + t);
    }
  }

  /**
   * The firings of a cron expression, evaluated on the wall clock: cron-utils runs in UTC, where no
   * transition exists, on local date-times.
   */
  record Cron(String expression, ExecutionTime executions) implements LocalTimes {

    @Override
    public Optional<LocalDateTime> after(LocalDateTime t) {
      return executions.nextExecution(t.atZone(ZoneOffset.UTC)).map(z -> z.toLocalDateTime());
    }

    @Override
    public Optional<LocalDateTime> atOrBefore(LocalDateTime t) {
      // lastExecution is strictly before its argument.
      return executions
          .lastExecution(t.plusNanos(1).atZone(ZoneOffset.UTC))
          .map(z -> z.toLocalDateTime());
    }
  }
}
