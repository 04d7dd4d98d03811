package dev.daybreak.model.schedule;

import java.util.Objects;

/**
 * One thing wrong with a holiday calendar's text.
 *
 * @param line the 1-based line
 * @param message what is wrong and what would be valid
 */
public record CalendarProblem(int line, String message) {

  public CalendarProblem {
    if (line < 1) {
      throw new IllegalArgumentException("line must be >= 1, was " + line);
    }
    Objects.requireNonNull(message, "message");
  }
}
