package dev.daybreak.slack;

import dev.daybreak.secrets.SecretsManager;
import java.util.Objects;
import java.util.Optional;

/** Reads the bot token from an AWS Secrets Manager secret (plain text value). */
public final class SecretsManagerSecretSource implements SecretSource {

  /** The environment variable that names the secret holding the bot token. */
  public static final String VARIABLE = "DAYBREAK_SLACK_BOT_TOKEN_SECRET_ARN";

  private final SecretsManager secrets;
  private final String arn;

  public SecretsManagerSecretSource(SecretsManager secrets, String arn) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.arn = Objects.requireNonNull(arn, "arn");
  }

  @Override
  public Optional<BotToken> botToken() {
    Optional<String> value = secrets.read(arn);
    try {
      return value.map(BotToken::new);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "the secret " + arn + " does not hold a bot token: " + e.getMessage());
    }
  }

  @Override
  public String description() {
    return "the AWS Secrets Manager secret " + arn;
  }
}
