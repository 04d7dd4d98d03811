package dev.daybreak.statuspage;

import java.util.List;

/**
 * The schedule of the next days as a timeline: one row per day in the environment's zone, the hours
 * it is meant to be awake drawn as bands, and the edges listed as text.
 *
 * @param zone the zone the days are in
 * @param days one row per day, from today
 * @param edges every change in the period, in order
 * @param problem why the schedule cannot be computed, if it cannot
 */
public record Timeline(
    String zone, List<Timeline.Day> days, List<Timeline.Change> edges, String problem) {

  /** The drawing's width: 24 hours at {@link #HOUR} units each, after the day's label. */
  public static final int HOUR = 20;

  public static final int LABEL = 120;

  public static final int ROW = 26;

  /** One day's row. */
  public record Day(String label, int y, List<Band> bands) {
    public int textY() {
      return y + 17;
    }
  }

  /** An awake stretch of a day, {@code x} and {@code width} in drawing units. */
  public record Band(int x, int y, int width, String title) {}

  /**
   * A change of effective state.
   *
   * @param at when
   * @param does e.g. {@code wake}
   * @param why e.g. {@code schedule}
   */
  public record Change(Moment at, String does, String why) {}

  public int width() {
    return LABEL + 24 * HOUR + 4;
  }

  public int height() {
    return days.size() * ROW + 22;
  }

  /** The hour marks along the top: every 6 hours. */
  public List<int[]> hourMarks() {
    return List.of(
        new int[] {LABEL, 0},
        new int[] {LABEL + 6 * HOUR, 6},
        new int[] {LABEL + 12 * HOUR, 12},
        new int[] {LABEL + 18 * HOUR, 18},
        new int[] {LABEL + 24 * HOUR, 24});
  }
}
