package dev.daybreak.model;

import java.util.Locale;
import java.util.Optional;

/** The desired state of a whole environment. */
public enum State {
  /** Every service (or the requested subset and its dependencies) at its count. */
  AWAKE,
  /** Every service at zero. */
  ASLEEP;

  /**
   * The state a person wrote, as people write it by hand: in any case, with blanks around it
   * ({@code "awake "} is AWAKE); empty when it names no state.
   */
  public static Optional<State> parse(String text) {
    String name = text.strip().toUpperCase(Locale.ROOT);
    for (State state : values()) {
      if (state.name().equals(name)) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }
}
