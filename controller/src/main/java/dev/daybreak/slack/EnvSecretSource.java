package dev.daybreak.slack;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Reads the bot token from the {@value #VARIABLE} environment variable; blank means unset. */
public final class EnvSecretSource implements SecretSource {

  /** The environment variable that holds the bot token. */
  public static final String VARIABLE = "SLACK_BOT_TOKEN";

  private final Map<String, String> environment;

  /**
   * @param environment the process environment (tests pass their own)
   */
  public EnvSecretSource(Map<String, String> environment) {
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
  }

  /** Reads the real process environment. */
  public static EnvSecretSource fromSystem() {
    return new EnvSecretSource(System.getenv());
  }

  @Override
  public Optional<BotToken> botToken() {
    String value = environment.get(VARIABLE);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BotToken(value));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "the environment variable " + VARIABLE + " is set but malformed: " + e.getMessage());
    }
  }

  @Override
  public String description() {
    return "the environment variable " + VARIABLE;
  }
}
