package dev.daybreak.chatops;

import dev.daybreak.secrets.SecretsManager;
import java.util.Objects;
import java.util.Optional;

/** Reads the signing secret from an AWS Secrets Manager secret (plain text value). */
public final class SecretsManagerSigningSecretSource implements SigningSecretSource {

  /** The environment variable that names the secret holding the signing secret. */
  public static final String ARN_VARIABLE = "DAYBREAK_SLACK_SIGNING_SECRET_SECRET_ARN";

  private final SecretsManager secrets;
  private final String arn;

  public SecretsManagerSigningSecretSource(SecretsManager secrets, String arn) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.arn = Objects.requireNonNull(arn, "arn");
  }

  /**
   * {@value SigningSecretSource#VARIABLE} when set, else the secret named by {@value
   * #ARN_VARIABLE}, else nothing (chat-ops off).
   */
  public static SigningSecretSource choose(java.util.Map<String, String> environment) {
    String direct = environment.get(VARIABLE);
    String arn = environment.get(ARN_VARIABLE);
    if ((direct == null || direct.isBlank()) && arn != null && !arn.isBlank()) {
      return new SecretsManagerSigningSecretSource(
          new SecretsManager(
              Optional.ofNullable(environment.get(SecretsManager.ENDPOINT_VARIABLE))
                  .filter(s -> !s.isBlank())
                  .map(java.net.URI::create)),
          arn.strip());
    }
    return SigningSecretSource.fromEnvironment(environment);
  }

  @Override
  public Optional<SigningSecret> signingSecret() {
    return secrets.read(arn).map(SigningSecret::new);
  }

  @Override
  public String description() {
    return "the AWS Secrets Manager secret " + arn;
  }
}
