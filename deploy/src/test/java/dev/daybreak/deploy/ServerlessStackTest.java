package dev.daybreak.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.config.Setting;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ServerlessStackTest extends StackContract {
  private static Template template;

  @BeforeAll
  static void synthesize() {
    template = Synthesis.synthesize("serverless", Synthesis.context("serverless"));
  }

  @Override
  Template template() {
    return template;
  }

  @Override
  Setting.Reader reader() {
    return Setting.Reader.LAMBDA;
  }

  @Override
  Set<String> accountWideActions() {
    return Set.of(
        "cloudwatch:PutMetricData",
        "ecs:ListTasks",
        "ecs:DescribeTaskDefinition",
        "elasticloadbalancing:DescribeTargetHealth",
        "application-autoscaling:DescribeScalableTargets");
  }

  @Override
  @SuppressWarnings("unchecked")
  Map<String, Object> controllerEnvironment() {
    Map<String, Object> function =
        template.findResources("AWS::Lambda::Function").get(reconcileFunctionId());
    Map<String, Object> properties = (Map<String, Object>) function.get("Properties");
    return (Map<String, Object>)
        ((Map<String, Object>) properties.get("Environment")).get("Variables");
  }

  private String reconcileFunctionId() {
    return Synthesis.logicalId(
        template, "AWS::Lambda::Function", Map.of("ReservedConcurrentExecutions", 1));
  }

  @Test
  void functions_runTheControllersJarOnJava17Arm64() {
    assertThat(template.findResources("AWS::Lambda::Function")).hasSize(2);
    template.allResourcesProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Runtime",
            "java17",
            "Architectures",
            List.of("arm64"),
            "Handler",
            "dev.daybreak.lambda.LambdaHandler::handleRequest",
            "MemorySize",
            1024));
  }

  @Test
  void calendars_reachBothFunctionsAsALayerUnderOpt() {
    String layer =
        template.findResources("AWS::Lambda::LayerVersion").keySet().stream()
            .reduce((a, b) -> a + "," + b)
            .orElseThrow(() -> new AssertionError("no layer for -c calendars"));
    template.allResourcesProperties(
        "AWS::Lambda::Function",
        Match.objectLike(
            Map.of(
                "Layers",
                List.of(Map.of("Ref", layer)),
                "Environment",
                Map.of(
                    "Variables",
                    Match.objectLike(
                        Map.of("DAYBREAK_CALENDARS", ServerlessController.CALENDARS_DIRECTORY))))));
  }

  @Test
  void reconcileFunction_runsEveryMinuteOneAtATime() {
    template.hasResourceProperties(
        "AWS::Events::Rule",
        Map.of(
            "ScheduleExpression",
            "rate(1 minute)",
            "Targets",
            List.of(
                Match.objectLike(
                    Map.of("Arn", Map.of("Fn::GetAtt", List.of(reconcileFunctionId(), "Arn")))))));
    template.hasResourceProperties(
        "AWS::Lambda::Function", Map.of("ReservedConcurrentExecutions", 1, "Timeout", 300));
  }

  @Test
  void slackFunction_hasAFunctionUrlAndNoEcsPermission() {
    template.hasResourceProperties("AWS::Lambda::Url", Map.of("AuthType", "NONE"));
    template.hasOutput("SlackRequestUrl", Match.anyValue());
    List<String> slackActions =
        Synthesis.statementsOfRole(template, "SlackRole").stream()
            .flatMap(s -> Synthesis.actions(s).stream())
            .toList();
    assertThat(slackActions)
        .contains("secretsmanager:GetSecretValue", "dynamodb:UpdateItem")
        .noneMatch(action -> action.startsWith("ecs:"))
        .doesNotContain("cloudwatch:PutMetricData");
  }

  @Test
  void functions_writeToTheControllersLogGroupOnly() {
    assertThat(template.findResources("AWS::Logs::LogGroup")).hasSize(1);
    List<Map<String, Object>> logs =
        Synthesis.statements(template).stream()
            .filter(s -> Synthesis.actions(s).contains("logs:PutLogEvents"))
            .toList();
    assertThat(logs).hasSize(2);
    String logGroup = template.findResources("AWS::Logs::LogGroup").keySet().iterator().next();
    assertThat(logs)
        .allSatisfy(
            s -> assertThat(Synthesis.resources(s)).containsExactly("${" + logGroup + ".Arn}"));
  }

  @Test
  void withoutTheDeprecatedFlag_grantsExactlyTheApplicationAutoScalingActionsTheControllerCalls() {
    assertThat(Synthesis.statements(template))
        .flatMap(Synthesis::actions)
        .filteredOn(action -> action.startsWith("application-autoscaling:"))
        .containsExactlyInAnyOrder(
            "application-autoscaling:DescribeScalableTargets",
            "application-autoscaling:RegisterScalableTarget");
  }
}
