package dev.daybreak.chatops;

import java.util.Objects;

/**
 * The Slack app's signing secret. Its {@link #toString()} never shows the value.
 *
 * @param value the secret as Slack shows it under "Basic Information"
 */
public record SigningSecret(String value) {

  public SigningSecret {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("expected a non-blank signing secret, got a blank one");
    }
  }

  @Override
  public String toString() {
    return "SigningSecret[redacted]";
  }
}
