package dev.daybreak.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.assertions.Template;

/**
 * The {@code DaybreakTargetAccount} stack: a role only the controller's role may assume, with the
 * external id, allowed exactly the ECS, Elastic Load Balancing and Application Auto Scaling actions
 * the controller calls, on the named clusters only.
 */
class TargetAccountStackTest {

  static final String CONTROLLER_ROLE = "arn:aws:iam::123456789012:role/Daybreak-ReconcileRole";
  static final String EXTERNAL_ID = "shop-7f3a";
  static final List<String> CLUSTERS = List.of("shop", "shop-eu");

  private static Template template;

  static Map<String, Object> context() {
    return Map.of(
        "controllerRoleArn", CONTROLLER_ROLE,
        "externalId", EXTERNAL_ID,
        "targetClusters", String.join(",", CLUSTERS));
  }

  @BeforeAll
  static void synthesize() {
    Path outdir = Path.of(System.getProperty("daybreak.cdkOut"), "target-account");
    App app = new App(AppProps.builder().outdir(outdir.toString()).context(context()).build());
    DaybreakTargetAccountStack stack =
        DaybreakApp.targetStack(
            app,
            Optional.of(Environment.builder().account("210987654321").region("eu-west-1").build()));
    app.synth();
    template = Template.fromStack(stack);
  }

  @Test
  void role_isTrustedOnlyByTheControllersRoleWithTheExternalId() {
    template.resourceCountIs("AWS::IAM::Role", 1);
    template.hasResourceProperties(
        "AWS::IAM::Role",
        Map.of(
            "RoleName",
            TargetAccountConfig.DEFAULT_ROLE_NAME,
            "MaxSessionDuration",
            3600,
            "AssumeRolePolicyDocument",
            Map.of(
                "Statement",
                List.of(
                    Map.of(
                        "Action",
                        "sts:AssumeRole",
                        "Effect",
                        "Allow",
                        "Principal",
                        Map.of("AWS", CONTROLLER_ROLE),
                        "Condition",
                        Map.of("StringEquals", Map.of("sts:ExternalId", EXTERNAL_ID)))),
                "Version",
                "2012-10-17")));
  }

  @Test
  void role_mayDoExactlyWhatTheControllerCalls() {
    TreeSet<String> actions = new TreeSet<>();
    Synthesis.statements(template).forEach(s -> actions.addAll(Synthesis.actions(s)));

    assertThat(actions)
        .containsExactly(
            "application-autoscaling:DescribeScalableTargets",
            "application-autoscaling:RegisterScalableTarget",
            "ecs:DescribeServices",
            "ecs:DescribeTaskDefinition",
            "ecs:DescribeTasks",
            "ecs:ListTasks",
            "ecs:UpdateService",
            "elasticloadbalancing:DescribeTargetHealth");
    assertThat(Synthesis.statements(template))
        .allSatisfy(s -> assertThat(s).containsEntry("Effect", "Allow"));
  }

  @Test
  void ecsServiceAndTaskActions_coverOnlyTheNamedClusters() {
    for (Map<String, Object> statement : Synthesis.statements(template)) {
      List<String> actions = Synthesis.actions(statement);
      if (actions.contains("ecs:UpdateService") || actions.contains("ecs:DescribeTasks")) {
        String kind = actions.contains("ecs:UpdateService") ? "service" : "task";
        assertThat(Synthesis.values(statement, "Resource"))
            .extracting(String::valueOf)
            .hasSize(CLUSTERS.size())
            .allSatisfy(r -> assertThat(r).contains(":ecs:*:", ":" + kind + "/"))
            .anySatisfy(r -> assertThat(r).contains(kind + "/shop/*"))
            .anySatisfy(r -> assertThat(r).contains(kind + "/shop-eu/*"));
      }
      if (actions.contains("ecs:ListTasks")) {
        assertThat(String.valueOf(statement.get("Condition")))
            .contains("ecs:cluster", "cluster/shop", "cluster/shop-eu");
      }
    }
  }

  @Test
  void output_namesTheRoleArnForManifestsAndTheControllersStack() {
    assertThat(template.findOutputs("RoleArn")).hasSize(1);
  }

  @Test
  void missingExternalId_stopsTheSynthesisNamingTheKey() {
    assertThatThrownBy(
            () ->
                TargetAccountConfig.fromContext(
                    key ->
                        Map.<String, Object>of(
                                "controllerRoleArn", CONTROLLER_ROLE, "targetClusters", "shop")
                            .get(key)))
        .isInstanceOf(DeployConfigException.class)
        .hasMessageContaining("context 'externalId'");
  }

  @Test
  void controllerRoleThatIsNotARole_stopsTheSynthesisNamingTheKey() {
    assertThatThrownBy(
            () ->
                TargetAccountConfig.fromContext(
                    key ->
                        Map.<String, Object>of(
                                "controllerRoleArn",
                                "arn:aws:iam::123456789012:user/alice",
                                "externalId",
                                EXTERNAL_ID,
                                "targetClusters",
                                "shop")
                            .get(key)))
        .isInstanceOf(DeployConfigException.class)
        .hasMessageContaining("context 'controllerRoleArn'");
  }
}
