package dev.daybreak.model.schedule;

import dev.daybreak.model.ScheduleSpec;
import dev.daybreak.model.ScheduleWindow;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a {@link ScheduleSpec} for mistakes a person can make in a manifest and reports each with
 * its field path. Pure: the caller says which holiday calendars exist.
 *
 * <p>What is checked: at least one window; per window, one form only (times: {@code wakeAt} or
 * {@code wakeBy}, {@code sleepAt}, {@code days}; or cron: {@code wakeCron}, {@code sleepCron}), not
 * both {@code wakeAt} and {@code wakeBy}, at least one edge, days for times and none for cron,
 * whole minutes, cron syntax; windows given as times must not overlap (an overlap means one
 * window's sleep would cut the other short); every named calendar exists.
 *
 * <p>Cron windows are not checked for overlap with each other (their firings need not repeat
 * weekly); for them the latest edge wins, as everywhere.
 */
public final class ScheduleValidator {

  private static final int DAY = 24 * 60;
  private static final int WEEK = 7 * DAY;

  private ScheduleValidator() {}

  /**
   * Every problem of the schedule.
   *
   * @param path the schedule's own field path, prefixed to each problem's path (e.g. {@code
   *     spec.schedule})
   * @param spec the schedule
   * @param knownCalendars the names of the holiday calendars that exist
   */
  public static List<ScheduleProblem> validate(
      String path, ScheduleSpec spec, Set<String> knownCalendars) {
    List<ScheduleProblem> problems = new ArrayList<>();
    if (spec.windows().isEmpty()) {
      problems.add(
          new ScheduleProblem(
              path + ".windows",
              "no windows; declare at least one, e.g. {wakeAt: '08:00', sleepAt: '20:00', days:"
                  + " MON-FRI}"));
    }
    for (int i = 0; i < spec.windows().size(); i++) {
      window(path + ".windows[" + i + "]", spec.windows().get(i), problems);
    }
    if (problems.isEmpty()) {
      overlaps(path, spec.windows(), problems);
    }
    for (int i = 0; i < spec.calendars().size(); i++) {
      String name = spec.calendars().get(i);
      if (!knownCalendars.contains(name)) {
        problems.add(
            new ScheduleProblem(
                path + ".calendars[" + i + "]",
                "unknown holiday calendar '"
                    + name
                    + "'; available: "
                    + (knownCalendars.isEmpty()
                        ? "none"
                        : String.join(", ", new TreeSet<>(knownCalendars)))));
      }
    }
    return List.copyOf(problems);
  }

  private static void window(String p, ScheduleWindow w, List<ScheduleProblem> problems) {
    boolean times = w.wakeAt().isPresent() || w.wakeBy().isPresent() || w.sleepAt().isPresent();
    boolean crons = w.wakeCron().isPresent() || w.sleepCron().isPresent();
    if (!times && !crons) {
      problems.add(
          new ScheduleProblem(
              p, "a window needs wakeAt, wakeBy or sleepAt (with days), or wakeCron or sleepCron"));
      return;
    }
    if (times && crons) {
      problems.add(
          new ScheduleProblem(
              p,
              "a window uses either times (wakeAt or wakeBy, sleepAt, days) or cron (wakeCron,"
                  + " sleepCron), not both; split it into two windows"));
      return;
    }
    if (w.wakeAt().isPresent() && w.wakeBy().isPresent()) {
      problems.add(
          new ScheduleProblem(
              p + ".wakeBy",
              "wakeAt and wakeBy are both set; use wakeAt (start waking then) or wakeBy (be awake"
                  + " by then), not both"));
    }
    if (times) {
      wholeMinutes(p + ".wakeAt", w.wakeAt(), problems);
      wholeMinutes(p + ".wakeBy", w.wakeBy(), problems);
      wholeMinutes(p + ".sleepAt", w.sleepAt(), problems);
      if (w.days().isEmpty()) {
        problems.add(
            new ScheduleProblem(p + ".days", "no days; name the days, e.g. MON-FRI or SAT,SUN"));
      }
    } else {
      if (!w.days().isEmpty()) {
        problems.add(
            new ScheduleProblem(
                p + ".days",
                "days apply to wakeAt, wakeBy and sleepAt only; a cron expression names its days in"
                    + " its fifth field (e.g. '0 8 * * MON-FRI')"));
      }
      w.wakeCron()
          .flatMap(c -> CronExpressions.parse(c).problem())
          .ifPresent(m -> problems.add(new ScheduleProblem(p + ".wakeCron", m)));
      w.sleepCron()
          .flatMap(c -> CronExpressions.parse(c).problem())
          .ifPresent(m -> problems.add(new ScheduleProblem(p + ".sleepCron", m)));
    }
  }

  private static void wholeMinutes(
      String p, Optional<LocalTime> time, List<ScheduleProblem> problems) {
    time.filter(t -> t.getSecond() != 0 || t.getNano() != 0)
        .ifPresent(
            t ->
                problems.add(
                    new ScheduleProblem(
                        p, "times are whole minutes (HH:mm), found " + t + "; e.g. 08:30")));
  }

  /** Reports each pair of time windows whose awake periods intersect in the local week. */
  private static void overlaps(
      String path, List<ScheduleWindow> windows, List<ScheduleProblem> out) {
    for (int j = 0; j < windows.size(); j++) {
      for (int i = 0; i < j; i++) {
        Optional<int[]> shared = firstOverlap(intervals(windows.get(i)), intervals(windows.get(j)));
        if (shared.isPresent()) {
          out.add(
              new ScheduleProblem(
                  path + ".windows[" + j + "]",
                  "overlaps windows["
                      + i
                      + "] on "
                      + describe(shared.get())
                      + " (local time); one window's sleep would cut the other short: make the"
                      + " windows disjoint or merge them"));
        }
      }
    }
  }

  /** The awake periods of a time window as [start, end) minutes of the week from Monday 00:00. */
  private static List<int[]> intervals(ScheduleWindow w) {
    Optional<LocalTime> wake = w.wakeAt().or(w::wakeBy);
    if (wake.isEmpty() || w.sleepAt().isEmpty()) {
      return List.of();
    }
    int start = minuteOfDay(wake.get());
    int sleep = minuteOfDay(w.sleepAt().get());
    int length = sleep > start ? sleep - start : sleep - start + DAY;
    List<int[]> out = new ArrayList<>();
    for (DayOfWeek day : w.days()) {
      int from = (day.getValue() - 1) * DAY + start;
      int to = from + length;
      if (to <= WEEK) {
        out.add(new int[] {from, to});
      } else {
        out.add(new int[] {from, WEEK});
        out.add(new int[] {0, to - WEEK});
      }
    }
    return out;
  }

  private static Optional<int[]> firstOverlap(List<int[]> a, List<int[]> b) {
    int[] best = null;
    for (int[] x : a) {
      for (int[] y : b) {
        int from = Math.max(x[0], y[0]);
        int to = Math.min(x[1], y[1]);
        if (from < to && (best == null || from < best[0])) {
          best = new int[] {from, to};
        }
      }
    }
    return Optional.ofNullable(best);
  }

  private static String describe(int[] interval) {
    return at(interval[0]) + "–" + at(interval[1]).substring(4);
  }

  private static String at(int minuteOfWeek) {
    DayOfWeek day = DayOfWeek.of(Math.min(minuteOfWeek / DAY, 6) + 1);
    int minute = minuteOfWeek - (day.getValue() - 1) * DAY;
    return String.format(
        Locale.ROOT, "%s %02d:%02d", day.name().substring(0, 3), minute / 60, minute % 60);
  }

  private static int minuteOfDay(LocalTime t) {
    return t.getHour() * 60 + t.getMinute();
  }
}
