package dev.daybreak.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * The stack a team deploys in each account whose ECS clusters daybreak should sleep and wake: one
 * IAM role that only the controller's role may assume, and only with the external id, allowed
 * exactly what the controller calls there (ECS service, task and target-health reads,
 * UpdateService, Application Auto Scaling's two actions) on the named clusters, in any region (IAM
 * is global; one role serves every region of the account).
 */
public final class DaybreakTargetAccountStack extends Stack {

  /** The stack's name. */
  public static final String STACK_NAME = "DaybreakTargetAccount";

  public DaybreakTargetAccountStack(
      Construct scope, String id, StackProps props, TargetAccountConfig config) {
    super(scope, id, props);
    Role role =
        Role.Builder.create(this, "TargetRole")
            .roleName(config.roleName())
            .description("daybreak's controller sleeps and wakes ECS services of this account")
            .assumedBy(
                new ArnPrincipal(config.controllerRoleArn())
                    .withConditions(
                        Map.of(
                            "StringEquals",
                            Map.<String, Object>of("sts:ExternalId", config.externalId()))))
            .maxSessionDuration(Duration.hours(1))
            .build();
    statements(config.clusters()).forEach(role::addToPolicy);
    CfnOutput.Builder.create(this, "RoleArn")
        .description("spec.aws.roleArn of this account's manifests, and -c targetRoles of Daybreak")
        .value(role.getRoleArn())
        .build();
  }

  /**
   * What the controller calls in this account (the same actions as its own role's, {@link
   * ControllerPermissions}), on the named clusters of any region.
   */
  static List<PolicyStatement> statements(List<String> clusters) {
    List<String> services = new ArrayList<>();
    List<String> tasks = new ArrayList<>();
    List<String> clusterArns = new ArrayList<>();
    for (String cluster : clusters) {
      services.add(ecsArn("service/" + cluster + "/*"));
      tasks.add(ecsArn("task/" + cluster + "/*"));
      clusterArns.add(ecsArn("cluster/" + cluster));
    }
    return List.of(
        allow(List.of("ecs:DescribeServices", "ecs:UpdateService"), services),
        allow(List.of("ecs:DescribeTasks"), tasks),
        PolicyStatement.Builder.create()
            .effect(Effect.ALLOW)
            .actions(List.of("ecs:ListTasks"))
            .resources(List.of("*"))
            .conditions(Map.of("ArnLike", Map.<String, Object>of("ecs:cluster", clusterArns)))
            .build(),
        allow(List.of("elasticloadbalancing:DescribeTargetHealth"), List.of("*")),
        // Task sizes (savings) and container health checks, as for the controller's own account.
        ControllerPermissions.taskDefinitions(),
        allow(List.of("application-autoscaling:DescribeScalableTargets"), List.of("*")),
        PolicyStatement.Builder.create()
            .effect(Effect.ALLOW)
            .actions(List.of("application-autoscaling:RegisterScalableTarget"))
            .resources(
                List.of(
                    "arn:"
                        + Aws.PARTITION
                        + ":application-autoscaling:*:"
                        + Aws.ACCOUNT_ID
                        + ":scalable-target/*"))
            .conditions(
                Map.of(
                    "StringEquals",
                    Map.<String, Object>of(
                        "application-autoscaling:service-namespace", "ecs",
                        "application-autoscaling:scalable-dimension", "ecs:service:DesiredCount")))
            .build());
  }

  private static String ecsArn(String resource) {
    return "arn:" + Aws.PARTITION + ":ecs:*:" + Aws.ACCOUNT_ID + ":" + resource;
  }

  private static PolicyStatement allow(List<String> actions, List<String> resources) {
    return PolicyStatement.Builder.create()
        .effect(Effect.ALLOW)
        .actions(actions)
        .resources(resources)
        .build();
  }
}
