package dev.daybreak.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * {@code -c dryRun=true}: the controller runs as {@code daybreak run --dry-run}, alone, with read
 * permissions only (even with {@code -c autoscaling=true}).
 */
class DryRunStackTest {

  /** Every write the controller's code can make to AWS in a normal deployment. */
  private static final List<String> WRITES =
      List.of(
          "dynamodb:PutItem",
          "dynamodb:UpdateItem",
          "dynamodb:DeleteItem",
          "ecs:UpdateService",
          "cloudwatch:PutMetricData",
          "application-autoscaling:RegisterScalableTarget");

  private static Template template;

  @BeforeAll
  static void synthesize() {
    Map<String, Object> context = Synthesis.context("service");
    context.put(
        "image",
        Synthesis.ACCOUNT + ".dkr.ecr." + Synthesis.REGION + ".amazonaws.com/daybreak:0.1.0");
    context.put("autoscaling", "true");
    context.put("dryRun", "true");
    template = Synthesis.synthesize("dry-run", context);
  }

  @Test
  void dryRun_grantsNoWriteAnywhere_onlyTheReadsItNeeds() {
    List<String> actions =
        Synthesis.statements(template).stream()
            .flatMap(s -> Synthesis.actions(s).stream())
            .toList();

    assertThat(actions).doesNotContainAnyElementsOf(WRITES);
    assertThat(actions)
        .contains(
            "dynamodb:GetItem",
            "dynamodb:Query",
            "dynamodb:Scan",
            "ecs:DescribeServices",
            "ecs:DescribeTaskDefinition",
            "application-autoscaling:DescribeScalableTargets",
            "secretsmanager:GetSecretValue");
  }

  @Test
  void dryRun_runsOneReplicaOfRunDryRun_withTheFlagInItsEnvironment() {
    template.hasResourceProperties("AWS::ECS::Service", Map.of("DesiredCount", 1));
    template.hasResourceProperties(
        "AWS::ECS::TaskDefinition",
        Map.of(
            "ContainerDefinitions",
            List.of(
                Match.objectLike(
                    Map.of(
                        "Command",
                        List.of("run"),
                        "Environment",
                        Match.arrayWith(
                            List.of(Map.of("Name", "DAYBREAK_DRY_RUN", "Value", "true"))))))));
    assertThat(template.toJSON().toString()).doesNotContain("DAYBREAK_METRICS_NAMESPACE");
  }
}
