package dev.daybreak.chatops;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the signing secret comes from: the {@value #VARIABLE} environment variable here; a Secrets
 * Manager ARN is another implementation of the same seam.
 */
public interface SigningSecretSource {

  /** The environment variable that holds the signing secret. */
  String VARIABLE = "SLACK_SIGNING_SECRET";

  /** The signing secret, if one is configured. */
  Optional<SigningSecret> signingSecret();

  /** Where the secret is read from, for people (never the secret itself). */
  String description();

  /** Reads {@value #VARIABLE} from {@code environment}; blank means unset. */
  static SigningSecretSource fromEnvironment(Map<String, String> environment) {
    Map<String, String> copy = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    return new SigningSecretSource() {
      @Override
      public Optional<SigningSecret> signingSecret() {
        return Optional.ofNullable(copy.get(VARIABLE))
            .filter(v -> !v.isBlank())
            .map(SigningSecret::new);
      }

      @Override
      public String description() {
        return "the environment variable " + VARIABLE;
      }
    };
  }
}
