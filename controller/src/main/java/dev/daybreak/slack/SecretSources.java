package dev.daybreak.slack;

import dev.daybreak.secrets.SecretsManager;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** Chooses where the bot token comes from, from the process environment. */
public final class SecretSources {

  private SecretSources() {}

  /**
   * {@value EnvSecretSource#VARIABLE} when set; else the Secrets Manager secret named by {@value
   * SecretsManagerSecretSource#VARIABLE}; else the (empty) environment, so that notifications go to
   * the log.
   */
  public static SecretSource botToken(Map<String, String> environment) {
    String direct = environment.get(EnvSecretSource.VARIABLE);
    String arn = environment.get(SecretsManagerSecretSource.VARIABLE);
    if ((direct == null || direct.isBlank()) && arn != null && !arn.isBlank()) {
      Optional<URI> endpoint =
          Optional.ofNullable(environment.get(SecretsManager.ENDPOINT_VARIABLE))
              .filter(s -> !s.isBlank())
              .map(URI::create);
      return new SecretsManagerSecretSource(new SecretsManager(endpoint), arn.strip());
    }
    return new EnvSecretSource(environment);
  }

  /** {@link #botToken(Map)} on the real process environment. */
  public static SecretSource fromSystem() {
    return botToken(System.getenv());
  }
}
