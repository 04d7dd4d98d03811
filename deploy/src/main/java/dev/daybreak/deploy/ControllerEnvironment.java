package dev.daybreak.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Aws;

/**
 * The environment variables the stack gives the controller: where its state is, where the Slack
 * secrets are (their ARNs: the controller reads the values with GetSecretValue at start), and the
 * settings of the context. Every name is one of the controller's settings ({@code
 * dev.daybreak.config.Setting}, the one list every mode reads); the stack tests check that it sets
 * none other and, given every context key, each one its mode reads.
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

  /** The account, which with the region fills in a plain cluster name. */
  static final String ACCOUNT_ENV = "DAYBREAK_ACCOUNT";

  /** The zone chat-ops reads times in. */
  static final String ZONE_ENV = "DAYBREAK_ZONE";

  /** Slack users allowed where a manifest names none (comma-separated). */
  static final String SLACK_ALLOW_USERS_ENV = "DAYBREAK_SLACK_ALLOW_USERS";

  /** Slack channels allowed where a manifest names none (comma-separated). */
  static final String SLACK_ALLOW_CHANNELS_ENV = "DAYBREAK_SLACK_ALLOW_CHANNELS";

  /** The directory of one's own holiday calendars. */
  static final String CALENDARS_ENV = "DAYBREAK_CALENDARS";

  /** Service mode: the shards the replicas share. */
  static final String SHARDS_ENV = "DAYBREAK_SHARDS";

  /** Service mode: the port of the health endpoints. */
  static final String HTTP_PORT_ENV = "DAYBREAK_HTTP_PORT";

  /**
   * {@code on} or {@code off}: the status page. Off for the scheduled and the Slack functions; on
   * for the status page's own function; in service mode, as {@code -c statusPage} says.
   */
  static final String STATUS_PAGE_ENV = "DAYBREAK_STATUS_PAGE";

  private ControllerEnvironment() {}

  /**
   * The variables of every mode.
   *
   * @param calendars where the controller finds the calendars of {@code -c calendars}, if given
   */
  static Map<String, String> of(
      DeployConfig config, String tableName, SlackSecrets secrets, Optional<String> calendars) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(TABLE_ENV, tableName);
    env.put(REGION_ENV, Aws.REGION);
    env.put(ACCOUNT_ENV, Aws.ACCOUNT_ID);
    env.put(CLUSTERS_ENV, String.join(",", config.clusters()));
    if (config.dryRun()) {
      env.put(DRY_RUN_ENV, "true");
    } else {
      env.put(METRICS_NAMESPACE_ENV, ControllerPermissions.METRICS_NAMESPACE);
    }
    env.put(SlackSecrets.BOT_TOKEN_ARN_ENV, secrets.botToken().getRef());
    env.put(SlackSecrets.SIGNING_SECRET_ARN_ENV, secrets.signingSecret().getRef());
    config.slackChannel().ifPresent(channel -> env.put(SLACK_CHANNEL_ENV, channel));
    config.zone().ifPresent(zone -> env.put(ZONE_ENV, zone));
    if (!config.slackAllowUsers().isEmpty()) {
      env.put(SLACK_ALLOW_USERS_ENV, String.join(",", config.slackAllowUsers()));
    }
    if (!config.slackAllowChannels().isEmpty()) {
      env.put(SLACK_ALLOW_CHANNELS_ENV, String.join(",", config.slackAllowChannels()));
    }
    calendars.ifPresent(directory -> env.put(CALENDARS_ENV, directory));
    env.put(STATUS_PAGE_ENV, "off");
    return env;
  }
}
