package dev.daybreak.cli;

import dev.daybreak.store.InMemoryStateStore;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * What the commands take from their surroundings, so tests can supply their own.
 *
 * @param clock the time source (requestedAt, --for, --until, ages, watch timeouts)
 * @param zone the zone times are read and shown in unless {@code --zone} says otherwise
 * @param memory the store {@code --store memory} uses; empty means a new, empty one per command
 *     (state then lives only as long as the process)
 * @param pause how watch waits between polls
 * @param terminal whether stdout is a terminal (watch redraws in place) or not (plain lines)
 * @param user who is asking, when {@code --as} is not given
 * @param confirmation asks before a change to every environment a selector matches
 */
public record CliContext(
    Clock clock,
    ZoneId zone,
    Optional<InMemoryStateStore> memory,
    Pause pause,
    boolean terminal,
    String user,
    Confirmation confirmation) {

  public CliContext {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(pause, "pause");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(confirmation, "confirmation");
  }

  /** The context of a real process. */
  public static CliContext production() {
    return new CliContext(
        Clock.systemUTC(),
        ZoneId.systemDefault(),
        Optional.empty(),
        Pause.sleeping(),
        System.console() != null,
        Optional.ofNullable(System.getProperty("user.name")).orElse("unknown"),
        Confirmation.terminal());
  }
}
