package dev.daybreak.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HealthTest {

  private static Health.TargetGroup group(String arn, int healthy, int unhealthy, int other) {
    return new Health.TargetGroup(
        arn,
        healthy,
        unhealthy,
        other,
        unhealthy > 0 ? List.of("Target.ResponseCodeMismatch") : List.of());
  }

  @Test
  void targetGroups_everyGroupNeedsTheTargetCountHealthy() {
    Health health =
        new Health.TargetGroups(List.of(group("arn:tg/a", 2, 0, 0), group("arn:tg/b", 1, 0, 0)));

    assertThat(health.isHealthy(1)).isTrue();
    assertThat(health.isHealthy(2)).as("group b has one healthy target of two wanted").isFalse();
  }

  @Test
  void targetGroups_describe_namesTheGroupAndItsUnhealthyCount() {
    Health health = new Health.TargetGroups(List.of(group("arn:tg/catalog", 0, 2, 0)));

    assertThat(health.describe())
        .isEqualTo(
            "target group arn:tg/catalog: 2 unhealthy (Target.ResponseCodeMismatch), 0 healthy,"
                + " 0 not yet checked or draining, of 2 running task(s)");
  }

  @Test
  void containers_allUnknown_saysATaskDefinitionWithoutHealthCheckNeverReportsHealthy() {
    Health health = new Health.Containers(0, 0, 2);

    assertThat(health.isHealthy(2)).isFalse();
    assertThat(health.describe())
        .contains("no load balancer")
        .contains("2 UNKNOWN")
        .contains("without a container health check never reports HEALTHY");
  }

  @Test
  void containers_someHealthy_doesNotBlameAMissingHealthCheck() {
    assertThat(new Health.Containers(1, 0, 1).describe()).doesNotContain("never reports HEALTHY");
  }
}
