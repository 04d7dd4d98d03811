package dev.daybreak.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The table's keys and the typed reading of attributes. The key layout is a public contract (people
 * and scripts rely on it): {@code pk = env#<name>} with {@code sk} one of {@code spec}, {@code
 * desired}, {@code status} or {@code audit#<time>#<id>}.
 */
final class Items {

  static final String PK = "pk";
  static final String SK = "sk";
  static final String ENV_PREFIX = "env#";
  static final String SPEC = "spec";
  static final String DESIRED = "desired";
  static final String STATUS = "status";
  static final String AUDIT_PREFIX = "audit#";
  static final String THREAD = "thread";

  /**
   * The global secondary index keyed by sort key (partition key {@code sk}, sort key {@code pk}): a
   * Query of its {@code spec} or {@code desired} partition reads those items and nothing else,
   * however much audit history the table holds. Keyed by {@code sk} rather than by an attribute
   * only daybreak writes, so that a desired item someone creates by hand is in it too.
   */
  static final String BY_SORT_KEY_INDEX = dev.daybreak.config.TableIndex.NAME;

  /**
   * Fixed-width UTC instants (millisecond precision) for sort keys: {@link Instant#toString()}
   * drops trailing zero fractions, which would break lexicographic order.
   */
  private static final DateTimeFormatter SORTABLE_INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** What a valid instant attribute looks like, for messages. */
  static final String AN_INSTANT = "an ISO-8601 instant (S) such as 2026-11-30T09:00:00Z";

  /** How much of a malformed value an error message quotes; the rest is counted, not copied. */
  static final int QUOTED_MAX = 64;

  private Items() {}

  /**
   * {@code 'value'}, or its first {@link #QUOTED_MAX} characters and its length when longer, so
   * that a huge hand-edited value does not flood the logs every pass. The value is made safe to
   * show in a terminal and in Slack: characters that do not show (controls such as ESC, zero-width
   * and bidirectional formatting, separators other than the space) are spelled {@code [U+XXXX]},
   * and a backtick, which would end a Slack code span, is shown as a look-alike ({@code ˋ}).
   * Slack's own markup characters ({@code & < >}) are escaped where the text is sent to Slack.
   */
  static String quoted(String value) {
    int length = value.codePointCount(0, value.length());
    StringBuilder out = new StringBuilder("'");
    int shown = 0;
    for (int i = 0; i < value.length() && shown < QUOTED_MAX; shown++) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '`') {
        out.append('\u02cb');
      } else if (invisible(cp)) {
        out.append(String.format(Locale.ROOT, "[U+%04X]", cp));
      } else {
        out.appendCodePoint(cp);
      }
    }
    if (length <= QUOTED_MAX) {
      return out.append('\'').toString();
    }
    return out.append("...' (").append(length).append(" characters)").toString();
  }

  private static boolean invisible(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.PRIVATE_USE,
          Character.SURROGATE,
          Character.UNASSIGNED ->
          true;
      case Character.SPACE_SEPARATOR -> cp != ' ';
      default -> false;
    };
  }

  static String pk(String environment) {
    return ENV_PREFIX + environment;
  }

  static String environmentOf(Map<String, AttributeValue> item) {
    return item.get(PK).s().substring(ENV_PREFIX.length());
  }

  static String sortable(Instant instant) {
    return SORTABLE_INSTANT.format(instant);
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  static AttributeValue instant(Instant value) {
    return AttributeValue.fromS(value.toString());
  }

  /** How an attribute's type is named in messages: {@code a number (N)}. */
  static String describeType(AttributeValue value) {
    return switch (value.type()) {
      case S -> "a string (S)";
      case N -> "a number (N)";
      case B -> "binary (B)";
      case SS -> "a string set (SS)";
      case NS -> "a number set (NS)";
      case BS -> "a binary set (BS)";
      case M -> "a map (M)";
      case L -> "a list (L)";
      case BOOL -> "a boolean (BOOL)";
      case NUL -> "NULL";
      case UNKNOWN_TO_SDK_VERSION -> "an unknown type";
    };
  }

  /** Parses an ISO-8601 instant, with {@code Z} or an offset: {@code 2026-11-30T18:30:00+09:00}. */
  static Optional<Instant> parseInstant(String text) {
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(OffsetDateTime.parse(text).toInstant());
      } catch (DateTimeParseException again) {
        return Optional.empty();
      }
    }
  }

  /** A string attribute that must be present; {@code expected} says what would be valid. */
  static String requiredString(Map<String, AttributeValue> item, String name, String expected) {
    return optionalString(item, name)
        .orElseThrow(() -> new InvalidAttributeException(name, "is missing; expected " + expected));
  }

  /** A string attribute that may be absent. */
  static Optional<String> optionalString(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value.type() != AttributeValue.Type.S) {
      throw new InvalidAttributeException(
          name, "must be a string (S), found " + describeType(value));
    }
    return Optional.of(value.s());
  }

  /** A boolean attribute: absent or NULL reads as false. */
  static boolean optionalBool(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    if (value == null || value.type() == AttributeValue.Type.NUL) {
      return false;
    }
    if (value.type() != AttributeValue.Type.BOOL) {
      throw new InvalidAttributeException(
          name, "must be true or false (BOOL), found " + describeType(value));
    }
    return value.bool();
  }

  /** A non-negative whole-number attribute that may be absent. */
  static Optional<Long> optionalCount(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value.type() != AttributeValue.Type.N) {
      throw new InvalidAttributeException(
          name, "must be a number (N), found " + describeType(value));
    }
    try {
      long parsed = Long.parseLong(value.n());
      if (parsed < 0) {
        throw new InvalidAttributeException(name, "must be 0 or more, found " + value.n());
      }
      return Optional.of(parsed);
    } catch (NumberFormatException e) {
      throw new InvalidAttributeException(name, "must be a whole number, found " + value.n());
    }
  }

  /** A whole-number attribute that must be present. */
  static long requiredCount(Map<String, AttributeValue> item, String name) {
    return optionalCount(item, name)
        .orElseThrow(
            () -> new InvalidAttributeException(name, "is missing; expected a number (N)"));
  }

  /** An ISO-8601 instant attribute that must be present. */
  static Instant requiredInstant(Map<String, AttributeValue> item, String name) {
    String text = requiredString(item, name, AN_INSTANT);
    return parseInstant(text)
        .orElseThrow(
            () ->
                new InvalidAttributeException(
                    name, "is " + quoted(text) + "; expected " + AN_INSTANT));
  }

  /** One attribute is not what daybreak expects; the message names it and what would be valid. */
  static final class InvalidAttributeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String attribute;

    InvalidAttributeException(String attribute, String problem) {
      super("attribute '" + attribute + "' " + problem);
      this.attribute = attribute;
    }

    /** The attribute at fault. */
    String attribute() {
      return attribute;
    }
  }
}
