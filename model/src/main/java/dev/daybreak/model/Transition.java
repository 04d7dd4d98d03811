package dev.daybreak.model;

import java.util.List;
import java.util.Objects;

/**
 * A change the planner concluded in this pass, to announce.
 *
 * @param kind what happened
 * @param tier the tier concerned, or -1
 * @param services the logical services concerned (e.g. the one that timed out)
 * @param message a sentence for people
 */
public record Transition(TransitionKind kind, int tier, List<String> services, String message) {

  public Transition {
    Objects.requireNonNull(kind, "kind");
    services = List.copyOf(services);
    Objects.requireNonNull(message, "message");
  }
}
