package dev.daybreak.slack;

import dev.daybreak.model.Transition;
import java.io.PrintStream;
import java.util.Objects;
import java.util.Optional;

/**
 * Renders what Slack would show to a terminal: the operation's message card and one line per
 * transition (the thread replies). Used by the sandbox; prints only passes with transitions.
 */
public final class ConsoleNotifier implements Notifier {

  private final PrintStream out;
  private final Optional<String> defaultChannel;

  /**
   * @param out where to print (the sandbox passes {@code System.out})
   * @param defaultChannel the channel shown for environments whose manifest names none
   */
  public ConsoleNotifier(PrintStream out, Optional<String> defaultChannel) {
    this.out = Objects.requireNonNull(out, "out");
    this.defaultChannel = Objects.requireNonNull(defaultChannel, "defaultChannel");
  }

  @Override
  public void announce(Announcement a) {
    if (a.transitions().isEmpty()) {
      return;
    }
    String rendered = render(a);
    synchronized (out) {
      out.print(rendered);
      out.flush();
    }
  }

  /** The card and replies exactly as {@link #announce} prints them. */
  String render(Announcement a) {
    String channel =
        a.notifications().slackChannel().or(() -> defaultChannel).map(c -> "#" + c).orElse("(log)");
    StringBuilder b = new StringBuilder();
    b.append("┌─ Slack ").append(channel).append(" ─ ").append(MessageText.title(a)).append('\n');
    b.append("│ ")
        .append(MessageText.progress(a))
        .append(" · ")
        .append(MessageText.requested(a))
        .append('\n');
    int width = a.services().stream().mapToInt(s -> s.serviceName().length()).max().orElse(0);
    for (ServiceReport s : a.services()) {
      b.append("│ ")
          .append(s.ready() ? "✔ " : "… ")
          .append(pad(s.serviceName(), width))
          .append("  tier ")
          .append(s.tier() < 0 ? "?" : String.valueOf(s.tier()))
          .append("  ")
          .append(MessageText.counts(s))
          .append('\n');
      s.latestEvent()
          .ifPresent(
              e ->
                  b.append("│   ")
                      .append(" ".repeat(width))
                      .append(MessageText.event(e))
                      .append('\n'));
    }
    for (int i = 0; i < a.transitions().size(); i++) {
      Transition t = a.transitions().get(i);
      b.append(i == a.transitions().size() - 1 ? "└─ ↳ " : "├─ ↳ ")
          .append(MessageText.transition(t, a))
          .append('\n');
    }
    return b.toString();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
