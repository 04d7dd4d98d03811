package dev.daybreak.manifests;

import dev.daybreak.model.ScheduleSpec;
import dev.daybreak.model.schedule.CalendarException;
import dev.daybreak.model.schedule.CalendarProblem;
import dev.daybreak.model.schedule.HolidayCalendar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The holiday calendars a schedule's {@code calendars} may name: those shipped inside daybreak
 * ({@code manifests/calendars/NAME.yaml}, on the class path), and optionally a directory of one's
 * own in the same format. A calendar's name is its file name without {@code .yaml}.
 *
 * <p>Immutable; every calendar is read and checked when the registry is made, so a malformed file
 * is reported once, up front, rather than when a schedule first needs it.
 */
public final class Calendars {

  /** The calendars shipped with daybreak; each is {@code calendars/NAME.yaml} beside this class. */
  static final List<String> BUILT_IN = List.of("jp");

  /** Where the built-in calendars are on the class path, relative to this class's package. */
  static final String RESOURCE_FOLDER = "calendars/";

  private static final String SUFFIX = ".yaml";

  private final SortedMap<String, HolidayCalendar> byName;

  private Calendars(SortedMap<String, HolidayCalendar> byName) {
    this.byName = Collections.unmodifiableSortedMap(new TreeMap<>(byName));
  }

  /** The calendars shipped with daybreak, such as {@code jp} (Japan's public holidays). */
  public static Calendars builtIn() {
    return BuiltIn.CALENDARS;
  }

  /**
   * The built-in calendars and every {@code NAME.yaml} file directly in {@code directory} (other
   * files and subdirectories are ignored). A file replaces a built-in calendar of the same name, so
   * a team can extend one before daybreak ships the next year.
   *
   * @throws ManifestException naming each file that cannot be read, is not named as a calendar
   *     ({@link HolidayCalendar#NAME}) or is not in the calendar format, with the line of each
   *     problem; nothing is returned then
   */
  public static Calendars builtInAnd(Path directory) {
    List<Path> files = files(directory);
    SortedMap<String, HolidayCalendar> byName = new TreeMap<>(builtIn().byName);
    List<ManifestError> errors = new ArrayList<>();
    for (Path file : files) {
      Problems problems = new Problems(file.toString());
      read(file, problems).ifPresent(calendar -> byName.put(calendar.name(), calendar));
      errors.addAll(problems.inDocumentOrder());
    }
    if (!errors.isEmpty()) {
      throw new ManifestException(errors);
    }
    return new Calendars(byName);
  }

  /**
   * These calendars, and an empty one for each of {@code names} they lack. For reading back a
   * manifest that was checked when it was applied (a stored spec), where only the names matter: the
   * calendars themselves are the reader's concern when it compiles the schedule.
   */
  public Calendars orEmpty(Collection<String> names) {
    SortedMap<String, HolidayCalendar> all = new TreeMap<>(byName);
    for (String name : names) {
      all.computeIfAbsent(name, n -> new HolidayCalendar(n, new TreeMap<>()));
    }
    return new Calendars(all);
  }

  /** The names of every calendar, sorted. */
  public SortedSet<String> names() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(byName.keySet()));
  }

  /** The calendar of this name, if there is one. */
  public Optional<HolidayCalendar> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The calendars a schedule names, in its order: what {@code Schedule.compile(schedule,
   * calendars.of(schedule), wakeLead)} needs.
   *
   * @throws IllegalArgumentException when the schedule names a calendar this registry lacks (a
   *     schedule the loader accepted with the same registry never does)
   */
  public List<HolidayCalendar> of(ScheduleSpec schedule) {
    List<HolidayCalendar> calendars = new ArrayList<>();
    for (String name : schedule.calendars()) {
      calendars.add(
          get(name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown holiday calendar '"
                              + name
                              + "'; available: "
                              + String.join(", ", byName.keySet()))));
    }
    return List.copyOf(calendars);
  }

  @Override
  public String toString() {
    return "Calendars" + byName.keySet();
  }

  private static List<Path> files(Path directory) {
    Problems problems = new Problems(directory.toString());
    try (Stream<Path> entries = Files.list(directory)) {
      return entries
          .filter(f -> f.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(f))
          .sorted()
          .toList();
    } catch (NoSuchFileException e) {
      problems.addUnlocated("cannot read the holiday calendar directory: no such directory");
    } catch (NotDirectoryException e) {
      problems.addUnlocated(
          "cannot read the holiday calendar directory: it is a file; name the directory that holds"
              + " NAME.yaml calendar files");
    } catch (IOException | UncheckedIOException e) {
      problems.addUnlocated("cannot read the holiday calendar directory: " + e.getMessage());
    }
    throw new ManifestException(problems.inDocumentOrder());
  }

  private static Optional<HolidayCalendar> read(Path file, Problems problems) {
    String fileName = file.getFileName().toString();
    String name = fileName.substring(0, fileName.length() - SUFFIX.length());
    if (!HolidayCalendar.NAME.matcher(name).matches()) {
      problems.addUnlocated(
          "'"
              + fileName
              + "' is not named as a holiday calendar: the name before .yaml is lower-case"
              + " letters, digits and dashes, starting with a letter or digit (e.g. acme.yaml,"
              + " us-ny.yaml)");
      return Optional.empty();
    }
    return SourceFiles.read(file, "a holiday calendar", problems)
        .flatMap(text -> parse(name, text, problems));
  }

  private static Optional<HolidayCalendar> parse(String name, String text, Problems problems) {
    try {
      return Optional.of(HolidayCalendar.parse(name, text));
    } catch (CalendarException e) {
      for (CalendarProblem problem : e.problems()) {
        problems.add(new Position(problem.line(), 1), FieldPath.ROOT, problem.message());
      }
      return Optional.empty();
    }
  }

  /** The built-in calendars, read from the class path when first needed. */
  private static final class BuiltIn {

    static final Calendars CALENDARS = load();

    private static Calendars load() {
      SortedMap<String, HolidayCalendar> byName = new TreeMap<>();
      for (String name : BUILT_IN) {
        String resource = RESOURCE_FOLDER + name + SUFFIX;
        try (InputStream in = Calendars.class.getResourceAsStream(resource)) {
          if (in == null) {
            throw new IllegalStateException(
                "the built-in holiday calendar "
                    + resource
                    + " is not on the class path beside "
                    + Calendars.class.getName()
                    + "; the daybreak jar is incomplete");
          }
          byName.put(
              name,
              HolidayCalendar.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
          throw new UncheckedIOException(
              "cannot read the built-in holiday calendar " + resource, e);
        }
      }
      return new Calendars(byName);
    }
  }
}
