package dev.daybreak.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.config.Setting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ServiceStackTest extends StackContract {
  private static final String IMAGE =
      Synthesis.ACCOUNT + ".dkr.ecr." + Synthesis.REGION + ".amazonaws.com/daybreak:0.1.0";

  private static Template template;

  @BeforeAll
  static void synthesize() {
    Map<String, Object> context = Synthesis.context("service");
    context.put("image", IMAGE);
    // Deprecated (the policy always grants what the controller calls), still accepted.
    context.put("autoscaling", "true");
    template = Synthesis.synthesize("service", context);
  }

  @Override
  Template template() {
    return template;
  }

  @Override
  Setting.Reader reader() {
    return Setting.Reader.RUN;
  }

  @Override
  Set<String> setOnlyByAnotherSynthesis() {
    return Set.of("DAYBREAK_DRY_RUN"); // DryRunStackTest
  }

  @Override
  Set<String> accountWideActions() {
    // The ECR pull's token is account-wide by AWS's design, and so is DescribeScalableTargets.
    return Set.of(
        "cloudwatch:PutMetricData",
        "ecs:ListTasks",
        "ecs:DescribeTaskDefinition",
        "elasticloadbalancing:DescribeTargetHealth",
        "ecr:GetAuthorizationToken",
        "application-autoscaling:DescribeScalableTargets");
  }

  @Override
  @SuppressWarnings("unchecked")
  Map<String, Object> controllerEnvironment() {
    Map<String, Object> container = container();
    Map<String, Object> environment = new LinkedHashMap<>();
    for (Map<String, Object> variable : (List<Map<String, Object>>) container.get("Environment")) {
      environment.put((String) variable.get("Name"), variable.get("Value"));
    }
    return environment;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> container() {
    Map<String, Object> task =
        template.findResources("AWS::ECS::TaskDefinition").values().iterator().next();
    List<Map<String, Object>> containers =
        (List<Map<String, Object>>)
            ((Map<String, Object>) task.get("Properties")).get("ContainerDefinitions");
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  @Test
  void service_runsTwoArm64FargateReplicasOfTheGivenImage() {
    template.hasResourceProperties(
        "AWS::ECS::Service",
        Map.of(
            "DesiredCount",
            2,
            "LaunchType",
            "FARGATE",
            "DeploymentConfiguration",
            Match.objectLike(
                Map.of("DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true)))));
    template.hasResourceProperties(
        "AWS::ECS::TaskDefinition",
        Map.of(
            "Cpu",
            "256",
            "Memory",
            "512",
            "RequiresCompatibilities",
            List.of("FARGATE"),
            "RuntimePlatform",
            Map.of("CpuArchitecture", "ARM64", "OperatingSystemFamily", "LINUX")));
    // CDK writes the ECR host with the partition's URL suffix (amazonaws.com, or .com.cn).
    assertThat(Synthesis.render(container().get("Image")))
        .isEqualTo(IMAGE.replace("amazonaws.com", "${AWS::URLSuffix}"));
    assertThat(container().get("Command"))
        .as("every setting comes from the environment")
        .isEqualTo(List.of("run"));
    assertThat(controllerEnvironment())
        .containsEntry("DAYBREAK_SHARDS", String.valueOf(FargateController.REPLICAS))
        .containsEntry("DAYBREAK_HTTP_PORT", "8080")
        .containsEntry("DAYBREAK_CALENDARS", FargateController.CALENDARS_DIRECTORY);
  }

  @Test
  void controllerSecurityGroup_acceptsNoInboundTraffic() {
    template.hasResourceProperties(
        "AWS::EC2::SecurityGroup",
        Map.of(
            "GroupDescription", Match.stringLikeRegexp("daybreak controller.*"),
            "SecurityGroupIngress", Match.absent()));
    assertThat(template.findResources("AWS::EC2::SecurityGroupIngress")).isEmpty();
    assertThat(template.findResources("AWS::EC2::NatGateway")).isEmpty();
  }

  @Test
  void ecrImage_isPulledByTheExecutionRoleFromThatRepositoryOnly() {
    String repository =
        "arn:aws:ecr:" + Synthesis.REGION + ":" + Synthesis.ACCOUNT + ":repository/daybreak";
    List<Map<String, Object>> pulls =
        Synthesis.statements(template).stream()
            .filter(s -> Synthesis.actions(s).contains("ecr:BatchGetImage"))
            .toList();
    assertThat(pulls).hasSize(1);
    assertThat(Synthesis.resources(pulls.get(0))).containsExactly(repository);
  }

  @Test
  void autoscaling_grantsRegisteringOnlyEcsDesiredCountTargets() {
    List<Map<String, Object>> register =
        Synthesis.statements(template).stream()
            .filter(
                s ->
                    Synthesis.actions(s).contains("application-autoscaling:RegisterScalableTarget"))
            .toList();
    assertThat(register).hasSize(1);
    assertThat(Synthesis.resources(register.get(0)))
        .containsExactly(
            "arn:${AWS::Partition}:application-autoscaling:"
                + Synthesis.REGION
                + ":"
                + Synthesis.ACCOUNT
                + ":scalable-target/*");
    assertThat(register.get(0).get("Condition"))
        .isEqualTo(
            Map.of(
                "StringEquals",
                Map.of(
                    "application-autoscaling:service-namespace", "ecs",
                    "application-autoscaling:scalable-dimension", "ecs:service:DesiredCount")));
  }
}
