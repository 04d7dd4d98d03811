package dev.daybreak.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The controller's IAM statements, generated from the configuration: every action is named, and
 * every resource is the narrowest ARN AWS accepts for it.
 */
final class ControllerPermissions {
  /** The CloudWatch namespace the controller publishes its metrics to. */
  static final String METRICS_NAMESPACE = "Daybreak";

  /**
   * What the store does with its one table (the store's DynamoDbTable: every write is a conditional
   * UpdateItem). No PutItem, DeleteItem or DescribeTable: the controller never calls them (it/'s
   * RecordedCallsPolicyCheck fails on a grant no recorded call uses); creating the table is {@code
   * daybreak init}'s, run by a person, and this stack creates it anyway.
   */
  static final List<String> TABLE_ACTIONS =
      List.of("dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:Query", "dynamodb:Scan");

  /**
   * What the Slack function does with the table: {@link #TABLE_ACTIONS} but Scan. It lists the
   * environments through the index the stack always creates; only the controller keeps Scan, for a
   * table created before the index (its resync then scans and warns).
   */
  static final List<String> REQUEST_TABLE_ACTIONS =
      List.of("dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:Query");

  /** What a dry run ({@code run --dry-run}) does with the table: it only reads. */
  static final List<String> TABLE_READ_ACTIONS =
      List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:DescribeTable");

  private ControllerPermissions() {}

  /**
   * DescribeServices and UpdateService on the services of the configured clusters only: {@code
   * arn:PARTITION:ecs:REGION:ACCOUNT:service/CLUSTER/*}.
   */
  static PolicyStatement ecsServices(Stack stack, List<String> clusters) {
    return ecsServices(stack, clusters, List.of("ecs:DescribeServices", "ecs:UpdateService"));
  }

  /** DescribeServices alone on the configured clusters' services: what a dry run needs. */
  static PolicyStatement ecsServicesReadOnly(Stack stack, List<String> clusters) {
    return ecsServices(stack, clusters, List.of("ecs:DescribeServices"));
  }

  private static PolicyStatement ecsServices(
      Stack stack, List<String> clusters, List<String> actions) {
    List<String> arns = new ArrayList<>();
    for (String cluster : clusters) {
      arns.add(
          stack.formatArn(
              ArnComponents.builder()
                  .service("ecs")
                  .resource("service")
                  .resourceName(cluster + "/*")
                  .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                  .build()));
    }
    return allow(actions, arns);
  }

  /**
   * What {@code readiness: healthy} reads (per the Service Authorization Reference for Amazon ECS
   * and Elastic Load Balancing v2):
   *
   * <ul>
   *   <li>{@code ecs:DescribeTasks} on the tasks of the configured clusters only ({@code task}
   *       resource type, {@code arn:PARTITION:ecs:REGION:ACCOUNT:task/CLUSTER/*});
   *   <li>{@code ecs:ListTasks}, whose resource type is the container instance (which Fargate tasks
   *       have none of), on {@code Resource: "*"} confined to the configured clusters by the {@code
   *       ecs:cluster} condition key;
   *   <li>{@code elasticloadbalancing:DescribeTargetHealth}: Elastic Load Balancing's Describe
   *       actions have no resource-level permissions, so AWS requires {@code Resource: "*"}.
   * </ul>
   */
  static List<PolicyStatement> health(Stack stack, List<String> clusters) {
    List<String> tasks = new ArrayList<>();
    List<String> clusterArns = new ArrayList<>();
    for (String cluster : clusters) {
      tasks.add(
          stack.formatArn(
              ArnComponents.builder()
                  .service("ecs")
                  .resource("task")
                  .resourceName(cluster + "/*")
                  .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                  .build()));
      clusterArns.add(
          stack.formatArn(
              ArnComponents.builder()
                  .service("ecs")
                  .resource("cluster")
                  .resourceName(cluster)
                  .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                  .build()));
    }
    PolicyStatement listTasks =
        PolicyStatement.Builder.create()
            .effect(Effect.ALLOW)
            .actions(List.of("ecs:ListTasks"))
            .resources(List.of("*"))
            .conditions(Map.of("ArnEquals", Map.<String, Object>of("ecs:cluster", clusterArns)))
            .build();
    return List.of(
        allow(List.of("ecs:DescribeTasks"), tasks),
        listTasks,
        allow(List.of("elasticloadbalancing:DescribeTargetHealth"), List.of("*")));
  }

  /**
   * Reading the services' task definitions ({@code ecs:DescribeTaskDefinition}), for their sizes
   * (savings in dollars) and whether their containers have health checks ({@code readiness:
   * healthy} without a load balancer). The Service Authorization Reference for Amazon ECS lists no
   * resource type for DescribeTaskDefinition, so AWS requires {@code Resource: "*"}; it reads a
   * task definition's own JSON only.
   */
  static PolicyStatement taskDefinitions() {
    return PolicyStatement.Builder.create()
        .effect(Effect.ALLOW)
        .actions(List.of("ecs:DescribeTaskDefinition"))
        // DescribeTaskDefinition has no resource-level permissions: AWS requires Resource "*".
        .resources(List.of("*"))
        .build();
  }

