package dev.daybreak.cli;

import dev.daybreak.model.DurationRange;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads duration options in the {@link dev.daybreak.model.Durations} grammar ({@code 90m}, {@code
 * 1h30m}, {@code 2d}, {@code 500ms}, {@code PT1H30M}); each option picks the range it allows, and
 * picocli names the option in the error.
 */
abstract sealed class DurationConverter implements ITypeConverter<Duration> {

  private final DurationRange range;

  private DurationConverter(DurationRange range) {
    this.range = range;
  }

  @Override
  public Duration convert(String value) {
    try {
      return range.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** Longer than zero: periods, timeouts, how long a wake lasts. */
  static final class Positive extends DurationConverter {
    Positive() {
      super(DurationRange.positive());
    }
  }

  /** Zero or longer: a window that may be empty. */
  static final class NonNegative extends DurationConverter {
    NonNegative() {
      super(DurationRange.nonNegative());
    }
  }
}
