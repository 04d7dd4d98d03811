package dev.daybreak.model.schedule;

import dev.daybreak.model.ScheduleSpec;
import dev.daybreak.model.ScheduleWindow;
import dev.daybreak.model.State;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A compiled {@link ScheduleSpec}: when the environment is awake by itself, as a step function of
 * time. See the package documentation for the rules; in short, every window's wake and sleep are
 * edges, and the latest edge at or before an instant decides the state.
 *
 * <p>Immutable and pure; safe to share between threads.
 */
public final class Schedule {

  /** The longest pre-warming lead a schedule accepts; see {@link WakeLead}. */
  public static final Duration MAX_WAKE_LEAD = Duration.ofHours(6);

  private final ZoneId zone;
  private final Duration wakeLead;
  private final SortedMap<LocalDate, String> holidays;
  private final List<EdgeStream> streams;
  private final List<EdgeStream> preWarms;

  private Schedule(
      ZoneId zone,
      Duration wakeLead,
      SortedMap<LocalDate, String> holidays,
      List<EdgeStream> streams) {
    this.zone = zone;
    this.wakeLead = wakeLead;
    this.holidays = holidays;
    this.streams = streams;
    this.preWarms = streams.stream().filter(EdgeStream::preWarm).toList();
  }

  /**
   * Compiles a schedule.
   *
   * @param spec the schedule as declared
   * @param calendars holiday calendars; those named in {@code spec.calendars()} are used
   * @param wakeLead how long before a {@code wakeBy} deadline to start waking (see {@link
   *     WakeLead#of}); between zero and {@link #MAX_WAKE_LEAD}
   * @throws ScheduleException when the spec is not valid (see {@link ScheduleValidator}); paths
   *     start at {@code schedule}
   */
  public static Schedule compile(
      ScheduleSpec spec, Collection<HolidayCalendar> calendars, Duration wakeLead) {
    if (wakeLead.isNegative() || wakeLead.compareTo(MAX_WAKE_LEAD) > 0) {
      throw new IllegalArgumentException(
          "wakeLead must be between 0 and " + MAX_WAKE_LEAD + ", was " + wakeLead);
    }
    Map<String, HolidayCalendar> byName =
        calendars.stream()
            .collect(Collectors.toMap(HolidayCalendar::name, c -> c, (first, second) -> first));
    List<ScheduleProblem> problems = ScheduleValidator.validate("schedule", spec, byName.keySet());
    if (!problems.isEmpty()) {
      throw new ScheduleException(problems);
    }
    SortedMap<LocalDate, String> holidays = new TreeMap<>();
    spec.holidays().forEach(date -> holidays.put(date, ""));
    for (String name : spec.calendars()) {
      byName
          .get(name)
          .holidays()
          .forEach((date, title) -> holidays.merge(date, title, Schedule::named));
    }
    List<EdgeStream> streams = new ArrayList<>();
    for (ScheduleWindow window : spec.windows()) {
      streams.addAll(streams(window, spec.timeZone(), wakeLead, holidays));
    }
    return new Schedule(
        spec.timeZone(),
        wakeLead,
        Collections.unmodifiableSortedMap(holidays),
        List.copyOf(streams));
  }

  /** The zone the schedule's times are read in. */
  public ZoneId zone() {
    return zone;
  }

  /** The pre-warming lead {@code wakeBy} windows use. */
  public Duration wakeLead() {
    return wakeLead;
  }

  /** Every holiday (explicit and from calendars) with its name, empty when none is given. */
  public SortedMap<LocalDate, String> holidays() {
    return holidays;
  }

  /** The state the schedule says the environment should be in at {@code t}. */
  public State stateAt(Instant t) {
    return edgeAt(t).to();
  }

  /**
   * The edge in force at {@code t}: the latest edge at or before it. Its {@code reason} says why
   * the schedule is in its state ({@link Edge.Reason#HOLIDAY} when a wake was skipped since the
   * last firing).
   */
  public Edge edgeAt(Instant t) {
    EdgeStream.Occurrence latest =
        streams.stream()
            .map(s -> lastFiring(s, t))
            .flatMap(Optional::stream)
            .max(EdgeStream.ORDER)
            .orElseThrow(() -> new IllegalStateException("the schedule never fired before " + t));
    List<Edge> since = walk(latest.at().minusNanos(1), Optional.empty(), t, Integer.MAX_VALUE);
    return since.get(since.size() - 1);
  }

  /**
   * The next edge strictly after {@code after}, a firing or a skipped wake: what a timer should
   * wait for. Empty only if the schedule never acts again.
   */
  public Optional<Edge> nextEdge(Instant after) {
    return walk(after, Optional.of(stateAt(after)), Instant.MAX, 1).stream().findFirst();
  }

  /**
   * The next firing strictly after {@code after} (skipped wakes are not firings): what ends a
   * manual override that has no {@code until}.
   */
  public Optional<Edge> nextFiring(Instant after) {
    Optional<State> current = Optional.of(stateAt(after));
    Instant from = after;
    while (true) {
      Optional<Edge> next = walk(from, current, Instant.MAX, 1).stream().findFirst();
      if (next.isEmpty() || next.get().fired()) {
        return next;
      }
      from = next.get().at();
    }
  }

