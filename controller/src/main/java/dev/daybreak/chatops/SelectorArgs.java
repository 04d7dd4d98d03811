package dev.daybreak.chatops;

import dev.daybreak.model.State;
import dev.daybreak.model.selector.LabelSelector;
import dev.daybreak.model.selector.SelectorException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code wake -l SELECTOR [for 2h | until 18:30]} and {@code sleep -l SELECTOR [for 1h]}: the
 * selector runs from after {@code -l} up to {@code for}, {@code until} or the end, its words joined
 * by single spaces (blanks between a selector's tokens carry no meaning).
 */
final class SelectorArgs {

  private SelectorArgs() {}

  /** Whether the words after the verb start with {@code -l} or {@code --selector}. */
  static boolean isSelector(List<String> args) {
    return !args.isEmpty()
        && (args.get(0).equals("-l") || args.get(0).equalsIgnoreCase("--selector"));
  }

  static ChatCommand wake(List<String> args) {
    int end = end(args);
    LabelSelector selector = selector("wake", args, end);
    List<String> rest = args.subList(end, args.size());
    if (rest.isEmpty()) {
      return new ChatCommand.Selected(selector, State.AWAKE, Optional.empty());
    }
    String keyword = rest.get(0).toLowerCase(Locale.ROOT);
    String value = CommandParser.value(keyword, rest);
    if (rest.size() > 2) {
      throw new UsageException(
          "`wake -l SELECTOR` takes `for DURATION` or `until TIME` and nothing after it (no"
              + " services: name one environment to wake some of its services), got "
              + Untrusted.echo(String.join(" ", rest)));
    }
    return new ChatCommand.Selected(
        selector,
        State.AWAKE,
        Optional.of(
            keyword.equals("for")
                ? new ChatCommand.Length.For(CommandParser.duration(value))
                : new ChatCommand.Length.Until(value)));
  }

  static ChatCommand sleep(List<String> args) {
    int end = end(args);
    LabelSelector selector = selector("sleep", args, end);
    List<String> rest = args.subList(end, args.size());
    if (rest.isEmpty()) {
      return new ChatCommand.Selected(selector, State.ASLEEP, Optional.empty());
    }
    if (!rest.get(0).equalsIgnoreCase("for") || rest.size() != 2) {
      throw new UsageException(
          "`sleep -l SELECTOR` takes optionally `for DURATION` after the selector, got "
              + Untrusted.echo(String.join(" ", rest)));
    }
    return new ChatCommand.Selected(
        selector,
        State.ASLEEP,
        Optional.of(new ChatCommand.Length.For(CommandParser.duration(rest.get(1)))));
  }

  /** The index of the first {@code for}/{@code until} after the selector, or the end. */
  private static int end(List<String> args) {
    for (int i = 1; i < args.size(); i++) {
      if (CommandParser.isKeyword(args.get(i))) {
        return i;
      }
    }
    return args.size();
  }

  private static LabelSelector selector(String verb, List<String> args, int end) {
    String text = String.join(" ", args.subList(1, end));
    if (text.isEmpty()) {
      throw new UsageException(
          "`"
              + args.get(0)
              + "` needs a label selector: `/daybreak "
              + verb
              + " -l team=shop` (or `tier!=prod`, `team in (shop, pay)`, `!pinned`)");
    }
    try {
      return LabelSelector.parse(text);
    } catch (SelectorException e) {
      throw new UsageException(
          "bad selector '"
              + Untrusted.echo(e.selector())
              + "' at column "
              + e.column()
              + ": "
              + Untrusted.inert(e.problem()));
    }
  }
}
