package dev.daybreak.slack;

import dev.daybreak.model.State;
import java.time.Instant;
import java.util.Objects;

/**
 * One wake or one sleep of an environment: everything announced about it lands in one Slack message
 * and its thread.
 *
 * @param target AWAKE for a wake, ASLEEP for a sleep
 * @param startedAt when it began; with the environment and target, what identifies it
 */
public record Operation(State target, Instant startedAt) {

  public Operation {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /** {@code wake} or {@code sleep}. */
  public String verb() {
    return target == State.AWAKE ? "wake" : "sleep";
  }

  /** A stable id for this operation of {@code environment}, e.g. {@code seed/wake/2026-...Z}. */
  public String id(String environment) {
    return environment + "/" + verb() + "/" + startedAt;
  }
}
