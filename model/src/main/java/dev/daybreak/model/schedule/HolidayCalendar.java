package dev.daybreak.model.schedule;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named set of holidays, kept as data (for example {@code manifests/calendars/jp.yaml}) and
 * referred to from a schedule's {@code calendars}.
 *
 * <p>The text format (documented for users in {@code manifests/calendars/README.md}) is a strict
 * subset of YAML, so any YAML tool reads it too: one {@code YYYY-MM-DD: name} per line, {@code #}
 * comments, blank lines. The name is optional and may be wrapped in quotes. Parsing is a pure
 * function of the text; reading the file is the caller's.
 *
 * @param name the calendar's name, the file name without {@code .yaml} (e.g. {@code jp})
 * @param holidays each holiday's date and name (empty when the file gives none), sorted
 */
public record HolidayCalendar(String name, SortedMap<LocalDate, String> holidays) {

  /** What a calendar name may look like: lower-case letters, digits and dashes. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private static final Pattern ENTRY = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}):((?:[ \\t].*)?)");
  private static final Pattern COMMENT = Pattern.compile("\\s#");
  private static final String EXPECTED =
      "expected one holiday per line as 'YYYY-MM-DD: name' (e.g. '2026-01-01: New Year's Day')";

  public HolidayCalendar {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "calendar name '" + name + "' must match " + NAME.pattern() + " (e.g. jp, us-ny, acme)");
    }
    holidays = Collections.unmodifiableSortedMap(new TreeMap<>(holidays));
  }

  /**
   * Parses a calendar's text.
   *
   * @param name the calendar's name (see {@link #NAME})
   * @param text the file's content
   * @throws CalendarException listing every malformed line; nothing is returned then
   */
  public static HolidayCalendar parse(String name, String text) {
    List<CalendarProblem> problems = new ArrayList<>();
    Map<LocalDate, Integer> lineOf = new HashMap<>();
    SortedMap<LocalDate, String> holidays = new TreeMap<>();
    String[] lines = text.split("\r?\n", -1);
    boolean started = false;
    for (int i = 0; i < lines.length; i++) {
      int lineNumber = i + 1;
      String line = (i == 0 ? stripByteOrderMark(lines[i]) : lines[i]).stripTrailing();
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      if (line.equals("---") && !started) {
        started = true;
        continue;
      }
      started = true;
      if (Character.isWhitespace(line.charAt(0))) {
        problems.add(new CalendarProblem(lineNumber, "indented line; " + EXPECTED));
        continue;
      }
      Matcher entry = ENTRY.matcher(line);
      if (!entry.matches()) {
        problems.add(new CalendarProblem(lineNumber, "found '" + line + "'; " + EXPECTED));
        continue;
      }
      LocalDate date;
      try {
        date = LocalDate.parse(entry.group(1));
      } catch (DateTimeParseException e) {
        problems.add(
            new CalendarProblem(
                lineNumber, "'" + entry.group(1) + "' is not a date in the calendar; " + EXPECTED));
        continue;
      }
      Optional<String> title = title(entry.group(2));
      if (title.isEmpty()) {
        problems.add(
            new CalendarProblem(
                lineNumber,
                "the name must be plain text or one quoted string (without escapes), optionally"
                    + " followed by a # comment; found '"
                    + entry.group(2).strip()
                    + "'"));
        continue;
      }
      Integer earlier = lineOf.putIfAbsent(date, lineNumber);
      if (earlier != null) {
        problems.add(
            new CalendarProblem(
                lineNumber, date + " is already listed on line " + earlier + "; list it once"));
        continue;
      }
      holidays.put(date, title.get());
    }
    if (!problems.isEmpty()) {
      throw new CalendarException(name, problems);
    }
    return new HolidayCalendar(name, holidays);
  }

  /** The dates, sorted. */
  public SortedSet<LocalDate> dates() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(holidays.keySet()));
  }

  /** The last date the calendar lists, if any: after it, the calendar says nothing. */
  public Optional<LocalDate> lastDate() {
    return holidays.isEmpty() ? Optional.empty() : Optional.of(holidays.lastKey());
  }

  private static String stripByteOrderMark(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  /**
   * A holiday's name from what follows {@code DATE:}: plain text up to a {@code #} comment, or one
   * quoted string; empty when it is neither.
   */
  private static Optional<String> title(String rest) {
    String value = rest.strip();
    if (value.isEmpty() || value.startsWith("#")) {
      return Optional.of("");
    }
    char quote = value.charAt(0);
    if (quote != '"' && quote != '\'') {
      Matcher comment = COMMENT.matcher(value);
      return Optional.of(comment.find() ? value.substring(0, comment.start()).strip() : value);
    }
    int closing = value.indexOf(quote, 1);
    if (closing < 0) {
      return Optional.empty();
    }
    String inside = value.substring(1, closing);
    String after = value.substring(closing + 1).strip();
    boolean escapes = quote == '"' ? inside.contains("\\") : value.startsWith("''", closing);
    if (escapes || !(after.isEmpty() || after.startsWith("#"))) {
      return Optional.empty();
    }
    return Optional.of(inside);
  }
}
