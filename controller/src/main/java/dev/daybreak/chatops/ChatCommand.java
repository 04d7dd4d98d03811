package dev.daybreak.chatops;

import dev.daybreak.model.State;
import dev.daybreak.model.selector.LabelSelector;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One {@code /daybreak} command, as typed and parsed, before it is checked against the store. */
public sealed interface ChatCommand {

  /**
   * {@code wake ENV [for 2h | until 18:30] [SERVICE...]}.
   *
   * @param environment the environment's name
   * @param length how long it stays awake, if given
   * @param services the services to wake (with their dependencies); empty means all
   */
  record Wake(String environment, Optional<Length> length, List<String> services)
      implements ChatCommand {
    public Wake {
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(length, "length");
      services = List.copyOf(services);
    }
  }

  /**
   * {@code sleep ENV [for 1h]}.
   *
   * @param environment the environment's name
   * @param duration how long it stays asleep, if given
   */
  record Sleep(String environment, Optional<Duration> duration) implements ChatCommand {
    public Sleep {
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(duration, "duration");
    }
  }

  /**
   * {@code status [ENV]}.
   *
   * @param environment one environment, or every environment when empty
   */
  record Status(Optional<String> environment) implements ChatCommand {
    public Status {
      Objects.requireNonNull(environment, "environment");
    }
  }

  /**
   * {@code wake -l SELECTOR [for 2h | until 18:30]} or {@code sleep -l SELECTOR [for 1h]}: every
   * environment whose labels match, among those the caller may change.
   *
   * @param selector which environments
   * @param target the state they are driven to
   * @param length how long the state lasts, if given ({@link Length.For} only, for sleep)
   */
  record Selected(LabelSelector selector, State target, Optional<Length> length)
      implements ChatCommand {
    public Selected {
      Objects.requireNonNull(selector, "selector");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(length, "length");
    }
  }

  /** {@code help}, or nothing at all. */
  record Help() implements ChatCommand {}

  /** How long a wake lasts: for a duration, or until a time of day read in a zone. */
  sealed interface Length {

    /**
     * {@code for 2h}.
     *
     * @param duration the positive duration
     */
    record For(Duration duration) implements Length {
      public For {
        Objects.requireNonNull(duration, "duration");
      }
    }

    /**
     * {@code until 18:30}, as typed; resolved in the environment's zone when it is executed.
     *
     * @param text the time as typed
     */
    record Until(String text) implements Length {
      public Until {
        Objects.requireNonNull(text, "text");
      }
    }
  }
}
