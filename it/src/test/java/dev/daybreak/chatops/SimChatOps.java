package dev.daybreak.chatops;

import dev.daybreak.store.StateStore;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

/**
 * Chat-ops for the deterministic simulation: what a slash command or a button runs once Bolt has
 * verified and parsed the request — {@link CommandParser} and {@link Commands} with a {@link
 * Caller} — without the HTTP and signature layers (covered by their own tests).
 */
public final class SimChatOps {

  /** The Slack user the simulation acts as; allowed on every environment. */
  public static final Caller CALLER = new Caller("U0SIM", "sim", "C0SIM");

  private final Commands commands;

  public SimChatOps(StateStore store, Clock clock, Consumer<String> trigger) {
    this.commands =
        new Commands(
            store,
            new ChatOpsSettings(ZoneOffset.UTC, List.of(CALLER.userId()), List.of()),
            clock,
            trigger);
  }

  /** Runs {@code /daybreak <text>} and returns the reply's text. */
  public String slashCommand(String text) {
    return commands.run(CommandParser.parse(text), CALLER, "/daybreak " + text).text();
  }

  /** Clicks the "Sleep now" button of {@code environment}. */
  public String sleepNowButton(String environment) {
    return commands.sleepNow(CALLER, environment).text();
  }

  /** Clicks the "Keep awake +2h" button of {@code environment}. */
  public String keepAwakeButton(String environment) {
    return commands.keepAwake(CALLER, environment).text();
  }
}
