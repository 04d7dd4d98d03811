package dev.daybreak.manifests;

import dev.daybreak.model.ScheduleSpec;
import dev.daybreak.model.ScheduleWindow;
import dev.daybreak.model.schedule.ScheduleException;
import dev.daybreak.model.schedule.ScheduleProblem;
import dev.daybreak.model.schedule.ScheduleSyntax;
import dev.daybreak.model.schedule.ScheduleValidator;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads {@code spec.schedule}. The shape (mappings, lists, strings) is read here; each value's
 * syntax is {@link ScheduleSyntax}'s, and what the schedule means as a whole (one form per window,
 * cron expressions, overlapping windows, known calendars) is {@link ScheduleValidator}'s, so the
 * loader accepts exactly the schedules the controller can compile.
 */
final class ScheduleReader {

  static final List<String> FIELDS = List.of("timeZone", "windows", "holidays", "calendars");
  static final List<String> WINDOW_FIELDS =
      List.of("days", "wakeAt", "wakeBy", "sleepAt", "wakeCron", "sleepCron");

  private static final String DAY_FORMS =
      "days as a string (MON-FRI, SAT,SUN) or a list of them ([MON, WED-FRI])";
  private static final String DATE_FORMS = "a date as YYYY-MM-DD, e.g. 2026-12-29";
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream().sorted().toList();
  private static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);

  /**
   * Stands in for a window that could not be read (already reported), so that the validator still
   * checks the other windows and the calendars at their own indexes. It has no edge, so it is a
   * problem to the validator, which keeps it out of the overlap check; that problem is not shown.
   */
  private static final ScheduleWindow UNREAD_WINDOW =
      new ScheduleWindow(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Set.of(),
          Optional.empty(),
          Optional.empty());

  private ScheduleReader() {}

  static Optional<ScheduleSpec> read(Node node, Calendars calendars) {
    Optional<Fields> mapping = node.mapping(FIELDS, false);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = mapping.get();
    Optional<ZoneId> zone =
        fields
            .required("timeZone", "an IANA time zone such as Asia/Tokyo")
            .flatMap(ScheduleReader::zone);
    Optional<List<Optional<ScheduleWindow>>> windows =
        fields
            .required("windows", "a list of windows, e.g. [{wakeAt: '08:00', sleepAt: '20:00'}]")
            .flatMap(ScheduleReader::windows);
    Optional<List<LocalDate>> holidays =
        fields.read(
            "holidays",
            n ->
                n.uniqueListOf(
                    "a list of dates such as [2026-12-29, 2026-12-30]", ScheduleReader::date),
            List.of());
    Optional<List<String>> calendarNames =
        fields.read(
            "calendars",
            n -> n.uniqueListOf("a list of holiday calendar names such as [jp]", Node::string),
            List.of());
    List<FieldPath> unread = new ArrayList<>();
    List<ScheduleWindow> checked = standIns(windows, node.path().child("windows"), unread);
    if (calendarNames.isEmpty()) {
      unread.add(node.path().child("calendars"));
    }
    // The validator does not read the zone or the holidays: stand-ins keep a bad one (already
    // reported) from hiding the windows' and calendars' problems.
    ScheduleSpec spec =
        new ScheduleSpec(
            zone.orElse(ZoneOffset.UTC),
            checked,
            holidays.orElse(List.of()),
            calendarNames.orElse(List.of()));
    boolean valid = validate(node, spec, calendars, unread);
    if (!valid || !unread.isEmpty() || zone.isEmpty() || holidays.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(spec);
  }

  /**
   * The windows to validate: each one read, or {@link #UNREAD_WINDOW} in place of one that was not;
   * adds the paths of what was not read to {@code unread}.
   */
  private static List<ScheduleWindow> standIns(
      Optional<List<Optional<ScheduleWindow>>> windows, FieldPath path, List<FieldPath> unread) {
    if (windows.isEmpty()) {
      unread.add(path);
      return List.of();
    }
    List<ScheduleWindow> checked = new ArrayList<>();
    for (int i = 0; i < windows.get().size(); i++) {
      checked.add(windows.get().get(i).orElse(UNREAD_WINDOW));
      if (windows.get().get(i).isEmpty()) {
        unread.add(path.index(i));
      }
    }
    return checked;
  }

  /**
   * Reports what {@link ScheduleValidator} finds, where it is written, except within what could not
   * be read (its problems are already reported, and a stand-in's are not real).
   *
   * @return whether the validator found nothing
   */
  private static boolean validate(
      Node node, ScheduleSpec spec, Calendars calendars, List<FieldPath> unread) {
    List<ScheduleProblem> problems =
        ScheduleValidator.validate(node.path().toString(), spec, calendars.names());
    for (ScheduleProblem problem : problems) {
      FieldPath at = FieldPath.parse(problem.path());
      if (unread.stream().noneMatch(at::startsWith)) {
        node.errorAt(at, problem.message());
      }
    }
    return problems.isEmpty();
  }

  /** Each window, read or (reported and) empty; empty when the value is not a list of windows. */
  private static Optional<List<Optional<ScheduleWindow>>> windows(Node node) {
    Optional<List<Node>> items = node.list("a list of windows");
    if (items.isPresent() && items.get().size() > ManifestLimits.MAX_WINDOWS) {
      node.error(
          "lists "
              + items.get().size()
              + " windows; the limit is "
              + ManifestLimits.MAX_WINDOWS
              + " per schedule: merge windows, or use cron expressions for repeating patterns");
      return Optional.empty();
    }
    return items.map(list -> list.stream().map(ScheduleReader::window).toList());
  }

  private static Optional<ZoneId> zone(Node node) {
    return node.string()
        .flatMap(
            name ->
                syntax(
                    node,
                    path -> ScheduleSyntax.zone(path, name),
                    message ->
                        message
                            + Suggestions.closest(name.strip(), ZONES)
                                .filter(zone -> !message.contains("'" + zone + "'"))
                                .map(zone -> "; did you mean '" + zone + "'?")
                                .orElse("")));
  }

  /**
   * One window: its fields as written, each value's syntax checked. Whether they make a window (one
   * form, at least one edge) is the validator's to say.
   */
  private static Optional<ScheduleWindow> window(Node node) {
    Optional<Fields> mapping = node.mapping(WINDOW_FIELDS, false);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = mapping.get();
    boolean cron = fields.has("wakeCron") || fields.has("sleepCron");
    Optional<Optional<LocalTime>> wakeAt = optional(fields, "wakeAt", ScheduleReader::time);
    Optional<Optional<LocalTime>> wakeBy = optional(fields, "wakeBy", ScheduleReader::time);
    Optional<Optional<LocalTime>> sleepAt = optional(fields, "sleepAt", ScheduleReader::time);
    Optional<Set<DayOfWeek>> days =
        fields.read("days", ScheduleReader::days, cron ? Set.of() : EVERY_DAY);
    Optional<Optional<String>> wakeCron = optional(fields, "wakeCron", Node::string);
    Optional<Optional<String>> sleepCron = optional(fields, "sleepCron", Node::string);
    if (wakeAt.isEmpty()
        || wakeBy.isEmpty()
        || sleepAt.isEmpty()
        || days.isEmpty()
        || wakeCron.isEmpty()
        || sleepCron.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ScheduleWindow(
            wakeAt.get(),
            wakeBy.get(),
            sleepAt.get(),
            days.get(),
            wakeCron.get(),
            sleepCron.get()));
  }

  /** An optional field: empty when it is present but not valid (reported), else its value. */
  private static <T> Optional<Optional<T>> optional(
      Fields fields, String name, Function<Node, Optional<T>> reader) {
    return fields.read(name, n -> reader.apply(n).map(Optional::of), Optional.empty());
  }

  private static Optional<LocalTime> time(Node node) {
    return node.string()
        .flatMap(
            text -> syntax(node, path -> ScheduleSyntax.time(path, text), Function.identity()));
  }

  /** A {@code days} value: a string such as {@code MON-FRI}, or a list of them. */
  private static Optional<Set<DayOfWeek>> days(Node node) {
    if (node.json().isTextual()) {
      return dayString(node);
    }
    if (!node.json().isArray()) {
      node.error("expected " + DAY_FORMS + "; found " + Node.describe(node.json()));
      return Optional.empty();
    }
    return node.listOf(DAY_FORMS, ScheduleReader::dayString)
        .map(
            sets -> {
              Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
              sets.forEach(days::addAll);
              return days;
            });
  }

  private static Optional<Set<DayOfWeek>> dayString(Node node) {
    return node.string()
        .flatMap(
            text -> syntax(node, path -> ScheduleSyntax.days(path, text), Function.identity()));
  }

  /**
   * A value read by one of {@link ScheduleSyntax}'s methods, given this node's path; its problem is
   * reported here, its message passed through {@code explain}.
   */
  private static <T> Optional<T> syntax(
      Node node, Function<String, T> read, Function<String, String> explain) {
    try {
      return Optional.of(read.apply(node.path().toString()));
    } catch (ScheduleException e) {
      e.problems().forEach(problem -> node.error(explain.apply(problem.message())));
      return Optional.empty();
    }
  }

  private static Optional<LocalDate> date(Node node) {
    Optional<String> text = node.string();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (DATE.matcher(text.get()).matches()) {
      try {
        return Optional.of(LocalDate.parse(text.get()));
      } catch (DateTimeException e) {
        node.error("'" + text.get() + "' is not a day of the calendar; expected " + DATE_FORMS);
        return Optional.empty();
      }
    }
    node.error("'" + Node.shorten(text.get()) + "' is not a date; expected " + DATE_FORMS);
    return Optional.empty();
  }
}
