package dev.daybreak.deploy;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/** The controller's log group, the alarms on its health, and the topic they notify. */
final class Monitoring {
  /**
   * Published by the controller (its CloudWatchPublisher): environments whose phase is Degraded,
   * every minute from a running controller and at the end of each scheduled Lambda invocation.
   */
  static final String DEGRADED_METRIC = "DegradedEnvironments";

  /** Counted from the controller's log lines at level ERROR. */
  static final String ERRORS_METRIC = "ControllerErrors";

  private final LogGroup logGroup;
  private final Topic alarms;

  private Monitoring(LogGroup logGroup, Topic alarms) {
    this.logGroup = logGroup;
    this.alarms = alarms;
  }

  static Monitoring create(Construct scope, DeployConfig config) {
    LogGroup logGroup =
        LogGroup.Builder.create(scope, "Logs").retention(config.logRetention()).build();
    Topic alarms = Topic.Builder.create(scope, "Alarms").displayName("daybreak alarms").build();
    config
        .alarmEmail()
        .ifPresent(
            email -> alarms.addSubscription(EmailSubscription.Builder.create(email).build()));
    Monitoring monitoring = new Monitoring(logGroup, alarms);

    MetricFilter.Builder.create(scope, "ErrorLines")
        .logGroup(logGroup)
        .filterPattern(FilterPattern.anyTerm("ERROR"))
        .metricNamespace(ControllerPermissions.METRICS_NAMESPACE)
        .metricName(ERRORS_METRIC)
        .metricValue("1")
        .defaultValue(0)
        .build();

    monitoring.alarm(
        scope,
        "DegradedAlarm",
        "An environment is Degraded: `daybreak describe env` says which service and why.",
        metric(DEGRADED_METRIC, "Maximum"));
    monitoring.alarm(
        scope,
        "ErrorsAlarm",
        "The controller logged errors: see its log group.",
        metric(ERRORS_METRIC, "Sum"));
    return monitoring;
  }

  LogGroup logGroup() {
    return logGroup;
  }

  /**
   * An alarm, notifying the topic, when {@code metric} is at least 1 in two of three periods. No
   * data is not an alarm: an idle controller publishes nothing.
   */
  void alarm(Construct scope, String id, String description, IMetric metric) {
    Alarm alarm =
        Alarm.Builder.create(scope, id)
            .alarmDescription(description)
            .metric(metric)
            .threshold(1)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
            .evaluationPeriods(3)
            .datapointsToAlarm(2)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build();
    alarm.addAlarmAction(new SnsAction(alarms));
    alarm.addOkAction(new SnsAction(alarms));
  }

  private static Metric metric(String name, String statistic) {
    return Metric.Builder.create()
        .namespace(ControllerPermissions.METRICS_NAMESPACE)
        .metricName(name)
        .statistic(statistic)
        .period(Duration.minutes(5))
        .build();
  }
}
