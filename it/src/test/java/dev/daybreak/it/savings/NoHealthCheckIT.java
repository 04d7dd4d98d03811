package dev.daybreak.it.savings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.model.Condition;
import dev.daybreak.model.Conditions;
import dev.daybreak.model.Phase;
import dev.daybreak.reconcile.ScheduledWorld;
import dev.daybreak.store.InMemoryStateStore;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's remaining point, end to end over HTTP: a service whose readiness is {@code healthy}
 * but which has neither a load balancer nor a container health check (its task definition, read
 * with DescribeTaskDefinition, has none) turns the environment Degraded at once, with a reason that
 * names the service and what to add, instead of waiting for its timeout.
 */
final class NoHealthCheckIT {

  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  private ScheduledWorld world;

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void healthyServiceWithoutAnyHealthSignal_isDegradedAtOnce_namingWhatToAdd() {
    world =
        new ScheduledWorld(
            LocalDateTime.parse("2026-11-30T07:59:00").atZone(TOKYO).toInstant(),
            TOKYO,
            """
            - name: api
              replicas: 1
              readiness: healthy
              timeout: 10m
            """,
            """
            timeZone: Asia/Tokyo
            windows:
              - wakeAt: "08:00"
                sleepAt: "20:00"
            """,
            SimSettings.builder().build(),
            InMemoryStateStore::new,
            ScheduledWorld.unstaggered());

    world.runUntil(world.local("2026-11-30T08:00:30"));

    assertThat(world.phase()).as("30 s into a wake whose timeout is 10m").isEqualTo(Phase.DEGRADED);
    Condition degraded = world.status().condition(Conditions.DEGRADED).orElseThrow();
    assertThat(degraded.reason()).isEqualTo(Conditions.REASON_NO_HEALTH_CHECK);
    assertThat(degraded.message())
        .contains("service 'api' (ECS service 'api') has readiness healthy but no load balancer")
        .contains("task-definition/api:1 has a healthCheck")
        .contains("add a healthCheck to its essential container")
        .contains("readiness: running");
    assertThat(world.sim.calls())
        .filteredOn(c -> c.op().equals("DescribeTaskDefinition"))
        .extracting(c -> c.services())
        .as("read once over HTTP, then cached by ARN")
        .containsExactly(List.of("arn:aws:ecs:us-east-1:000000000000:task-definition/api:1"));
  }
}
