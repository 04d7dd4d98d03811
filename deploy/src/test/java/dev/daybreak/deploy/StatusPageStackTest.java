package dev.daybreak.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * {@code -c statusPage=true}: serverless mode adds the status page's own function behind a second
 * Function URL whose auth type is AWS_IAM, with read-only permissions; the Slack URL stays the only
 * public one and its function never serves the page. Service mode serves it on the controller's
 * port inside the VPC and opens nothing.
 */
class StatusPageStackTest {

  private static Template serverless;
  private static Template service;
  private static Template withoutIt;

  @BeforeAll
  static void synthesize() {
    Map<String, Object> context = Synthesis.context("serverless");
    context.put("statusPage", "true");
    serverless = Synthesis.synthesize("status-page-serverless", context);
    Map<String, Object> inService = Synthesis.context("service");
    inService.put(
        "image",
        Synthesis.ACCOUNT + ".dkr.ecr." + Synthesis.REGION + ".amazonaws.com/daybreak:0.1.0");
    inService.put("statusPage", "true");
    service = Synthesis.synthesize("status-page-service", inService);
    withoutIt = Synthesis.synthesize("status-page-off", Synthesis.context("serverless"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(Template template, String type, String id) {
    return (Map<String, Object>) template.findResources(type).get(id).get("Properties");
  }

  @SuppressWarnings("unchecked")
  private static String urlTarget(Template template, String urlId) {
    Map<String, Object> target =
        (Map<String, Object>)
            properties(template, "AWS::Lambda::Url", urlId).get("TargetFunctionArn");
    return ((List<String>) target.get("Fn::GetAtt")).get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> variables(Template template, String functionId) {
    return (Map<String, Object>)
        ((Map<String, Object>)
                properties(template, "AWS::Lambda::Function", functionId).get("Environment"))
            .get("Variables");
  }

  private static String functionStartingWith(Template template, String prefix) {
    return template.findResources("AWS::Lambda::Function").keySet().stream()
        .filter(id -> id.startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no function " + prefix));
  }

  @Test
  void serverless_addsASecondFunctionUrlWithIamAuth_forTheStatusPageFunctionOnly() {
    Map<String, Map<String, Object>> urls = serverless.findResources("AWS::Lambda::Url");
    assertThat(urls).hasSize(2);
    String page = functionStartingWith(serverless, "StatusPage");
    String slack = functionStartingWith(serverless, "Slack");
    for (String id : urls.keySet()) {
      String auth = (String) properties(serverless, "AWS::Lambda::Url", id).get("AuthType");
      if (auth.equals("AWS_IAM")) {
        assertThat(urlTarget(serverless, id)).isEqualTo(page);
      } else {
        assertThat(auth).isEqualTo("NONE");
        assertThat(urlTarget(serverless, id)).as("the public URL is Slack's").isEqualTo(slack);
      }
    }
    assertThat(
            urls.keySet().stream()
                .map(id -> properties(serverless, "AWS::Lambda::Url", id).get("AuthType")))
        .containsExactlyInAnyOrder("AWS_IAM", "NONE");
    serverless.hasOutput(
        "StatusPageFunctionUrl", software.amazon.awscdk.assertions.Match.anyValue());
  }

  @Test
  void serverless_onlyTheStatusPageFunctionHasThePageOn() {
    assertThat(variables(serverless, functionStartingWith(serverless, "StatusPage")))
        .containsEntry(ControllerEnvironment.STATUS_PAGE_ENV, "on");
    assertThat(variables(serverless, functionStartingWith(serverless, "Slack")))
        .containsEntry(ControllerEnvironment.STATUS_PAGE_ENV, "off");
    assertThat(variables(serverless, functionStartingWith(serverless, "Reconcile")))
        .containsEntry(ControllerEnvironment.STATUS_PAGE_ENV, "off");
  }

  @Test
  void serverless_theStatusPageRoleReadsOnly() {
    List<String> actions =
        Synthesis.statementsOfRole(serverless, "StatusPageRole").stream()
            .flatMap(s -> Synthesis.actions(s).stream())
            .toList();
    assertThat(actions)
        .contains("dynamodb:GetItem", "dynamodb:Query", "ecs:DescribeServices")
        .doesNotContain(
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "ecs:UpdateService",
            "secretsmanager:GetSecretValue");
  }

  @Test
  void withoutTheContextKey_thereIsNoStatusPageFunctionAndOnlySlacksPublicUrl() {
    assertThat(withoutIt.findResources("AWS::Lambda::Url")).hasSize(1);
    assertThat(withoutIt.findResources("AWS::Lambda::Function").keySet())
        .noneMatch(id -> id.startsWith("StatusPage"));
    withoutIt.hasResourceProperties("AWS::Lambda::Url", Map.of("AuthType", "NONE"));
  }

  @Test
  void service_servesThePageOnTheControllersPortAndOpensNothing() {
    assertThat(service.findResources("AWS::Lambda::Url")).isEmpty();
    assertThat(String.valueOf(service.findResources("AWS::ECS::TaskDefinition")))
        .containsAnyOf(
            "{Name=DAYBREAK_STATUS_PAGE, Value=on}", "{Value=on, Name=DAYBREAK_STATUS_PAGE}");
    service.allResourcesProperties(
        "AWS::EC2::SecurityGroup",
        software.amazon.awscdk.assertions.Match.objectLike(
            Map.of("SecurityGroupIngress", software.amazon.awscdk.assertions.Match.absent())));
  }
}
