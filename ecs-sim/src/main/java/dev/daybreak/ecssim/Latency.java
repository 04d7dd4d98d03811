package dev.daybreak.ecssim;

import dev.daybreak.model.DurationRange;
import dev.daybreak.model.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/** How long something takes in the simulation: always the same, or drawn uniformly per task. */
public sealed interface Latency {

  /** One draw, using the simulation's seeded random source. */
  Duration sample(Random random);

  /** Always {@code duration}. */
  record Fixed(Duration duration) implements Latency {
    public Fixed {
      if (duration.isNegative()) {
        throw new IllegalArgumentException("a latency must be >= 0, was " + duration);
      }
    }

    @Override
    public Duration sample(Random random) {
      return duration;
    }

    @Override
    public String toString() {
      return Durations.format(duration);
    }
  }

  /** Uniform in {@code [min, max]}. */
  record Uniform(Duration min, Duration max) implements Latency {
    public Uniform {
      Objects.requireNonNull(min, "min");
      Objects.requireNonNull(max, "max");
      if (min.isNegative() || max.compareTo(min) < 0) {
        throw new IllegalArgumentException(
            "a latency range needs 0 <= min <= max, was " + min + ".." + max);
      }
    }

    @Override
    public Duration sample(Random random) {
      long span = max.toMillis() - min.toMillis();
      return min.plusMillis(span == 0 ? 0 : (long) (random.nextDouble() * (span + 1)));
    }

    @Override
    public String toString() {
      return Durations.format(min) + ".." + Durations.format(max);
    }
  }

  static Latency fixed(Duration duration) {
    return new Fixed(duration);
  }

  /**
   * Parses {@code 20s} (fixed) or {@code 15s..30s} (uniform).
   *
   * @throws IllegalArgumentException naming the text and what would be valid
   */
  static Latency parse(String text) {
    int dots = text.indexOf("..");
    try {
      if (dots < 0) {
        return fixed(DurationRange.nonNegative().parse(text));
      }
      return new Uniform(
          DurationRange.nonNegative().parse(text.substring(0, dots)),
          DurationRange.nonNegative().parse(text.substring(dots + 2)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a latency: expected a duration (20s) or a range (15s..30s)", e);
    }
  }
}
