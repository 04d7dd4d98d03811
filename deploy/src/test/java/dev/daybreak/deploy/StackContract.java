package dev.daybreak.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.config.Setting;
import dev.daybreak.config.TableIndex;
import dev.daybreak.metrics.CloudWatchPublisher;
import dev.daybreak.reconcile.ClusterAllowlist;
import dev.daybreak.store.ReplayLedger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** What both variants must get right: least privilege, the table, the secrets, the alarms. */
abstract class StackContract {
  /** The synthesised template, once per class. */
  abstract Template template();

  /**
   * Exactly the actions this variant's statements grant on {@code Resource: "*"}: actions AWS
   * offers no resource-level permissions for. Both variants have {@code cloudwatch:PutMetricData}
   * (confined by a namespace condition); others only where the variant needs them.
   */
  abstract Set<String> accountWideActions();

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
  void iamStatements_useResourceStarOnlyForTheActionsThatAwsOffersNoResourceLevelPermissionFor() {
    List<Map<String, Object>> accountWide =
        statements().stream().filter(s -> Synthesis.resources(s).contains("*")).toList();
    for (Map<String, Object> statement : accountWide) {
      assertThat(Synthesis.resources(statement)).as("%s", statement).containsExactly("*");
      if (Synthesis.actions(statement).contains("cloudwatch:PutMetricData")) {
        assertThat(Synthesis.actions(statement))
            .as("PutMetricData shares its statement with nothing: %s", statement)
            .containsExactly("cloudwatch:PutMetricData");
      }
    }
    assertThat(accountWide.stream().flatMap(s -> Synthesis.actions(s).stream()).distinct())
        .containsExactlyInAnyOrderElementsOf(accountWideActions());
  }

  @Test
  void stackAndController_agreeOnTheDegradedMetricItsNamespaceAndTheirVariables() {
    Map<String, Map<String, Object>> alarms =
        template()
            .findResources(
                "AWS::CloudWatch::Alarm",
                Map.of(
                    "Properties",
                    Match.objectLike(
                        Map.of("MetricName", CloudWatchPublisher.DEGRADED_ENVIRONMENTS))));
    assertThat(alarms)
        .as("an alarm on the metric the controller publishes")
        .hasSize(1)
        .allSatisfy(
            (id, alarm) -> {
              @SuppressWarnings("unchecked")
              Map<String, Object> properties = (Map<String, Object>) alarm.get("Properties");
              assertThat(properties)
                  .containsEntry("Namespace", CloudWatchPublisher.DEFAULT_NAMESPACE)
                  .as("the controller publishes it without dimensions")
                  .doesNotContainKey("Dimensions");
            });
    assertThat(controllerEnvironment())
        .containsEntry(
            CloudWatchPublisher.NAMESPACE_VARIABLE, CloudWatchPublisher.DEFAULT_NAMESPACE)
        .containsEntry(ClusterAllowlist.VARIABLE, String.join(",", Synthesis.CLUSTERS));
    assertThat(
            statements().stream()
                .filter(s -> Synthesis.actions(s).contains("cloudwatch:PutMetricData")))
        .allSatisfy(
            s ->
                assertThat(s.get("Condition"))
                    .isEqualTo(
                        Map.of(
                            "StringEquals",
                            Map.of(
                                "cloudwatch:namespace", CloudWatchPublisher.DEFAULT_NAMESPACE))));
  }

  @Test
  void table_expiresTheControllersShortLivedRecordsByTtl() {
    template()
        .hasResourceProperties(
            "AWS::DynamoDB::Table",
            Map.of(
                "TimeToLiveSpecification",
                Map.of("AttributeName", ReplayLedger.EXPIRES_AT, "Enabled", true)));
  }

