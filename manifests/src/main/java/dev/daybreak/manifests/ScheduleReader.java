package dev.daybreak.manifests;

import dev.daybreak.model.ScheduleSpec;
import dev.daybreak.model.ScheduleWindow;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code spec.schedule}: its shape and each value's syntax. What the windows mean over time
 * (edges, overlaps, holidays, daylight saving) belongs to the schedule itself (issue 7).
 */
final class ScheduleReader {

  static final List<String> FIELDS = List.of("timeZone", "windows", "holidays", "calendars");
  static final List<String> WINDOW_FIELDS =
      List.of("days", "wakeAt", "wakeBy", "sleepAt", "wakeCron", "sleepCron");

  private static final String TIME_FORMS = "a time as HH:mm on a 24-hour clock, e.g. '08:30'";
  private static final String DATE_FORMS = "a date as YYYY-MM-DD, e.g. 2026-12-29";
  private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream().sorted().toList();

  private ScheduleReader() {}

  static Optional<ScheduleSpec> read(Node node) {
    Optional<Fields> mapping = node.mapping(FIELDS, false);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = mapping.get();
    Optional<ZoneId> zone =
        fields
            .required("timeZone", "an IANA time zone such as Asia/Tokyo")
            .flatMap(ScheduleReader::zone);
    Optional<List<ScheduleWindow>> windows =
        fields
            .required("windows", "a list of windows with wakeAt and sleepAt (or cron expressions)")
            .flatMap(ScheduleReader::windows);
    Optional<List<LocalDate>> holidays =
        fields.read(
            "holidays",
            n ->
                n.uniqueListOf(
                    "a list of dates such as [2026-12-29, 2026-12-30]", ScheduleReader::date),
            List.of());
    Optional<List<String>> calendars =
        fields.read(
            "calendars",
            n ->
                n.uniqueListOf(
                    "a list of holiday calendar names such as [japan]", ScheduleReader::calendar),
            List.of());
    if (zone.isEmpty() || windows.isEmpty() || holidays.isEmpty() || calendars.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ScheduleSpec(zone.get(), windows.get(), holidays.get(), calendars.get()));
  }

  private static Optional<ZoneId> zone(Node node) {
    Optional<String> name = node.string();
    if (name.isEmpty()) {
      return Optional.empty();
    }
    if (!ZONES.contains(name.get())) {
      node.error(
          "unknown time zone '"
              + Node.shorten(name.get())
              + "'"
              + Suggestions.didYouMean(name.get(), ZONES)
              + "; use an IANA time zone name such as Asia/Tokyo, Europe/Berlin or UTC");
      return Optional.empty();
    }
    return Optional.of(ZoneId.of(name.get()));
  }

  private static Optional<List<ScheduleWindow>> windows(Node node) {
    if (node.json().isArray() && node.json().isEmpty()) {
      node.error(
          "lists no window; give at least one, e.g. {days: MON-FRI, wakeAt: '08:00', sleepAt: '20:00'}");
      return Optional.empty();
    }
    return node.listOf("a list of windows", ScheduleReader::window);
  }

  private static Optional<ScheduleWindow> window(Node node) {
    Optional<Fields> mapping = node.mapping(WINDOW_FIELDS, false);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = mapping.get();
    boolean times = Set.of("days", "wakeAt", "wakeBy", "sleepAt").stream().anyMatch(fields::has);
    boolean crons = fields.has("wakeCron") || fields.has("sleepCron");
    if (times && crons) {
      node.error(
          "mixes times (wakeAt, wakeBy, sleepAt, days) with cron expressions (wakeCron,"
              + " sleepCron); a window uses one or the other");
      return Optional.empty();
    }
    return crons ? cronWindow(fields) : timeWindow(fields);
  }

  private static Optional<ScheduleWindow> timeWindow(Fields fields) {
    if (fields.has("wakeAt") && fields.has("wakeBy")) {
      fields
          .node()
          .child("wakeBy")
          .keyError(
              "a window has wakeAt (start waking then) or wakeBy (be awake by then), not both");
      return Optional.empty();
    }
    String wakeField = fields.has("wakeBy") ? "wakeBy" : "wakeAt";
    Optional<LocalTime> wake =
        fields
            .required(wakeField, TIME_FORMS + "; or wakeBy to be awake by that time")
            .flatMap(ScheduleReader::time);
    Optional<LocalTime> sleep =
        fields.required("sleepAt", TIME_FORMS).flatMap(ScheduleReader::time);
    Optional<Set<DayOfWeek>> days = fields.read("days", Days::read, EnumSet.allOf(DayOfWeek.class));
    if (wake.isEmpty() || sleep.isEmpty() || days.isEmpty()) {
      return Optional.empty();
    }
    if (wake.get().equals(sleep.get())) {
      fields
          .node()
          .child("sleepAt")
          .error(
              "the window wakes and sleeps at the same time ("
                  + sleep.get()
                  + "); it would never be awake");
      return Optional.empty();
    }
    boolean by = wakeField.equals("wakeBy");
    return Optional.of(
        new ScheduleWindow(
            by ? Optional.empty() : wake,
            by ? wake : Optional.empty(),
            sleep,
            days.get(),
            Optional.empty(),
            Optional.empty()));
  }

  private static Optional<ScheduleWindow> cronWindow(Fields fields) {
    Optional<String> wake =
        fields
            .required("wakeCron", "a cron expression, " + CronSyntax.FORMS)
            .flatMap(ScheduleReader::cron);
    Optional<String> sleep =
        fields
            .required("sleepCron", "a cron expression, " + CronSyntax.FORMS)
            .flatMap(ScheduleReader::cron);
    if (wake.isEmpty() || sleep.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ScheduleWindow(
            Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), wake, sleep));
  }

  private static Optional<LocalTime> time(Node node) {
    Optional<String> text = node.string();
    if (text.isPresent() && !TIME.matcher(text.get()).matches()) {
      node.error("'" + Node.shorten(text.get()) + "' is not a time; expected " + TIME_FORMS);
      return Optional.empty();
    }
    return text.map(LocalTime::parse);
  }

  private static Optional<String> cron(Node node) {
    Optional<String> text = node.string();
    Optional<String> problem = text.flatMap(CronSyntax::problem);
    problem.ifPresent(node::error);
    return problem.isPresent() ? Optional.empty() : text;
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

  private static Optional<String> calendar(Node node) {
    Optional<String> name = node.string();
    if (name.isPresent() && !Names.isDnsLabel(name.get())) {
      node.error(
          "'"
              + Node.shorten(name.get())
              + "' is not a calendar name; a calendar is named by its file under"
              + " manifests/calendars/: "
              + Names.DNS_LABEL_RULE);
      return Optional.empty();
    }
    return name;
  }
}
