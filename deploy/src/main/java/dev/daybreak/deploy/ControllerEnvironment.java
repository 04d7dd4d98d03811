package dev.daybreak.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.Aws;

/**
 * The environment variables both variants give the controller: where its state is and where the
 * Slack secrets are (their ARNs: the controller reads the values with GetSecretValue at start).
 */
final class ControllerEnvironment {
  /** The table, as the CLI's {@code --table} reads it. */
  static final String TABLE_ENV = "DAYBREAK_TABLE";

  /** The region, as the CLI's {@code --region} reads it. */
  static final String REGION_ENV = "DAYBREAK_REGION";

  /** The Slack channel announcements go to. */
  static final String SLACK_CHANNEL_ENV = "DAYBREAK_SLACK_CHANNEL";

  /** The CloudWatch namespace of the controller's metrics. */
  static final String METRICS_NAMESPACE_ENV = "DAYBREAK_METRICS_NAMESPACE";

  /** The clusters the controller may act on (comma-separated), as its permissions allow. */
  static final String CLUSTERS_ENV = "DAYBREAK_CLUSTERS";

  /** Set to {@code true} for a dry-run deployment, as {@code run --dry-run} reads it. */
  static final String DRY_RUN_ENV = "DAYBREAK_DRY_RUN";

  private ControllerEnvironment() {}

  static Map<String, String> of(DeployConfig config, String tableName, SlackSecrets secrets) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(TABLE_ENV, tableName);
    env.put(REGION_ENV, Aws.REGION);
    env.put(CLUSTERS_ENV, String.join(",", config.clusters()));
    if (config.dryRun()) {
      env.put(DRY_RUN_ENV, "true");
    } else {
      env.put(METRICS_NAMESPACE_ENV, ControllerPermissions.METRICS_NAMESPACE);
    }
    env.put(SlackSecrets.BOT_TOKEN_ARN_ENV, secrets.botToken().getRef());
    env.put(SlackSecrets.SIGNING_SECRET_ARN_ENV, secrets.signingSecret().getRef());
    config.slackChannel().ifPresent(channel -> env.put(SLACK_CHANNEL_ENV, channel));
    return env;
  }
}