  @Test
  void table_hasTheIndexTheResyncQueries_asDaybreakInitCreatesIt() {
    template()
        .hasResourceProperties(
            "AWS::DynamoDB::Table",
            Map.of(
                "GlobalSecondaryIndexes",
                List.of(
                    Map.of(
                        "IndexName",
                        TableIndex.NAME,
                        "KeySchema",
                        List.of(
                            Map.of("AttributeName", "sk", "KeyType", "HASH"),
                            Map.of("AttributeName", "pk", "KeyType", "RANGE")),
                        "Projection",
                        Map.of(
                            "ProjectionType",
                            "INCLUDE",
                            "NonKeyAttributes",
                            TableIndex.PROJECTED)))));
    assertThat(StateTable.INDEX).isEqualTo(TableIndex.NAME);
    assertThat(StateTable.INDEX_PROJECTED).isEqualTo(TableIndex.PROJECTED);
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
  void ecsActions_areExactlyWhatTheControllerCalls() {
    assertThat(
            statements().stream()
                .flatMap(s -> Synthesis.actions(s).stream())
                .filter(a -> a.startsWith("ecs:") || a.startsWith("elasticloadbalancing:"))
                .distinct())
        .containsExactlyInAnyOrder(
            "ecs:DescribeServices",
            "ecs:UpdateService",
            "ecs:DescribeTasks",
            "ecs:ListTasks",
            "ecs:DescribeTaskDefinition",
            "elasticloadbalancing:DescribeTargetHealth");
  }

  @Test
  void describeTaskDefinition_isAloneInItsAccountWideStatement() {
    List<Map<String, Object>> describe =
        statements().stream()
            .filter(s -> Synthesis.actions(s).contains("ecs:DescribeTaskDefinition"))
            .toList();
    assertThat(describe).hasSize(1);
    assertThat(Synthesis.actions(describe.get(0))).containsExactly("ecs:DescribeTaskDefinition");
    assertThat(Synthesis.resources(describe.get(0))).containsExactly("*");
  }

  @Test
  void taskReads_coverOnlyTheConfiguredClusters() {
    List<Map<String, Object>> describe =
        statements().stream()
            .filter(s -> Synthesis.actions(s).contains("ecs:DescribeTasks"))
            .toList();
    assertThat(describe).isNotEmpty();
    for (Map<String, Object> statement : describe) {
      assertThat(Synthesis.actions(statement)).containsExactly("ecs:DescribeTasks");
      assertThat(Synthesis.resources(statement))
          .containsExactlyInAnyOrderElementsOf(clusterArns("task/", "/*"));
    }
    List<Map<String, Object>> list =
        statements().stream().filter(s -> Synthesis.actions(s).contains("ecs:ListTasks")).toList();
    assertThat(list).isNotEmpty();
    for (Map<String, Object> statement : list) {
      assertThat(Synthesis.actions(statement)).containsExactly("ecs:ListTasks");
      assertThat(Synthesis.resources(statement)).containsExactly("*");
      assertThat(listTasksClusters(statement))
          .as("confined to the clusters by ArnEquals ecs:cluster")
          .containsExactlyInAnyOrderElementsOf(clusterArns("cluster/", ""));
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> listTasksClusters(Map<String, Object> statement) {
    Map<String, Object> condition = (Map<String, Object>) statement.get("Condition");
    assertThat(condition).containsOnlyKeys("ArnEquals");
    Map<String, Object> arnEquals = (Map<String, Object>) condition.get("ArnEquals");
    assertThat(arnEquals).containsOnlyKeys("ecs:cluster");
    Object clusters = arnEquals.get("ecs:cluster");
    List<Object> values = clusters instanceof List<?> l ? (List<Object>) l : List.of(clusters);
    return values.stream().map(Synthesis::render).toList();
  }

  private static List<String> clusterArns(String prefix, String suffix) {
    return Synthesis.CLUSTERS.stream()
        .map(
            cluster ->
                "arn:${AWS::Partition}:ecs:"
                    + Synthesis.REGION
                    + ":"
                    + Synthesis.ACCOUNT
                    + ":"
                    + prefix
                    + cluster
                    + suffix)
        .toList();
  }

  @Test
  void ecsServiceActions_coverOnlyTheConfiguredClustersServices() {
    List<Map<String, Object>> ecs =
        statements().stream()
            .filter(s -> Synthesis.actions(s).contains("ecs:DescribeServices"))
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
      assertThat(Synthesis.resources(statement))
          .containsExactly(table, table + "/index/" + TableIndex.NAME);
      // The controller's grant, the Slack function's (no Scan: it reads through the index), or a
      // read-only one (a dry run, the status page).
      assertThat(
              List.of(
                  ControllerPermissions.TABLE_ACTIONS,
                  ControllerPermissions.REQUEST_TABLE_ACTIONS,
                  ControllerPermissions.TABLE_READ_ACTIONS))
          .anySatisfy(
              allowed ->
                  assertThat(Synthesis.actions(statement))
                      .containsExactlyInAnyOrderElementsOf(allowed));
    }
    assertThat(dynamo)
        .as("the controller's own grant")
        .anySatisfy(
            s ->
                assertThat(Synthesis.actions(s))
                    .containsExactlyInAnyOrderElementsOf(ControllerPermissions.TABLE_ACTIONS));
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

  /** The mode of the controller this variant starts, as the list of settings names it. */
  abstract Setting.Reader reader();

  /**
   * The stack's settings this variant's synthesis leaves out because another context sets them
   * (tested there), e.g. {@code DAYBREAK_DRY_RUN} with {@code -c dryRun=true}.
   */
  Set<String> setOnlyByAnotherSynthesis() {
    return Set.of();
  }

  @Test
  void controllerEnvironment_setsExactlyTheStacksSettingsItsModeReads() {
    Set<String> theStacks =
        Setting.readBy(reader()).stream()
            .filter(s -> s.audience() == Setting.Audience.STACK)
            .map(Setting::variable)
            .filter(v -> !setOnlyByAnotherSynthesis().contains(v))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(new TreeSet<>(controllerEnvironment().keySet()))
        .as(
            "the variables the stack sets (with every context key given) against the settings %s"
                + " reads that are the stack's to set (dev.daybreak.config.Setting)",
            reader())
        .isEqualTo(theStacks);
  }

  /** The environment variables the controller is started with, name to value. */
  abstract Map<String, Object> controllerEnvironment();

  String tableId() {
    return template().findResources("AWS::DynamoDB::Table").keySet().iterator().next();
  }
}
