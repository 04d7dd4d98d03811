package dev.daybreak.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An ECS service event, e.g. {@code (service b) has reached a steady state.}
 *
 * @param id the event id
 * @param createdAt when ECS recorded it
 * @param message ECS's text
 */
public record ServiceEvent(String id, Instant createdAt, String message) {

  public ServiceEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(message, "message");
  }
}
