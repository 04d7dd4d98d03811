package dev.daybreak.model.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Maps local wall-clock times of a zone to instants, the way schedules read them across
 * daylight-saving transitions.
 *
 * <ul>
 *   <li>A local time that does not exist (the hour skipped when clocks spring forward) happens at
 *       the transition itself, the next valid instant: 02:30 on a spring-forward day in
 *       Europe/Berlin is 03:00 CEST.
 *   <li>A local time that exists twice (the hour repeated when clocks fall back) happens once, at
 *       its first occurrence (the earlier offset): 01:30 on the fall-back day in America/New_York
 *       is 01:30 EDT.
 * </ul>
 *
 * The map is monotonic (a later local time never maps to an earlier instant), which lets edge
 * sources search in local time and {@link #cut} translate an instant bound into a local one.
 */
final class WallClock {

  private WallClock() {}

  /** The instant a local wall-clock time happens at, by the rules above. */
  static Instant instant(LocalDateTime local, ZoneId zone) {
    ZoneOffsetTransition transition = zone.getRules().getTransition(local);
    if (transition != null && transition.isGap()) {
      return transition.getInstant();
    }
    return local.atZone(zone).toInstant();
  }

  /**
   * The latest local time that has happened by {@code t}: for every local time {@code l}, {@code
   * instant(l) <= t} exactly when {@code l <= cut(t)}.
   */
  static LocalDateTime cut(Instant t, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    ZoneOffsetTransition last = rules.previousTransition(t.plusNanos(1));
    if (last != null && last.isOverlap()) {
      Instant secondPassEnds = last.getInstant().plus(last.getDuration().abs());
      if (t.isBefore(secondPassEnds)) {
        // t lies in the repeated hour's second pass: every repeated local time already happened
        // (during the first pass), and none after the repeated hour has.
        return last.getDateTimeBefore().minusNanos(1);
      }
    }
    return LocalDateTime.ofInstant(t, zone);
  }
}
