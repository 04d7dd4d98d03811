package dev.daybreak.manifests;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Days of the week as manifests write them: {@code MON-FRI}, {@code SAT}, {@code [MON, WED]}. */
final class Days {

  static final List<String> NAMES = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

  static final String FORMS =
      "a day (MON, TUE, WED, THU, FRI, SAT, SUN), a range such as MON-FRI, or a list of them"
          + " such as [MON, WED-FRI]";

  private Days() {}

  /** The days of a {@code days} value (a string or a list of strings); reports what is wrong. */
  static Optional<Set<DayOfWeek>> read(Node node) {
    if (node.json().isTextual()) {
      return one(node);
    }
    if (!node.json().isArray()) {
      node.error("expected " + FORMS + "; found " + Node.describe(node.json()));
      return Optional.empty();
    }
    if (node.json().isEmpty()) {
      node.error("lists no day; expected " + FORMS);
      return Optional.empty();
    }
    return node.listOf(FORMS, Days::one)
        .map(
            sets -> {
              Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
              sets.forEach(days::addAll);
              return days;
            });
  }

  private static Optional<Set<DayOfWeek>> one(Node node) {
    Optional<String> text = node.string();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String[] range = text.get().split("-", -1);
    if (range.length > 2 || !NAMES.contains(range[0]) || !NAMES.contains(range[range.length - 1])) {
      node.error(
          "'" + Node.shorten(text.get()) + "' is not a day or range of days; expected " + FORMS);
      return Optional.empty();
    }
    DayOfWeek first = DayOfWeek.of(NAMES.indexOf(range[0]) + 1);
    DayOfWeek last = DayOfWeek.of(NAMES.indexOf(range[range.length - 1]) + 1);
    if (last.compareTo(first) < 0) {
      String untilSunday = first == DayOfWeek.SUNDAY ? "SUN" : range[0] + "-SUN";
      String fromMonday = last == DayOfWeek.MONDAY ? "MON" : "MON-" + range[1];
      node.error(
          "the range '"
              + text.get()
              + "' runs backwards; ranges run forward from MON to SUN: write ["
              + untilSunday
              + ", "
              + fromMonday
              + "]");
      return Optional.empty();
    }
    return Optional.of(EnumSet.range(first, last));
  }
}
