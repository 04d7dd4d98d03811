package dev.daybreak.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Everything the stack is generated from, read from CDK context ({@code -c key=value} or {@code
 * cdk.json}) and validated before any resource is defined.
 *
 * @param mode how the controller runs
 * @param clusters names of the ECS clusters whose services daybreak may scale; the controller's ECS
 *     permissions cover exactly these clusters' services
 * @param image the controller's container image (service mode only)
 * @param controllerJar the controller's Lambda jar ({@code daybreak-lambda.jar}: the CLI's jar
 *     without the ECS simulator), the Lambda code (serverless mode only)
 * @param tableName the DynamoDB table (the CLI's default is {@code daybreak})
 * @param logRetentionDays how long the controller's logs are kept
 * @param slackChannel the channel announcements go to, if any
 * @param alarmEmail an address subscribed to the alarms topic, if any
 * @param dryRun whether the controller runs as {@code daybreak run --dry-run}: read-only
 *     permissions, one replica, nothing written anywhere (service mode only)
 * @param zone the zone chat-ops reads times in when a schedule names none, if not UTC
 * @param slackAllowUsers Slack user ids allowed on environments with no {@code spec.access.slack}
 * @param slackAllowChannels Slack channel ids allowed on environments with no {@code
 *     spec.access.slack}
 * @param calendars a directory of holiday calendars of one's own: packaged as a Lambda layer in
 *     serverless mode; in service mode, the directory the image holds them in
 * @param statusPage whether the read-only status page is served: serverless mode adds a function
 *     behind a Function URL with AWS_IAM auth for it; service mode serves it on the controller's
 *     port inside the VPC (no inbound rule is added)
 * @param targetRoles the IAM roles in other accounts (DaybreakTargetAccount stacks) the controller
 *     may assume for environments there ({@code spec.aws.roleArn}); the controller's role gets
 *     {@code sts:AssumeRole} on exactly these
 */
public record DeployConfig(
    Mode mode,
    List<String> clusters,
    Optional<String> image,
    Path controllerJar,
    String tableName,
    int logRetentionDays,
    Optional<String> slackChannel,
    Optional<String> alarmEmail,
    boolean dryRun,
    Optional<String> zone,
    List<String> slackAllowUsers,
    List<String> slackAllowChannels,
    Optional<String> calendars,
    boolean statusPage,
    List<String> targetRoles) {

  /** Where {@code cdk.json}'s app (run from {@code deploy/}) finds the controller's jar. */
  public static final String DEFAULT_CONTROLLER_JAR = "../controller/target/daybreak-lambda.jar";

  /** The table name the {@code daybreak} CLI uses when none is given. */
  public static final String DEFAULT_TABLE = "daybreak";

  /** Retention periods CloudWatch Logs accepts, in days. */
  static final Map<Integer, RetentionDays> RETENTION_DAYS =
      Map.ofEntries(
          Map.entry(1, RetentionDays.ONE_DAY),
          Map.entry(3, RetentionDays.THREE_DAYS),
          Map.entry(5, RetentionDays.FIVE_DAYS),
          Map.entry(7, RetentionDays.ONE_WEEK),
          Map.entry(14, RetentionDays.TWO_WEEKS),
          Map.entry(30, RetentionDays.ONE_MONTH),
          Map.entry(60, RetentionDays.TWO_MONTHS),
          Map.entry(90, RetentionDays.THREE_MONTHS),
          Map.entry(120, RetentionDays.FOUR_MONTHS),
          Map.entry(150, RetentionDays.FIVE_MONTHS),
          Map.entry(180, RetentionDays.SIX_MONTHS),
          Map.entry(365, RetentionDays.ONE_YEAR),
          Map.entry(400, RetentionDays.THIRTEEN_MONTHS),
          Map.entry(545, RetentionDays.EIGHTEEN_MONTHS),
          Map.entry(731, RetentionDays.TWO_YEARS),
          Map.entry(1096, RetentionDays.THREE_YEARS),
          Map.entry(1827, RetentionDays.FIVE_YEARS),
          Map.entry(2192, RetentionDays.SIX_YEARS),
          Map.entry(2557, RetentionDays.SEVEN_YEARS),
          Map.entry(2922, RetentionDays.EIGHT_YEARS),
          Map.entry(3288, RetentionDays.NINE_YEARS),
          Map.entry(3653, RetentionDays.TEN_YEARS));

  // ECS cluster names: up to 255 letters, digits, hyphens and underscores.
  private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  // DynamoDB table names: 3 to 255 of letters, digits, '_', '-', '.'.
  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

  /** Every context key the configuration is read from (deploy/README.md's table lists them). */
  public static final List<String> CONTEXT_KEYS =
      List.of(
          "clusters",
          "mode",
          "image",
          "autoscaling",
          "slackChannel",
          "slackAllowUsers",
          "slackAllowChannels",
          "zone",
          "calendars",
          "alarmEmail",
          "tableName",
          "logRetentionDays",
          "controllerJar",
          "dryRun",
          "statusPage",
          "targetRoles");

  /** An IAM role ARN, as {@code -c targetRoles} lists them. */
  static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}");

  public DeployConfig {
    clusters = List.copyOf(clusters);
    slackAllowUsers = List.copyOf(slackAllowUsers);
    slackAllowChannels = List.copyOf(slackAllowChannels);
    targetRoles = List.copyOf(targetRoles);
    for (String role : targetRoles) {
      if (!ROLE_ARN.matcher(role).matches()) {
        throw new DeployConfigException(
            "context 'targetRoles': expected IAM role ARNs"
                + " (arn:aws:iam::ACCOUNT:role/daybreak-target, comma-separated) but found '"
                + role
                + "'");
      }
    }
    if (clusters.isEmpty()) {
      throw new DeployConfigException(
          "context 'clusters': expected at least one ECS cluster name (-c clusters=dev,staging)"
              + " but found none");
    }
    for (String cluster : clusters) {
      if (!CLUSTER_NAME.matcher(cluster).matches()) {
        throw new DeployConfigException(
            "context 'clusters': expected ECS cluster names (letters, digits, '-', '_') but found '"
                + cluster
                + "'");
      }
    }
    if (mode == Mode.SERVICE && image.isEmpty()) {
      throw new DeployConfigException(
          "context 'image': mode=service runs the controller's container image, so -c"
              + " image=<repository>:<tag> is required (build and push it with ./mvnw -Pjib, see"
              + " deploy/README.md) but none was given");
    }
    if (!TABLE_NAME.matcher(tableName).matches()) {
      throw new DeployConfigException(
          "context 'tableName': expected 3 to 255 letters, digits, '_', '-' or '.' but found '"
              + tableName
              + "'");
    }
    if (dryRun && mode != Mode.SERVICE) {
      throw new DeployConfigException(
          "context 'dryRun': a dry run keeps the controller's plan in memory from pass to pass,"
              + " which a Lambda invocation cannot, so it needs -c mode=service (and -c image=...)"
              + " but mode is "
              + mode.contextValue());
    }
    if (!RETENTION_DAYS.containsKey(logRetentionDays)) {
      throw new DeployConfigException(
          "context 'logRetentionDays': expected one of CloudWatch Logs' periods "
              + RETENTION_DAYS.keySet().stream().sorted().toList()
              + " but found "
              + logRetentionDays);
    }
  }

  /**
   * Reads the configuration from CDK context.
   *
   * @param context {@code node.tryGetContext}: a value, or null when the key is absent
   */
  /** {@link #logRetentionDays} as CloudWatch Logs' period. */
  RetentionDays logRetention() {
    return RETENTION_DAYS.get(logRetentionDays);
  }

  public static DeployConfig fromContext(Function<String, Object> context) {
    Mode mode = Mode.fromContext(string(context, "mode").orElse(Mode.SERVERLESS.contextValue()));
    autoscalingFlag(context);
    return new DeployConfig(
        mode,
        list(context.apply("clusters")),
        string(context, "image"),
        Path.of(string(context, "controllerJar").orElse(DEFAULT_CONTROLLER_JAR)),
        string(context, "tableName").orElse(DEFAULT_TABLE),
        integer(context, "logRetentionDays", 30),
        string(context, "slackChannel"),
        string(context, "alarmEmail"),
        bool(context, "dryRun"),
        string(context, "zone"),
        list(context.apply("slackAllowUsers")),
        list(context.apply("slackAllowChannels")),
        string(context, "calendars"),
        bool(context, "statusPage"),
        list(context.apply("targetRoles")));
  }

  private static Optional<String> string(Function<String, Object> context, String key) {
    return Optional.ofNullable(context.apply(key))
        .map(value -> String.valueOf(value).trim())
        .filter(value -> !value.isEmpty());
  }

  private static boolean bool(Function<String, Object> context, String key) {
    Optional<String> value = string(context, key).map(v -> v.toLowerCase(Locale.ROOT));
    if (value.isEmpty() || value.get().equals("false")) {
      return false;
    }
    if (value.get().equals("true")) {
      return true;
    }
    throw new DeployConfigException(
        "context '" + key + "': expected true or false but found '" + value.get() + "'");
  }

  /**
   * {@code -c autoscaling=...} is deprecated: the controller calls Application Auto Scaling for
   * every environment whose manifest does not say {@code autoscaling: ignore}, so its policy always
   * grants what it calls. {@code true} (what the policy now does) is still accepted; anything else
   * is refused, because it can no longer be honoured.
   */
  private static void autoscalingFlag(Function<String, Object> context) {
    Optional<String> value = string(context, "autoscaling").map(v -> v.toLowerCase(Locale.ROOT));
    if (value.isPresent() && !value.get().equals("true")) {
      throw new DeployConfigException(
          "context 'autoscaling' is deprecated and only 'true' is accepted, found '"
              + value.get()
              + "': the controller's policy always grants"
              + " application-autoscaling:DescribeScalableTargets and RegisterScalableTarget,"
              + " which it calls for environments with spec.autoscaling: manage (the default);"
              + " to keep it away from scalable targets, set spec.autoscaling: ignore in the"
              + " manifests, and drop -c autoscaling");
    }
  }

  private static int integer(Function<String, Object> context, String key, int fallback) {
    Optional<String> value = string(context, key);
    try {
      return value.map(Integer::parseInt).orElse(fallback);
    } catch (NumberFormatException e) {
      throw new DeployConfigException(
          "context '" + key + "': expected a number of days but found '" + value.get() + "'");
    }
  }

  /** A comma-separated string (from {@code -c}) or a JSON list (from {@code cdk.json}). */
  private static List<String> list(Object value) {
    List<String> items = new ArrayList<>();
    if (value instanceof Collection<?> collection) {
      collection.forEach(item -> items.add(String.valueOf(item).trim()));
    } else if (value != null) {
      for (String item : String.valueOf(value).split(",")) {
        items.add(item.trim());
      }
    }
    items.removeIf(String::isEmpty);
    return items.stream().distinct().toList();
  }
}
