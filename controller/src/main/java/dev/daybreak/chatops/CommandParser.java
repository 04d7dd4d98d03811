package dev.daybreak.chatops;

import dev.daybreak.model.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads the text after {@code /daybreak} into a {@link ChatCommand}. */
public final class CommandParser {

  /** The usage lines shown by {@code help} and after any mistake. */
  public static final String USAGE =
      String.join(
          "\n",
          "`/daybreak wake ENV [for 2h | until 18:30] [SERVICE...]` wake an environment (or some"
              + " services and what they depend on); without `for`/`until` it stays awake for "
              + ChatOps.DEFAULT_WAKE.toHours()
              + "h"
              + ", never longer than its `spec.access.maxWake`",
          "`/daybreak sleep ENV [for 1h]` put it to sleep (for a while, or until the schedule or"
              + " someone wakes it)",
          "`/daybreak wake -l SELECTOR [for 2h | until 18:30]`, `/daybreak sleep -l SELECTOR [for"
              + " 1h]` every environment whose labels match, among those you may change"
              + " (`-l team=shop`, `-l tier!=prod`, `-l team in (shop, pay)`, `-l !pinned`)",
          "`/daybreak status [ENV]` where environments stand",
          "`/daybreak help` this text");

  /**
   * The longest {@code for} a command takes: a year and a day. Far past any wake's {@code maxWake},
   * and it keeps every end time a command computes far from {@link java.time.Instant#MAX}.
   */
  static final Duration MAX_LENGTH = Duration.ofDays(366);

  private CommandParser() {}

  /**
   * Parses the command text.
   *
   * @throws UsageException when the text is not a valid command; the message names the mistake
   */
  public static ChatCommand parse(String text) {
    List<String> words =
        Arrays.stream(text.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    if (words.isEmpty()) {
      return new ChatCommand.Help();
    }
    String verb = words.get(0).toLowerCase(Locale.ROOT);
    List<String> args = words.subList(1, words.size());
    return switch (verb) {
      case "help" -> new ChatCommand.Help();
      case "status" -> status(args);
      case "wake" -> wake(args);
      case "sleep" -> sleep(args);
      default ->
          throw new UsageException(
              "unknown command '"
                  + Untrusted.echo(verb)
                  + "': expected wake, sleep, status or help");
    };
  }

  private static ChatCommand status(List<String> args) {
    if (args.size() > 1) {
      throw new UsageException(
          "status takes at most one environment, got " + Untrusted.echo(String.join(" ", args)));
    }
    return new ChatCommand.Status(args.stream().findFirst());
  }

  private static ChatCommand wake(List<String> args) {
    if (SelectorArgs.isSelector(args)) {
      return SelectorArgs.wake(args);
    }
    String environment = environment("wake", args);
    List<String> rest = args.subList(1, args.size());
    Optional<ChatCommand.Length> length = Optional.empty();
    if (!rest.isEmpty() && isKeyword(rest.get(0))) {
      String keyword = rest.get(0).toLowerCase(Locale.ROOT);
      String value = value(keyword, rest);
      length =
          Optional.of(
              keyword.equals("for")
                  ? new ChatCommand.Length.For(duration(value))
                  : new ChatCommand.Length.Until(value));
      rest = rest.subList(2, rest.size());
    }
    for (String service : rest) {
      if (isKeyword(service)) {
        throw new UsageException(
            "'"
                + Untrusted.echo(service)
                + "' must come right after the environment, before any service");
      }
    }
    return new ChatCommand.Wake(environment, length, rest);
  }

  private static ChatCommand sleep(List<String> args) {
    if (SelectorArgs.isSelector(args)) {
      return SelectorArgs.sleep(args);
    }
    String environment = environment("sleep", args);
    List<String> rest = args.subList(1, args.size());
    if (rest.isEmpty()) {
      return new ChatCommand.Sleep(environment, Optional.empty());
    }
    if (!rest.get(0).equalsIgnoreCase("for") || rest.size() != 2) {
      throw new UsageException(
          "sleep takes an environment and optionally `for DURATION`, got "
              + Untrusted.echo(String.join(" ", args)));
    }
    return new ChatCommand.Sleep(environment, Optional.of(duration(rest.get(1))));
  }

  private static String environment(String verb, List<String> args) {
    if (args.isEmpty() || isKeyword(args.get(0))) {
      throw new UsageException(verb + " needs an environment: `/daybreak " + verb + " ENV`");
    }
    return args.get(0);
  }

  static String value(String keyword, List<String> rest) {
    if (rest.size() < 2) {
      throw new UsageException(
          "`"
              + keyword
              + "` needs a value: "
              + (keyword.equals("for") ? Durations.FORMS : "a time such as 18:30"));
    }
    return rest.get(1);
  }

  static Duration duration(String text) {
    String echo = Untrusted.echo(text);
    Duration duration =
        Durations.parse(text)
            .orElseThrow(
                () ->
                    new UsageException(
                        "bad duration '"
                            + echo
                            + "': not a duration; expected "
                            + Durations.FORMS));
    if (duration.isZero()) {
      throw new UsageException("bad duration '" + echo + "': must be longer than 0s");
    }
    if (duration.compareTo(MAX_LENGTH) > 0) {
      throw new UsageException(
          "bad duration '"
              + echo
              + "': at most "
              + MAX_LENGTH.toDays()
              + "d; to sleep for longer, leave out `for` (it then sleeps until someone wakes it)");
    }
    return duration;
  }

  static boolean isKeyword(String word) {
    return word.equalsIgnoreCase("for") || word.equalsIgnoreCase("until");
  }
}
