package dev.daybreak.model;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Who may start a wake or sleep now, when many share one UpdateService budget (issue 22, "a wake
 * order that serves people first").
 *
 * <p>An environment whose operation has started (its status already drives toward what is desired)
 * is always admitted: its tier hand-offs take the budget's next turns. One whose operation has not
 * started ({@link #pending}) waits in a line ordered by when its change was requested (then by
 * name), and is admitted only when the budget has turns that started environments are not using:
 * fewer environments ahead of it than the turns free within {@link #HORIZON}. So the budget's
 * backlog stays under about a second (a started environment's next tier waits at most that behind
 * newly admitted ones), new environments soak up every turn the started ones leave (the makespan
 * stays at the quota bound), and an environment waits only for those requested before it: none
 * starves. A waiting environment is told when to check again, from its place in line; waiting costs
 * no call to ECS.
 *
 * <p>An entry not checked again within {@link #GRACE} of when it was told to (its environment was
 * deleted, changed its mind, or moved to another replica) loses its place, so it cannot hold up the
 * line. Thread-safe.
 */
public final class AdmissionLine {

  /**
   * How far ahead the budget's free turns count: an environment is admitted while the backlog of
   * turns already taken is shorter than this.
   */
  public static final Duration HORIZON = Duration.ofSeconds(1);

  /** The soonest a waiting environment checks again. */
  public static final Duration MIN_RECHECK = Duration.ofSeconds(1);

  /** The latest a waiting environment checks again, however far back in line. */
  public static final Duration MAX_RECHECK = Duration.ofSeconds(30);

  /** How long past its recheck an entry keeps its place. */
  public static final Duration GRACE = Duration.ofSeconds(10);

  private static final double NANOS_PER_SECOND = 1e9;

  /**
   * The UpdateService budget as the client's bucket has it now.
   *
   * @param tokens turns free now; negative when turns already taken are still to come (a backlog of
   *     {@code -tokens / perSecond})
   * @param perSecond the turns it frees each second
   */
  public record Budget(double tokens, double perSecond) {
    public Budget {
      if (!(perSecond > 0) || Double.isInfinite(perSecond) || Double.isNaN(tokens)) {
        throw new IllegalArgumentException(
            "a budget needs finite tokens and perSecond > 0, was " + tokens + ", " + perSecond);
      }
    }

    /** Turns free within {@code horizon}: those there now plus those it frees meanwhile. */
    double freeWithin(Duration horizon) {
      return tokens + perSecond * horizon.toNanos() / NANOS_PER_SECOND;
    }
  }

  /**
   * What an environment's pass does.
   *
   * @param admitted true: go on and act; false: check again after {@code recheckAfter}
   * @param recheckAfter zero when admitted
   * @param ahead environments ahead of it in line (0 when admitted or not in line)
   */
  public record Decision(boolean admitted, Duration recheckAfter, int ahead) {
    static final Decision ADMITTED = new Decision(true, Duration.ZERO, 0);
  }

  private record Place(Instant requestedAt, String environment) implements Comparable<Place> {
    @Override
    public int compareTo(Place o) {
      int byTime = requestedAt.compareTo(o.requestedAt);
      return byTime != 0 ? byTime : environment.compareTo(o.environment);
    }
  }

  /** A waiting environment's turns and when it loses its place unless checked again. */
  private record Entry(int turns, Instant lapsesAt) {}

  /** What is ahead of a place: how many environments, needing how many turns. */
  private record Ahead(int environments, long turns) {}

  private final TreeMap<Place, Entry> line = new TreeMap<>();
  private final Map<String, Place> places = new HashMap<>();

  /**
   * True when a pass would start a new operation: the status does not yet drive toward the desired
   * state (the planner's own test for a new operation).
   */
  public static boolean pending(EnvironmentStatus status, DesiredState desired) {
    return !status.target().equals(Optional.of(desired.state()));
  }

  /**
   * Admits or holds back one pass of {@code environment}.
   *
   * @param pending whether the pass would start a new operation ({@link #pending})
   * @param requestedAt when its desired state was asked for: its place in line
   * @param turns about how many UpdateService turns its operation takes (its services), >= 0
   * @param budget the UpdateService budget it would use
   * @param now the time
   */
  public synchronized Decision decide(
      String environment,
      boolean pending,
      Instant requestedAt,
      int turns,
      Budget budget,
      Instant now) {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(now, "now");
    if (turns < 0) {
      throw new IllegalArgumentException(
          "turns must be >= 0, was " + turns + " for " + environment);
    }
    Place previous = places.remove(environment);
    if (previous != null) {
      line.remove(previous);
    }
    if (!pending) {
      return Decision.ADMITTED;
    }
    Place place = new Place(requestedAt, environment);
    Ahead ahead = aheadOf(place, now);
    Decision decision = decide(ahead.environments(), ahead.turns(), budget);
    if (!decision.admitted()) {
      places.put(environment, place);
      line.put(place, new Entry(turns, now.plus(decision.recheckAfter()).plus(GRACE)));
    }
    return decision;
  }

  /** Environments waiting in line. */
  public synchronized int waiting() {
    return line.size();
  }

  /**
   * The decision for an environment with {@code ahead} others before it in line, needing {@code
   * turnsAhead} turns between them: admitted while fewer are ahead than turns are free within
   * {@link #HORIZON}; else told to check again after half its estimated wait (the time the budget
   * takes to free the turns of those ahead), between {@link #MIN_RECHECK} and {@link #MAX_RECHECK}.
   * Half, so that an estimate too long by up to twice (an environment ahead needing fewer turns
   * than it has services) is caught before its place comes.
   */
  static Decision decide(int ahead, long turnsAhead, Budget budget) {
    if (ahead < 0 || turnsAhead < 0) {
      throw new IllegalArgumentException(
          "ahead and turnsAhead must be >= 0, were " + ahead + " and " + turnsAhead);
    }
    double free = budget.freeWithin(HORIZON);
    if (ahead < free) {
      return Decision.ADMITTED;
    }
    double waitSeconds = (Math.max(ahead, turnsAhead) - free + 1) / budget.perSecond();
    Duration recheck = Duration.ofNanos((long) (waitSeconds / 2 * NANOS_PER_SECOND));
    if (recheck.compareTo(MIN_RECHECK) < 0) {
      recheck = MIN_RECHECK;
    } else if (recheck.compareTo(MAX_RECHECK) > 0) {
      recheck = MAX_RECHECK;
    }
    return new Decision(false, recheck, ahead);
  }

  /** Live entries before {@code place}; drops the lapsed ones met on the way. */
  private Ahead aheadOf(Place place, Instant now) {
    int environments = 0;
    long turns = 0;
    Iterator<Map.Entry<Place, Entry>> it = line.headMap(place, false).entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Place, Entry> entry = it.next();
      if (entry.getValue().lapsesAt().isBefore(now)) {
        places.remove(entry.getKey().environment());
        it.remove();
      } else {
        environments++;
        turns += entry.getValue().turns();
      }
    }
    return new Ahead(environments, turns);
  }
}
