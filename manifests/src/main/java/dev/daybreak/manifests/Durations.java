package dev.daybreak.manifests;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as manifests write them: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2h}. */
final class Durations {

  /** What a duration may look like, for messages. */
  static final String FORMS =
      "hours, minutes and seconds in that order, each a whole number with its unit, such as 30s,"
          + " 5m, 1h30m or 2h";

  private static final Pattern FORM =
      Pattern.compile("(?:([0-9]{1,6})h)?(?:([0-9]{1,6})m)?(?:([0-9]{1,6})s)?");

  private Durations() {}

  /** The duration {@code text} writes, if it is one of the accepted forms. */
  static Optional<Duration> parse(String text) {
    Matcher matcher = FORM.matcher(text);
    if (text.isEmpty() || !matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        Duration.ofHours(part(matcher, 1))
            .plusMinutes(part(matcher, 2))
            .plusSeconds(part(matcher, 3)));
  }

  /** The shortest accepted form of a whole-second duration: {@code 1h30m}, {@code 45s}. */
  static String format(Duration duration) {
    long seconds = duration.toSeconds();
    StringBuilder out = new StringBuilder();
    if (seconds >= 3600) {
      out.append(seconds / 3600).append('h');
    }
    if (seconds % 3600 >= 60) {
      out.append(seconds % 3600 / 60).append('m');
    }
    if (seconds % 60 != 0 || seconds == 0) {
      out.append(seconds % 60).append('s');
    }
    return out.toString();
  }

  private static long part(Matcher matcher, int group) {
    String digits = matcher.group(group);
    return digits == null ? 0 : Long.parseLong(digits);
  }
}
