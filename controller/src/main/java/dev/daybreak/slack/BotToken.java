package dev.daybreak.slack;

import java.util.Objects;

/**
 * A Slack bot token ({@code xoxb-...}). Its {@link #toString()} never shows the value, so it cannot
 * leak through a log line or an exception message.
 *
 * @param value the token
 */
public record BotToken(String value) {

  public BotToken {
    Objects.requireNonNull(value, "value");
    if (value.isBlank() || !value.strip().equals(value)) {
      throw new IllegalArgumentException(
          "a Slack bot token is one non-blank word without surrounding whitespace (xoxb-...)");
    }
  }

  @Override
  public String toString() {
    return "BotToken[redacted]";
  }
}
