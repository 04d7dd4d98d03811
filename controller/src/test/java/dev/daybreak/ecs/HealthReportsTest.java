package dev.daybreak.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.Health;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthReportsTest {

  private static final String GROUP = "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/web/1";

  private static HealthReports.Task task(String ip, String lastStatus, String health) {
    return new HealthReports.Task("arn:task/" + ip, lastStatus, Optional.of(ip), health);
  }

  private static HealthReports.Target target(String ip, String state, String reason) {
    return new HealthReports.Target(ip, state, Optional.ofNullable(reason));
  }

  @Test
  void targetGroups_countsOnlyTargetsOfRunningTasks_byTheirIp() {
    Health.TargetGroups health =
        HealthReports.targetGroups(
            List.of(GROUP),
            Map.of(
                GROUP,
                List.of(
                    target("10.0.0.4", "healthy", null),
                    target("10.0.0.5", "unhealthy", "Target.ResponseCodeMismatch"),
                    target("10.0.0.9", "draining", "Target.DeregistrationInProgress"),
                    target("10.0.0.7", "unhealthy", "Target.Timeout"))),
            List.of(
                task("10.0.0.4", "RUNNING", "UNKNOWN"),
                task("10.0.0.5", "RUNNING", "UNKNOWN"),
                task("10.0.0.6", "RUNNING", "UNKNOWN"),
                task("10.0.0.9", "STOPPING", "UNKNOWN")));

    assertThat(health.groups())
        .containsExactly(
            new Health.TargetGroup(GROUP, 1, 1, 1, List.of("Target.ResponseCodeMismatch")));
  }

  @Test
  void targetGroups_aGroupNotDescribedYet_countsEveryRunningTaskAsNotYetHealthy() {
    Health.TargetGroups health =
        HealthReports.targetGroups(
            List.of(GROUP), Map.of(), List.of(task("10.0.0.4", "RUNNING", "HEALTHY")));

    assertThat(health.isHealthy(1)).isFalse();
    assertThat(health.groups().get(0).other()).isEqualTo(1);
  }

  @Test
  void containers_countsTheRunningTasksHealthStatus() {
    Health.Containers health =
        HealthReports.containers(
            List.of(
                task("10.0.0.4", "RUNNING", "HEALTHY"),
                task("10.0.0.5", "RUNNING", "UNHEALTHY"),
                task("10.0.0.6", "RUNNING", "UNKNOWN"),
                task("10.0.0.7", "PENDING", "UNKNOWN")));

    assertThat(health).isEqualTo(new Health.Containers(1, 1, 1));
  }
}
