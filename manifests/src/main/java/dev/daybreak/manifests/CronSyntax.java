package dev.daybreak.manifests;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A first check of cron expressions: the field count and characters. The schedule (issue 7) parses
 * them fully with cron-utils; this only catches what is plainly not a cron expression.
 */
final class CronSyntax {

  static final String FORMS =
      "5 fields (minute hour day-of-month month day-of-week, e.g. '0 8 * * MON-FRI'), or 6 with"
          + " seconds first";

  private static final Pattern FIELD = Pattern.compile("[0-9A-Za-z*?/,#LW-]+");

  private CronSyntax() {}

  /** What is wrong with {@code expression}, if anything. */
  static Optional<String> problem(String expression) {
    String[] fields = expression.trim().split("\\s+");
    if (expression.isBlank() || fields.length < 5 || fields.length > 6) {
      return Optional.of(
          "'"
              + Node.shorten(expression)
              + "' has "
              + (expression.isBlank() ? 0 : fields.length)
              + " fields; a cron expression has "
              + FORMS);
    }
    for (String field : fields) {
      if (!FIELD.matcher(field).matches()) {
        return Optional.of(
            "the cron field '"
                + Node.shorten(field)
                + "' has characters cron does not use; fields hold digits, names (MON, JAN),"
                + " and * ? / , - # L W");
      }
    }
    return Optional.empty();
  }
}