  /**
   * Item reads and writes on the state table and queries of its index {@link StateTable#INDEX} (the
   * resync and the list of environments read it), and nothing else of DynamoDB.
   */
  static PolicyStatement table(String tableArn) {
    return allow(TABLE_ACTIONS, List.of(tableArn, tableArn + "/index/" + StateTable.INDEX));
  }

  /** As {@link #table}, for the Slack function: no Scan ({@link #REQUEST_TABLE_ACTIONS}). */
  static PolicyStatement tableForRequests(String tableArn) {
    return allow(REQUEST_TABLE_ACTIONS, List.of(tableArn, tableArn + "/index/" + StateTable.INDEX));
  }

  /**
   * Item reads on the state table and queries of its index (a dry run, the status page): the list
   * of environments is a Query of {@link StateTable#INDEX}, whose ARN is its own resource.
   */
  static PolicyStatement tableReadOnly(String tableArn) {
    return allow(TABLE_READ_ACTIONS, List.of(tableArn, tableArn + "/index/" + StateTable.INDEX));
  }

  /** Reading the two Slack secrets, by their ARNs. */
  static PolicyStatement secrets(List<String> secretArns) {
    return allow(List.of("secretsmanager:GetSecretValue"), secretArns);
  }

  /**
   * Publishing daybreak's metrics. PutMetricData has no resource-level permissions, so AWS requires
   * {@code Resource: "*"}; the namespace condition confines it to daybreak's metrics.
   */
  static PolicyStatement metrics() {
    return PolicyStatement.Builder.create()
        .effect(Effect.ALLOW)
        .actions(List.of("cloudwatch:PutMetricData"))
        // PutMetricData has no resource-level permissions: AWS requires Resource "*" here. The
        // cloudwatch:namespace condition keeps the controller to daybreak's own namespace.
        .resources(List.of("*"))
        .conditions(
            Map.of(
                "StringEquals", Map.<String, Object>of("cloudwatch:namespace", METRICS_NAMESPACE)))
        .build();
  }

  /**
   * Application Auto Scaling, exactly what the controller calls (dev.daybreak.scaling's
   * SdkScalingGateway): DescribeScalableTargets to read the ECS services' targets, and
   * RegisterScalableTarget to suspend them before sleep and restore them on wake. It only updates
   * targets that exist, so it needs no iam:CreateServiceLinkedRole. Scalable-target ARNs carry an
   * opaque id, not the cluster, so registering is confined by service namespace and dimension.
   */
  static List<PolicyStatement> autoscaling(Stack stack) {
    return List.of(autoscalingDescribe(), autoscalingRegister(stack));
  }

  /**
   * Reading the scalable targets only (also all a dry run does). DescribeScalableTargets has no
   * resource-level permissions: AWS requires Resource "*".
   */
  static PolicyStatement autoscalingDescribe() {
    return allow(List.of("application-autoscaling:DescribeScalableTargets"), List.of("*"));
  }

  private static PolicyStatement autoscalingRegister(Stack stack) {
    Map<String, Object> ecsDesiredCount =
        Map.of(
            "StringEquals",
            Map.<String, Object>of(
                "application-autoscaling:service-namespace", "ecs",
                "application-autoscaling:scalable-dimension", "ecs:service:DesiredCount"));
    return PolicyStatement.Builder.create()
        .effect(Effect.ALLOW)
        .actions(List.of("application-autoscaling:RegisterScalableTarget"))
        .resources(
            List.of(
                stack.formatArn(
                    ArnComponents.builder()
                        .service("application-autoscaling")
                        .resource("scalable-target")
                        .resourceName("*")
                        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                        .build())))
        .conditions(ecsDesiredCount)
        .build();
  }

  /**
   * {@code sts:AssumeRole} on exactly the roles of other accounts the controller may act through
   * ({@code -c targetRoles}); none when there are none.
   */
  static Optional<PolicyStatement> assumeRoles(List<String> roleArns) {
    return roleArns.isEmpty()
        ? Optional.empty()
        : Optional.of(allow(List.of("sts:AssumeRole"), roleArns));
  }

  /** Writing the controller's own log streams, in its one log group. */
  static PolicyStatement logs(String logGroupArn) {
    return allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"), List.of(logGroupArn));
  }

  private static PolicyStatement allow(List<String> actions, List<String> resources) {
    return PolicyStatement.Builder.create()
        .effect(Effect.ALLOW)
        .actions(actions)
        .resources(resources)
        .build();
  }
}
