package dev.daybreak.slack;

import java.util.Optional;

/**
 * Where the Slack bot token comes from: the environment today, AWS Secrets Manager later, behind
 * the same seam.
 */
public interface SecretSource {

  /**
   * The bot token, if one is configured.
   *
   * @throws IllegalStateException when one is configured but cannot be read or is malformed; the
   *     message says where, never what
   */
  Optional<BotToken> botToken();

  /** Where the token is read from, for people (never the token itself). */
  String description();
}
