package dev.daybreak.model;

import java.time.Duration;
import java.util.Objects;

/**
 * The durations one setting allows, both ends included; each caller of {@link Durations} states its
 * own and locates the error {@link #parse} reports (a manifest's file:line:col and path, a
 * command-line option, a chat-ops command).
 *
 * @param min the shortest allowed; {@link Duration#ZERO} allows zero, {@link #positive} does not
 * @param max the longest allowed
 */
public record DurationRange(Duration min, Duration max) {

  /**
   * The longest duration any setting without a limit of its own accepts: far past anything anyone
   * means, and far enough below {@link java.time.Instant#MAX} that adding it to now cannot
   * overflow.
   */
  public static final Duration LONGEST = Duration.ofDays(3650);

  private static final Duration JUST_ABOVE_ZERO = Duration.ofNanos(1);

  public DurationRange {
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    if (min.isNegative() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException(
          "a duration range needs 0 <= min <= max, was " + min + " to " + max);
    }
  }

  /** From {@code min} to {@code max}, both included. */
  public static DurationRange between(Duration min, Duration max) {
    return new DurationRange(min, max);
  }

  /** Longer than zero, up to {@link #LONGEST}. */
  public static DurationRange positive() {
    return new DurationRange(JUST_ABOVE_ZERO, LONGEST);
  }

  /** Zero or longer, up to {@link #LONGEST}. */
  public static DurationRange nonNegative() {
    return new DurationRange(Duration.ZERO, LONGEST);
  }

  /** Whether {@code duration} is in the range. */
  public boolean contains(Duration duration) {
    return duration.compareTo(min) >= 0 && duration.compareTo(max) <= 0;
  }

  /**
   * The duration {@code text} writes, if it is in the {@link Durations} grammar and in this range.
   *
   * @throws IllegalArgumentException saying what was found and what would be valid, without saying
   *     where: the caller prefixes its own location
   */
  public Duration parse(String text) {
    Duration duration =
        Durations.parse(text)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "'"
                            + quote(text)
                            + "' is not a duration; expected "
                            + describe()
                            + ", written as "
                            + Durations.FORMS));
    if (!contains(duration)) {
      throw new IllegalArgumentException(
          "'" + quote(text) + "' is out of range; expected " + describe());
    }
    return duration;
  }

  /**
   * The range for messages: {@code a duration from 1s to 24h}, {@code a duration above 0s up to
   * 3650d}.
   */
  public String describe() {
    if (min.equals(JUST_ABOVE_ZERO)) {
      return "a duration above 0s" + upTo();
    }
    if (min.isZero()) {
      return "a duration of 0s or more" + upTo();
    }
    return "a duration from " + Durations.format(min) + " to " + Durations.format(max);
  }

  private String upTo() {
    return " up to " + (max.equals(LONGEST) ? LONGEST.toDays() + "d" : Durations.format(max));
  }

  /** At most 64 characters of what was written, so a huge value does not flood a message. */
  private static String quote(String text) {
    return text.length() <= 64 ? text : text.substring(0, 61) + "...";
  }
}