  /**
   * Every edge with {@code from < at <= to}, in order: firings (including ones that repeat the
   * current state) and wakes skipped for holidays.
   */
  public List<Edge> edgesBetween(Instant from, Instant to) {
    if (!from.isBefore(to)) {
      return List.of();
    }
    return walk(from, Optional.of(stateAt(from)), to, Integer.MAX_VALUE);
  }

  /**
   * The edges after {@code after} up to {@code until}, at most {@code limit}, starting from the
   * state in force at {@code after} (empty: not known, then skipped wakes before the first firing
   * are not reported).
   */
  private List<Edge> walk(Instant after, Optional<State> state, Instant until, int limit) {
    PriorityQueue<EdgeStream.Occurrence> heads = new PriorityQueue<>(EdgeStream.ORDER);
    streams.forEach(s -> s.firstAfter(after).ifPresent(heads::add));
    List<Edge> edges = new ArrayList<>();
    Optional<State> current = state;
    while (!heads.isEmpty() && edges.size() < limit && !heads.peek().at().isAfter(until)) {
      Instant at = heads.peek().at();
      EdgeStream.Occurrence winner = null;
      EdgeStream.Occurrence last = null;
      while (!heads.isEmpty() && heads.peek().at().equals(at)) {
        EdgeStream.Occurrence o = heads.poll();
        o.stream().firstAfter(at).ifPresent(heads::add);
        if (overriddenByPreWarm(o)) {
          continue;
        }
        last = o;
        if (!o.skipped()) {
          winner = o;
        }
      }
      if (winner != null) {
        edges.add(
            new Edge(at, winner.state(), Edge.Reason.SCHEDULE, winner.awakeBy(), Optional.empty()));
        current = Optional.of(winner.state());
      } else if (last != null && current.equals(Optional.of(State.ASLEEP))) {
        edges.add(
            new Edge(at, State.ASLEEP, Edge.Reason.HOLIDAY, Optional.empty(), last.holiday()));
      }
    }
    return edges;
  }

  /**
   * The stream's last firing at or before {@code t}, or empty when another stream's firing is
   * certainly later. A sleep a pre-warm overrides is such a case: the pre-warming wake fired at or
   * before it, and every earlier sleep of the stream that is not overridden lies before that wake.
   */
  private Optional<EdgeStream.Occurrence> lastFiring(EdgeStream stream, Instant t) {
    return stream.lastNotSkippedAtOrBefore(t).filter(o -> !overriddenByPreWarm(o));
  }

  /**
   * A sleep from a pre-warming wake up to its deadline does not fire: being Awake by the deadline
   * comes first (e.g. an earlier window that ends within the lead of a {@code wakeBy}). A sleep at
   * the deadline's very instant is overridden only if it was declared no later on the wall clock (a
   * window ending where the next begins), not if the clock skipped both (a window entirely inside
   * the hour skipped in spring stays empty).
   */
  private boolean overriddenByPreWarm(EdgeStream.Occurrence sleep) {
    if (sleep.state() != State.ASLEEP) {
      return false;
    }
    for (EdgeStream preWarm : preWarms) {
      // The first pre-warm whose deadline is at or after the sleep; only it can have started
      // before the sleep.
      Optional<EdgeStream.Occurrence> wake =
          preWarm.firstAfter(sleep.at().minus(wakeLead).minusNanos(1));
      if (wake.isEmpty() || wake.get().skipped() || wake.get().at().isAfter(sleep.at())) {
        continue;
      }
      Instant deadline = wake.get().awakeBy().orElseThrow();
      if (sleep.at().isBefore(deadline) || !sleep.local().isAfter(wake.get().local())) {
        return true;
      }
    }
    return false;
  }

  private static List<EdgeStream> streams(
      ScheduleWindow w, ZoneId zone, Duration lead, Map<LocalDate, String> holidays) {
    List<EdgeStream> out = new ArrayList<>();
    w.wakeCron()
        .flatMap(c -> CronExpressions.parse(c).times())
        .ifPresent(t -> out.add(new EdgeStream(t, State.AWAKE, Optional.empty(), zone, holidays)));
    w.sleepCron()
        .flatMap(c -> CronExpressions.parse(c).times())
        .ifPresent(t -> out.add(new EdgeStream(t, State.ASLEEP, Optional.empty(), zone, holidays)));
    w.wakeAt()
        .ifPresent(
            t ->
                out.add(
                    new EdgeStream(
                        new LocalTimes.Daily(t, w.days()),
                        State.AWAKE,
                        Optional.empty(),
                        zone,
                        holidays)));
    w.wakeBy()
        .ifPresent(
            t ->
                out.add(
                    new EdgeStream(
                        new LocalTimes.Daily(t, w.days()),
                        State.AWAKE,
                        Optional.of(lead),
                        zone,
                        holidays)));
    Optional<LocalTime> wake = w.wakeAt().or(w::wakeBy);
    w.sleepAt()
        .ifPresent(
            t -> {
              // A sleep at or before the wake time ends the window on the next day.
              boolean overnight = wake.isPresent() && !t.isAfter(wake.get());
              Set<DayOfWeek> days =
                  overnight
                      ? w.days().stream().map(d -> d.plus(1)).collect(Collectors.toSet())
                      : w.days();
              out.add(
                  new EdgeStream(
                      new LocalTimes.Daily(t, days),
                      State.ASLEEP,
                      Optional.empty(),
                      zone,
                      holidays));
            });
    return out;
  }

  private static String named(String first, String second) {
    return first.isEmpty() ? second : first;
  }
}
