package dev.daybreak.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What the {@code DaybreakTargetAccount} stack is generated from, read from CDK context and
 * validated before any resource is defined.
 *
 * @param controllerRoleArn the controller's IAM role (in the controller's account), the only
 *     principal the target role trusts
 * @param externalId the external id the controller must send ({@code spec.aws.externalId})
 * @param clusters the ECS clusters of this account daybreak may act on (in any region)
 * @param roleName the target role's name
 */
public record TargetAccountConfig(
    String controllerRoleArn, String externalId, List<String> clusters, String roleName) {

  /** The role's name when {@code -c roleName} gives none. */
  public static final String DEFAULT_ROLE_NAME = "daybreak-target";

  /** Every context key the target stack reads (deploy/README.md's table lists them). */
  public static final List<String> CONTEXT_KEYS =
      List.of("controllerRoleArn", "externalId", "targetClusters", "roleName");

  private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
  private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");

  public TargetAccountConfig {
    clusters = List.copyOf(clusters);
    if (!DeployConfig.ROLE_ARN.matcher(controllerRoleArn).matches()) {
      throw new DeployConfigException(
          "context 'controllerRoleArn': expected the controller's IAM role ARN (the Daybreak"
              + " stack's ControllerRoleArn output, arn:aws:iam::ACCOUNT:role/NAME) but found '"
              + controllerRoleArn
              + "'");
    }
    if (!EXTERNAL_ID.matcher(externalId).matches()) {
      throw new DeployConfigException(
          "context 'externalId': expected 2 to 1224 letters, digits and + = , . @ : / - _ (the"
              + " value of spec.aws.externalId) but found '"
              + externalId
              + "'");
    }
    if (clusters.isEmpty()) {
      throw new DeployConfigException(
          "context 'targetClusters': expected at least one ECS cluster name of this account"
              + " (-c targetClusters=dev,staging) but found none");
    }
    for (String cluster : clusters) {
      if (!CLUSTER_NAME.matcher(cluster).matches()) {
        throw new DeployConfigException(
            "context 'targetClusters': expected ECS cluster names (letters, digits, '-', '_')"
                + " but found '"
                + cluster
                + "'");
      }
    }
    if (!ROLE_NAME.matcher(roleName).matches()) {
      throw new DeployConfigException(
          "context 'roleName': expected 1 to 64 letters, digits and + = , . @ - _ but found '"
              + roleName
              + "'");
    }
  }

  /** Whether the context asks for the target stack (it names the controller's role). */
  public static boolean requested(Function<String, Object> context) {
    return context.apply("controllerRoleArn") != null;
  }

  /** Reads the configuration from CDK context ({@code node.tryGetContext}). */
  public static TargetAccountConfig fromContext(Function<String, Object> context) {
    return new TargetAccountConfig(
        string(context, "controllerRoleArn").orElse(""),
        string(context, "externalId").orElse(""),
        list(context.apply("targetClusters")),
        string(context, "roleName").orElse(DEFAULT_ROLE_NAME));
  }

  private static Optional<String> string(Function<String, Object> context, String key) {
    return Optional.ofNullable(context.apply(key))
        .map(value -> String.valueOf(value).trim())
        .filter(value -> !value.isEmpty());
  }

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
