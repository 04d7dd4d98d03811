package dev.daybreak.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** What both variants must get right: least privilege, the table, the secrets, the alarms. */
abstract class StackContract {
  /**
   * Actions AWS offers no resource-level permissions for, so their statements need {@code Resource:
   * "*"}.
   */
  private static final Set<String> ACCOUNT_WIDE_ACTIONS =
      Set.of(
          "cloudwatch:PutMetricData",
          "ecr:GetAuthorizationToken",
          "application-autoscaling:DescribeScalableTargets",
          "application-autoscaling:DescribeScalingPolicies");

  /** The synthesised template, once per class. */
  abstract Template template();

  private List<Map<String, Object>> statements() {
    return Synthesis.statements(template());
  }

  @Test
  void iamStatements_haveNoWildcardAction() {
    assertThat(statements()).isNotEmpty();
    for (Map<String, Object> statement : statements()) {
      assertThat(Synthesis.actions(statement)).as("%s", statement).noneMatch(a -> a.contains("*"));
      assertThat(statement).as("%s", statement).doesNotContainKey("NotAction");
    }
  }

  @Test
  void iamStatements_useResourceStarOnlyForActionsThatAwsOffersNoResourceLevelPermissionFor() {
    for (Map<String, Object> statement : statements()) {
      if (Synthesis.resources(statement).contains("*")) {
        assertThat(Synthesis.resources(statement)).as("%s", statement).containsExactly("*");
        assertThat(Synthesis.actions(statement))
            .as("%s", statement)
            .isSubsetOf(ACCOUNT_WIDE_ACTIONS);
      }
    }
  }

  @Test
  void putMetricData_isConfinedToDaybreaksNamespace() {
    List<Map<String, Object>> metrics =
        statements().stream()
            .filter(s -> Synthesis.actions(s).contains("cloudwatch:PutMetricData"))
            .toList();
    assertThat(metrics).isNotEmpty();
    assertThat(metrics)
        .allSatisfy(
            s ->
                assertThat(s.get("Condition"))
                    .isEqualTo(Map.of("StringEquals", Map.of("cloudwatch:namespace", "Daybreak"))));
  }

  @Test
  void ecsActions_coverOnlyTheConfiguredClustersServices() {
    List<Map<String, Object>> ecs =
        statements().stream()
            .filter(s -> Synthesis.actions(s).stream().anyMatch(a -> a.startsWith("ecs:")))
            .toList();
    assertThat(ecs).isNotEmpty();
    for (Map<String, Object> statement : ecs) {
      assertThat(Synthesis.actions(statement))
          .containsExactlyInAnyOrder("ecs:DescribeServices", "ecs:UpdateService");
      assertThat(Synthesis.resources(statement))
          .containsExactlyInAnyOrderElementsOf(
              Synthesis.CLUSTERS.stream()
                  .map(
                      cluster ->
                          "arn:${AWS::Partition}:ecs:"
                              + Synthesis.REGION
                              + ":"
                              + Synthesis.ACCOUNT
                              + ":service/"
                              + cluster
                              + "/*")
                  .toList());
    }
  }

  @Test
  void dynamoDbActions_coverOnlyTheTable() {
    String table = "${" + tableId() + ".Arn}";
    List<Map<String, Object>> dynamo =
        statements().stream()
            .filter(s -> Synthesis.actions(s).stream().anyMatch(a -> a.startsWith("dynamodb:")))
            .toList();
    assertThat(dynamo).isNotEmpty();
    for (Map<String, Object> statement : dynamo) {
      assertThat(Synthesis.resources(statement)).containsExactly(table);
      assertThat(Synthesis.actions(statement))
          .containsExactlyInAnyOrderElementsOf(ControllerPermissions.TABLE_ACTIONS);
    }
  }

  @Test
  void table_hasTheStoresKeysOnDemandPointInTimeRecoveryAndDeletionProtection() {
    template()
        .hasResourceProperties(
            "AWS::DynamoDB::Table",
            Map.of(
                "TableName",
                "daybreak",
                "KeySchema",
                List.of(
                    Map.of("AttributeName", "pk", "KeyType", "HASH"),
                    Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "AttributeDefinitions",
                Match.arrayWith(
                    List.of(
                        Map.of("AttributeName", "pk", "AttributeType", "S"),
                        Map.of("AttributeName", "sk", "AttributeType", "S"))),
                "BillingMode",
                "PAY_PER_REQUEST",
                "PointInTimeRecoverySpecification",
                Map.of("PointInTimeRecoveryEnabled", true),
                "DeletionProtectionEnabled",
                true));
    template()
        .hasResource(
            "AWS::DynamoDB::Table",
            Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void slackSecrets_areCreatedEmptyAndReachTheControllerOnlyAsArns() {
    Map<String, Map<String, Object>> secrets =
        template().findResources("AWS::SecretsManager::Secret");
    assertThat(secrets).hasSize(2);
    secrets
        .values()
        .forEach(
            secret ->
                assertThat(((Map<String, Object>) secret.get("Properties")).keySet())
                    .doesNotContain("SecretString", "GenerateSecretString"));

    String botToken =
        Synthesis.logicalId(
            template(), "AWS::SecretsManager::Secret", Map.of("Name", "daybreak/slack-bot-token"));
    String signing =
        Synthesis.logicalId(
            template(),
            "AWS::SecretsManager::Secret",
            Map.of("Name", "daybreak/slack-signing-secret"));
    List<Map<String, Object>> reads =
        statements().stream()
            .filter(s -> Synthesis.actions(s).contains("secretsmanager:GetSecretValue"))
            .toList();
    assertThat(reads).isNotEmpty();
    assertThat(reads)
        .allSatisfy(
            s ->
                assertThat(Synthesis.resources(s))
                    .containsExactlyInAnyOrder("${" + botToken + "}", "${" + signing + "}"));
    assertThat(controllerEnvironment())
        .containsEntry(SlackSecrets.BOT_TOKEN_ARN_ENV, Map.of("Ref", botToken))
        .containsEntry(SlackSecrets.SIGNING_SECRET_ARN_ENV, Map.of("Ref", signing))
        .doesNotContainKeys("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET");
  }

  @Test
  void alarms_watchDegradedEnvironmentsAndControllerErrors() {
    template()
        .hasResourceProperties(
            "AWS::CloudWatch::Alarm",
            Map.of("Namespace", "Daybreak", "MetricName", Monitoring.DEGRADED_METRIC));
    template()
        .hasResourceProperties(
            "AWS::CloudWatch::Alarm",
            Map.of("Namespace", "Daybreak", "MetricName", Monitoring.ERRORS_METRIC));
    template()
        .hasResourceProperties(
            "AWS::Logs::MetricFilter",
            Map.of(
                "MetricTransformations",
                Match.arrayWith(
                    List.of(Match.objectLike(Map.of("MetricName", "ControllerErrors"))))));
    template().hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
  }

  /** The environment variables the controller is started with, name to value. */
  abstract Map<String, Object> controllerEnvironment();

  String tableId() {
    return template().findResources("AWS::DynamoDB::Table").keySet().iterator().next();
  }
}
