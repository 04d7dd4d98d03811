package dev.daybreak.model.schedule;

import dev.daybreak.model.DependencyGraph;
import dev.daybreak.model.EnvironmentSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One environment's place in the stagger window: where a schedule edge reaches it ({@link
 * Stagger#staggered}), so that a fleet sharing an edge starts spread over the window and stays
 * inside ECS's UpdateService quota.
 *
 * @param environment the environment's name, which fixes its offset in the window
 * @param window the window the fleet's starts are spread over
 */
public record StaggerSlot(String environment, Duration window) {

  /** Resolutions in which the schedule, not a manual change, decides the state. */
  private static final Set<Resolution.Reason> SCHEDULED =
      EnumSet.of(Resolution.Reason.SCHEDULE, Resolution.Reason.HOLIDAY);

  public StaggerSlot {
    Objects.requireNonNull(environment, "environment");
    if (window.isNegative()) {
      throw new IllegalArgumentException("window must not be negative, was " + window);
    }
  }

  /**
   * The window for an environment when none is configured: the one {@link Stagger#minimumWindow}
   * needs for {@code fleetSize} environments each starting its first tier at once.
   */
  public static Duration window(EnvironmentSpec spec, int fleetSize) {
    int firstTier = DependencyGraph.of(spec.services()).tiers().get(0).size();
    return Stagger.minimumWindow(fleetSize, firstTier);
  }

  /**
   * Whether a pass whose effective state resolved to {@code atNow} needs its slot at all: when the
   * schedule governs, or the state changes by itself later. A pass that needs none need not learn
   * the fleet's size.
   */
  public static boolean matters(Resolution atNow) {
    return SCHEDULED.contains(atNow.reason()) || atNow.nextChange().isPresent();
  }

  /** This environment's offset from an edge to its start. */
  public Duration offset() {
    return Duration.between(Instant.EPOCH, Stagger.staggered(Instant.EPOCH, environment, window));
  }

  /**
   * A schedule edge reaches this environment at its own place in the window, not before: while the
   * schedule governs, the state is the schedule's as of {@code now} minus this environment's
   * offset. So a pass that happens to run between an edge and the environment's staggered start (a
   * drift check, a resync) does not start it early, and the fleet's starts keep the spacing {@link
   * Stagger} promises. Manual changes are not delayed.
   *
   * @param atNow the effective state resolved at {@code now}
   * @param resolveAt resolves the effective state at another instant
   */
  public Resolution resolve(
      Resolution atNow, Function<Instant, Optional<Resolution>> resolveAt, Instant now) {
    if (!SCHEDULED.contains(atNow.reason())) {
      return atNow;
    }
    Duration offset = offset();
    if (offset.isZero()) {
      return atNow;
    }
    return resolveAt.apply(now.minus(offset)).orElse(atNow);
  }

  /**
   * The planned requeue, or sooner: the timer for the next schedule edge or override expiry, at
   * this environment's place in the window after it.
   */
  public Duration requeueAfter(Duration planned, Resolution resolution, Instant now) {
    if (resolution.nextChange().isEmpty()) {
      return planned;
    }
    Instant next = Stagger.staggered(resolution.nextChange().get(), environment, window);
    Duration untilNext = Duration.between(now, next);
    if (untilNext.isNegative()) {
      return Duration.ZERO;
    }
    return untilNext.compareTo(planned) < 0 ? untilNext : planned;
  }
}
