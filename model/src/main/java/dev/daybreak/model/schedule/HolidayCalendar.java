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

  private static final Pattern ENTRY = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}):(?:[ \\t]+(.*))?");
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
      String line =
          withoutComment(i == 0 ? stripByteOrderMark(lines[i]) : lines[i]).stripTrailing();
      if (line.isEmpty()) {
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
      Integer earlier = lineOf.putIfAbsent(date, lineNumber);
      if (earlier != null) {
        problems.add(
            new CalendarProblem(
                lineNumber, date + " is already listed on line " + earlier + "; list it once"));
        continue;
      }
      holidays.put(date, unquoted(Optional.ofNullable(entry.group(2)).orElse("").strip()));
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

  /** YAML comments: a '#' at the start of a line or after whitespace, to the end of the line. */
  private static String withoutComment(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static String unquoted(String name) {
    if (name.length() >= 2) {
      char first = name.charAt(0);
      if ((first == '"' || first == '\'') && name.charAt(name.length() - 1) == first) {
        return name.substring(1, name.length() - 1);
      }
    }
    return name;
  }
}
