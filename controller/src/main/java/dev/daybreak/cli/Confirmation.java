package dev.daybreak.cli;

import java.io.Console;
import java.util.Locale;
import java.util.Optional;

/** Asks the person at the terminal to confirm a change to several environments. */
@FunctionalInterface
public interface Confirmation {

  /**
   * Asks {@code question} (a yes/no question).
   *
   * @return whether they said yes; empty when nobody can be asked (no terminal)
   */
  Optional<Boolean> ask(String question);

  /** The process's terminal, when stdin and stdout are one; {@code y} or {@code yes} confirms. */
  static Confirmation terminal() {
    return question -> {
      Console console = System.console();
      if (console == null) {
        return Optional.empty();
      }
      return Optional.of(isYes(console.readLine("%s [y/N] ", question)));
    };
  }

  /** Nobody to ask: every confirmation needs {@code --yes}. */
  static Confirmation nobody() {
    return question -> Optional.empty();
  }

  /**
   * Whether a typed answer confirms: {@code y} or {@code yes} in any case; end of input does not.
   */
  static boolean isYes(String answer) {
    if (answer == null) {
      return false;
    }
    String a = answer.strip().toLowerCase(Locale.ROOT);
    return a.equals("y") || a.equals("yes");
  }
}
