package dev.daybreak.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/** daybreak in one account and region: its state, secrets, monitoring and the controller. */
public final class DaybreakStack extends Stack {
  private final Table table;

  public DaybreakStack(Construct scope, String id, StackProps props, DeployConfig config) {
    super(scope, id, props);
    table = StateTable.create(this, config.tableName());
    SlackSecrets secrets = SlackSecrets.create(this, id.toLowerCase(Locale.ROOT));
    Monitoring monitoring = Monitoring.create(this, config);

    // What Slack's requests need: the state (to write desired states and record accepted
    // requests' signatures) and the two secrets.
    List<PolicyStatement> slack = new ArrayList<>();
    slack.add(ControllerPermissions.tableForRequests(table.getTableArn()));
    slack.add(ControllerPermissions.secrets(secrets.arns()));

    // The controller adds ECS, its Degraded metric, and Application Auto Scaling.
    List<PolicyStatement> controller = new ArrayList<>();
    controller.add(ControllerPermissions.table(table.getTableArn()));
    controller.add(ControllerPermissions.secrets(secrets.arns()));
    controller.add(ControllerPermissions.ecsServices(this, config.clusters()));
    controller.addAll(ControllerPermissions.health(this, config.clusters()));
    controller.add(ControllerPermissions.taskDefinitions());
    controller.add(ControllerPermissions.metrics());
    controller.addAll(ControllerPermissions.autoscaling(this));
    ControllerPermissions.assumeRoles(config.targetRoles()).ifPresent(controller::add);
    if (config.dryRun()) {
      // A dry run reads and writes nothing: the table, ECS and Auto Scaling read-only, no metric.
      controller = new ArrayList<>();
      controller.add(ControllerPermissions.tableReadOnly(table.getTableArn()));
      controller.add(ControllerPermissions.secrets(secrets.arns()));
      controller.add(ControllerPermissions.ecsServicesReadOnly(this, config.clusters()));
      controller.add(ControllerPermissions.taskDefinitions());
      controller.add(ControllerPermissions.autoscalingDescribe());
      ControllerPermissions.assumeRoles(config.targetRoles()).ifPresent(controller::add);
    }

    switch (config.mode()) {
      case SERVERLESS -> {
        String logs = monitoring.logGroup().getLogGroupArn();
        List<PolicyStatement> withLogs = new ArrayList<>(controller);
        withLogs.add(ControllerPermissions.logs(logs));
        List<PolicyStatement> slackWithLogs = new ArrayList<>(slack);
        slackWithLogs.add(ControllerPermissions.logs(logs));
        Map<String, String> environment =
            ControllerEnvironment.of(
                config,
                table.getTableName(),
                secrets,
                config.calendars().map(c -> ServerlessController.CALENDARS_DIRECTORY));
        // The status page (-c statusPage=true) reads only: the table's items, DescribeServices
        // (events and counts), and writes its logs.
        List<PolicyStatement> page = new ArrayList<>();
        page.add(ControllerPermissions.tableReadOnly(table.getTableArn()));
        page.add(ControllerPermissions.ecsServicesReadOnly(this, config.clusters()));
        page.add(ControllerPermissions.logs(logs));
        ServerlessController.create(
            this, config, environment, withLogs, slackWithLogs, page, monitoring);
      }
      case SERVICE -> {
        Map<String, String> environment =
            ControllerEnvironment.of(
                config,
                table.getTableName(),
                secrets,
                config.calendars().map(c -> FargateController.CALENDARS_DIRECTORY));
        environment.put(ControllerEnvironment.SHARDS_ENV, String.valueOf(FargateController.SHARDS));
        environment.put(
            ControllerEnvironment.HTTP_PORT_ENV, String.valueOf(FargateController.HTTP_PORT));
        environment.put(ControllerEnvironment.STATUS_PAGE_ENV, config.statusPage() ? "on" : "off");
        FargateController.create(
            this,
            config.image().orElseThrow(),
            environment,
            controller,
            monitoring,
            config.dryRun());
      }
    }

    CfnOutput.Builder.create(this, "TableName")
        .description("daybreak apply -f ... --table <this> (or export DAYBREAK_TABLE=<this>)")
        .value(table.getTableName())
        .build();
    CfnOutput.Builder.create(this, "SlackBotTokenSecret")
        .description(
            "aws secretsmanager put-secret-value --secret-id <this> --secret-string xoxb-...")
        .value(secrets.botToken().getRef())
        .build();
    CfnOutput.Builder.create(this, "SlackSigningSecretSecret")
        .description("aws secretsmanager put-secret-value --secret-id <this> --secret-string ...")
        .value(secrets.signingSecret().getRef())
        .build();
    CfnOutput.Builder.create(this, "LogGroup")
        .description("The controller's logs")
        .value(monitoring.logGroup().getLogGroupName())
        .build();
  }

  /** The state table. */
  public Table table() {
    return table;
  }
}
