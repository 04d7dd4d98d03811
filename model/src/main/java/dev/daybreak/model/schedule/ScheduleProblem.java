package dev.daybreak.model.schedule;

import java.util.Objects;

/**
 * One thing wrong with a schedule, located by field path so that a manifest loader can attach the
 * file and line.
 *
 * @param path the field, e.g. {@code spec.schedule.windows[1].wakeAt}; the prefix is what the
 *     caller passed to the validator
 * @param message what is wrong and what would be valid
 */
public record ScheduleProblem(String path, String message) {

  public ScheduleProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
