package dev.daybreak.deploy;

import java.util.List;
import software.amazon.awscdk.services.secretsmanager.CfnSecret;
import software.constructs.Construct;

/**
 * The Slack bot token and signing secret, created empty in Secrets Manager and filled by the user
 * ({@code aws secretsmanager put-secret-value}). The controller gets their ARNs, never their
 * values: nothing secret is in the template or in an environment variable.
 *
 * <p>The L1 {@link CfnSecret} is used on purpose: CloudFormation creates an empty secret when
 * neither a value nor a generator is given, whereas the L2 {@code Secret} always generates a random
 * value.
 */
record SlackSecrets(CfnSecret botToken, CfnSecret signingSecret) {
  /** Environment variable with the bot token secret's ARN. */
  static final String BOT_TOKEN_ARN_ENV = "DAYBREAK_SLACK_BOT_TOKEN_SECRET_ARN";

  /** Environment variable with the signing secret's ARN. */
  static final String SIGNING_SECRET_ARN_ENV = "DAYBREAK_SLACK_SIGNING_SECRET_SECRET_ARN";

  static SlackSecrets create(Construct scope, String prefix) {
    return new SlackSecrets(
        CfnSecret.Builder.create(scope, "SlackBotToken")
            .name(prefix + "/slack-bot-token")
            .description("daybreak: Slack bot token (xoxb-...); put its value after deploying")
            .build(),
        CfnSecret.Builder.create(scope, "SlackSigningSecret")
            .name(prefix + "/slack-signing-secret")
            .description("daybreak: Slack app signing secret; put its value after deploying")
            .build());
  }

  /** The secrets' ARNs ({@code Ref} of an {@code AWS::SecretsManager::Secret} is its ARN). */
  List<String> arns() {
    return List.of(botToken.getRef(), signingSecret.getRef());
  }
}
