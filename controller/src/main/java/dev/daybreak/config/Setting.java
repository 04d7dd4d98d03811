package dev.daybreak.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting the controller reads, in every mode, with the environment variable it is read from.
 * This is the one list: {@code daybreak run} (also the container's entrypoint), {@code daybreak
 * reconcile --once} and the Lambda handler read their flags through it (each flag's default is its
 * variable), deploy/'s tests check that the stack sets no variable outside it and can set every one
 * marked {@link Audience#STACK}, and deploy/README.md's table of variables is checked against it.
 *
 * <p>It depends on nothing but the JDK on purpose: deploy/'s tests put the controller's classes
 * alone on their classpath to read it.
 */
public enum Setting {
  TABLE(
      "--table",
      "DAYBREAK_TABLE",
      Audience.STACK,
      "the DynamoDB table (default daybreak)",
      Reader.RUN,
      Reader.RECONCILE,
      Reader.LAMBDA),
  REGION(
      "--region",
      "DAYBREAK_REGION",
      Audience.STACK,
      "the AWS region of every client; a plain cluster name is in it (default: the SDK's)",
      Reader.RUN,
      Reader.RECONCILE,
      Reader.LAMBDA),
  ACCOUNT(
      "--account",
      "DAYBREAK_ACCOUNT",
      Audience.STACK,
      "the AWS account the controller's credentials belong to; a plain cluster name is in it",
      Reader.RUN,
      Reader.RECONCILE,
      Reader.LAMBDA),
  CLUSTERS(
      "--clusters",
      "DAYBREAK_CLUSTERS",
      Audience.STACK,
      "the ECS clusters (names or ARNs, comma-separated) the controller may act on",
      Reader.RUN,
      Reader.RECONCILE,
      Reader.LAMBDA),
  METRICS_NAMESPACE(
      "--metrics-namespace",
      "DAYBREAK_METRICS_NAMESPACE",
      Audience.STACK,
      "the CloudWatch namespace DegradedEnvironments is published to (unset: not published)",
      Reader.RUN,
      Reader.RECONCILE,
      Reader.LAMBDA),
  SLACK_CHANNEL(
      "--slack-channel",
      "DAYBREAK_SLACK_CHANNEL",
      Audience.STACK,
      "the Slack channel for environments whose manifest names none",
      Reader.RUN,
      Reader.RECONCILE,
      Reader.LAMBDA),
  CALENDARS(
      "--calendars",
      "DAYBREAK_CALENDARS",
      Audience.STACK,
      "a directory of holiday calendars (NAME.yaml) besides the built-in ones",
      Reader.RUN,
      Reader.RECONCILE,
      Reader.LAMBDA),
  PRICES(
      "--prices",
      "DAYBREAK_PRICES",
      Audience.OPERATOR,
      "a Fargate price table (manifests/prices/fargate.yaml's format) for savings in dollars (default: the built-in one)",
      Reader.RUN,
      Reader.RECONCILE,
      Reader.LAMBDA),
  ZONE(
      "--zone",
      "DAYBREAK_ZONE",
      Audience.STACK,
      "the zone chat-ops reads `until 18:30` in when a schedule names none (default: the system's; UTC in Lambda)",
      Reader.RUN,
      Reader.LAMBDA),
  SLACK_ALLOW_USERS(
      "--slack-allow-user",
      "DAYBREAK_SLACK_ALLOW_USERS",
      Audience.STACK,
      "Slack user ids (comma-separated) allowed to wake and sleep environments with no"
          + " spec.access.slack",
      Reader.RUN,
      Reader.LAMBDA),
  SLACK_ALLOW_CHANNELS(
      "--slack-allow-channel",
      "DAYBREAK_SLACK_ALLOW_CHANNELS",
      Audience.STACK,
      "Slack channel ids (comma-separated) from which anyone may wake and sleep environments with"
          + " no spec.access.slack",
      Reader.RUN,
      Reader.LAMBDA),
  SHARDS(
      "--shards",
      "DAYBREAK_SHARDS",
      Audience.STACK,
      "how many shards environments are hashed over, shared by the replicas (default 1)",
      Reader.RUN),
  HTTP_PORT(
      "--http-port",
      "DAYBREAK_HTTP_PORT",
      Audience.STACK,
      "the port of /healthz, /readyz and /metrics (unset: no HTTP server)",
      Reader.RUN),
  STATUS_PAGE(
      "--status-page",
      "DAYBREAK_STATUS_PAGE",
      Audience.STACK,
      "on or off: the read-only status page (run: at / of the HTTP port, default on; Lambda: for"
          + " AWS_IAM Function URL requests only, default off; deploy/'s -c statusPage=true)",
      Reader.RUN,
      Reader.LAMBDA),
  DRY_RUN(
      "--dry-run",
      "DAYBREAK_DRY_RUN",
      Audience.STACK,
      "true to read everything and write nothing (deploy/'s -c dryRun=true, service mode)",
      Reader.RUN,
      Reader.RECONCILE),
  SLACK_BOT_TOKEN_SECRET_ARN(
      null,
      "DAYBREAK_SLACK_BOT_TOKEN_SECRET_ARN",
      Audience.STACK,
      "the ARN of the Secrets Manager secret holding the Slack bot token",
      Reader.RUN,
      Reader.RECONCILE,
      Reader.LAMBDA),
  SLACK_SIGNING_SECRET_SECRET_ARN(
      null,
      "DAYBREAK_SLACK_SIGNING_SECRET_SECRET_ARN",
      Audience.STACK,
      "the ARN of the Secrets Manager secret holding the Slack signing secret",
      Reader.RUN,
      Reader.LAMBDA),
  SLACK_BOT_TOKEN(
      null,
      "SLACK_BOT_TOKEN",
      Audience.SECRET,
      "the Slack bot token itself (instead of the secret's ARN)",
      Reader.RUN,
      Reader.RECONCILE,
      Reader.LAMBDA),
  SLACK_SIGNING_SECRET(
      null,
      "SLACK_SIGNING_SECRET",
      Audience.SECRET,
      "the Slack signing secret itself (instead of the secret's ARN)",
      Reader.RUN,
      Reader.LAMBDA),
  SLACK_APP_TOKEN(
      null,
      "SLACK_APP_TOKEN",
      Audience.SECRET,
      "the Slack app-level token for --slack-socket-mode",
      Reader.RUN),
  STORE(
      "--store",
      "DAYBREAK_STORE",
      Audience.OPERATOR,
      "dynamodb or memory (default dynamodb)",
      Reader.RUN,
      Reader.RECONCILE,
      Reader.LAMBDA),
  DYNAMODB_ENDPOINT(
      "--dynamodb-endpoint",
      "DAYBREAK_DYNAMODB_ENDPOINT",
      Audience.OPERATOR,
      "a DynamoDB-compatible endpoint instead of AWS's",
      Reader.RUN,
      Reader.RECONCILE,
      Reader.LAMBDA),
  AUDIT_RETENTION(
      "--audit-retention",
      "DAYBREAK_AUDIT_RETENTION",
      Audience.OPERATOR,
      "how long audit entries are kept before DynamoDB's TTL deletes them (default 400d)",
      Reader.RUN,
      Reader.RECONCILE,
      Reader.LAMBDA),
  ECS_ENDPOINT(
      "--ecs-endpoint",
      "DAYBREAK_ECS_ENDPOINT",
      Audience.OPERATOR,
      "an ECS-compatible endpoint instead of AWS's (e.g. daybreak ecs-sim)",
      Reader.RUN,
      Reader.RECONCILE,
      Reader.LAMBDA),
  ELB_ENDPOINT(
      "--elb-endpoint",
      "DAYBREAK_ELB_ENDPOINT",
      Audience.OPERATOR,
      "an Elastic Load Balancing v2 endpoint (target health) instead of AWS's; a local"
          + " --ecs-endpoint serves both",
      Reader.RUN,
      Reader.RECONCILE,
      Reader.LAMBDA),
  ECS_QUOTA_SHARE(
      "--ecs-quota-share",
      "DAYBREAK_ECS_QUOTA_SHARE",
      Audience.OPERATOR,
      "the share of ECS's API quota (per account and region) daybreak paces itself to, above 0"
          + " and at most 1 (default 0.98); it slows down whenever ECS throttles it anyway",
      Reader.RUN,
      Reader.RECONCILE,
      Reader.LAMBDA),
  AUTOSCALING_ENDPOINT(
      "--autoscaling-endpoint",
      "DAYBREAK_AUTOSCALING_ENDPOINT",
      Audience.OPERATOR,
      "an Application Auto Scaling endpoint instead of AWS's; by default the --ecs-endpoint",
      Reader.RUN,
      Reader.RECONCILE,
      Reader.LAMBDA),
  CLOUDWATCH_ENDPOINT(
      "--cloudwatch-endpoint",
      "DAYBREAK_CLOUDWATCH_ENDPOINT",
      Audience.OPERATOR,
      "a CloudWatch-compatible endpoint instead of AWS's",
      Reader.RUN,
      Reader.RECONCILE,
      Reader.LAMBDA),
  SECRETS_MANAGER_ENDPOINT(
      null,
      "DAYBREAK_SECRETS_MANAGER_ENDPOINT",
      Audience.OPERATOR,
      "a Secrets Manager-compatible endpoint instead of AWS's",
      Reader.RUN,
      Reader.RECONCILE,
      Reader.LAMBDA),
  SLACK_API_URL(
      "--slack-api-url",
      "DAYBREAK_SLACK_API_URL",
      Audience.OPERATOR,
      "the Slack Web API base instead of https://slack.com/api/",
      Reader.RUN,
      Reader.RECONCILE,
      Reader.LAMBDA),
  RESYNC(
      "--resync",
      "DAYBREAK_RESYNC",
      Audience.OPERATOR,
      "how often every desired item is read (default 5s)",
      Reader.RUN),
  WORKERS(
      "--workers",
      "DAYBREAK_WORKERS",
      Audience.OPERATOR,
      "environments reconciled at once (default 4)",
      Reader.RUN),
  STAGGER_WINDOW(
      "--stagger-window",
      "DAYBREAK_STAGGER_WINDOW",
      Audience.OPERATOR,
      "the window starts of environments sharing a schedule edge are spread over",
      Reader.RUN),
  LOG_LEVEL(
      null,
      "DAYBREAK_LOG_LEVEL",
      Audience.OPERATOR,
      "daybreak's own log level, e.g. DEBUG (default INFO; read by logback.xml)",
      Reader.RUN,
      Reader.RECONCILE,
      Reader.LAMBDA),
  LOG_FORMAT(
      "--log-format",
      "DAYBREAK_LOG_FORMAT",
      Audience.OPERATOR,
      "text or json (default text)",
      Reader.RUN),
  REPLICA_ID(
      "--replica-id",
      "DAYBREAK_REPLICA_ID",
      Audience.OPERATOR,
      "this replica's id (default: $HOSTNAME and the process id)",
      Reader.RUN),
  HTTP_ADDRESS(
      "--http-address",
      "DAYBREAK_HTTP_ADDRESS",
      Audience.OPERATOR,
      "the address the HTTP server binds (default 127.0.0.1)",
      Reader.RUN),
  SLACK_SOCKET_MODE(
      "--slack-socket-mode",
      "DAYBREAK_SLACK_SOCKET_MODE",
      Audience.OPERATOR,
      "true to serve chat-ops over Slack's Socket Mode (needs SLACK_APP_TOKEN)",
      Reader.RUN);

  /** Who sets a setting. */
  public enum Audience {
    /** deploy/ sets it (from its context or its own resources) in the modes that read it. */
    STACK,
    /** Yours when you run the controller yourself (stand-ins, tuning); deploy/ never sets it. */
    OPERATOR,
    /** A secret value: read from the environment only, never a flag, never set by deploy/. */
    SECRET
  }

  /** The ways the controller runs, each of which reads its settings from this list. */
  public enum Reader {
    /** {@code daybreak run}: by hand, and the container's entrypoint (deploy/'s service mode). */
    RUN,
    /** {@code daybreak reconcile --once}: from cron. */
    RECONCILE,
    /** The Lambda handler (deploy/'s serverless mode), scheduled and Slack's Function URL. */
    LAMBDA
  }

  private final Optional<String> option;
  private final String variable;
  private final Audience audience;
  private final String meaning;
  private final Set<Reader> readers;

  Setting(String option, String variable, Audience audience, String meaning, Reader... readers) {
    this.option = Optional.ofNullable(option);
    this.variable = variable;
    this.audience = audience;
    this.meaning = meaning;
    this.readers = EnumSet.copyOf(Arrays.asList(readers));
  }

  /** The command-line flag, e.g. {@code --table}; empty for settings read from the environment. */
  public Optional<String> option() {
    return option;
  }

  /** The environment variable, e.g. {@code DAYBREAK_TABLE}. */
  public String variable() {
    return variable;
  }

  /** Who sets it. */
  public Audience audience() {
    return audience;
  }

  /** What it means, in a few words (deploy/README.md's table). */
  public String meaning() {
    return meaning;
  }

  /** The modes that read it. */
  public Set<Reader> readers() {
    return EnumSet.copyOf(readers);
  }

  /** The setting of a flag. */
  public static Optional<Setting> ofOption(String option) {
    return Arrays.stream(values()).filter(s -> s.option.equals(Optional.of(option))).findFirst();
  }

  /** The settings {@code reader} reads. */
  public static List<Setting> readBy(Reader reader) {
    return Arrays.stream(values()).filter(s -> s.readers.contains(reader)).toList();
  }
}
