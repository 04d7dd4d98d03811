package dev.daybreak.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybreak.model.ObservedService;
import dev.daybreak.model.RolloutState;
import dev.daybreak.model.ServiceEvent;
import dev.daybreak.model.ServiceStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent.Builder;

class ObservedServicesTest {

  private static final Instant T = Instant.parse("2026-01-01T06:00:00Z");

  private static software.amazon.awssdk.services.ecs.model.ServiceEvent event(int i) {
    Builder b = software.amazon.awssdk.services.ecs.model.ServiceEvent.builder();
    return b.id("e" + i).createdAt(T.minusSeconds(i)).message("(service b) event " + i).build();
  }

  @Test
  void from_mapsCountsDeploymentsPrimaryFirstAndNewestEvents() {
    Service service =
        Service.builder()
            .serviceName("b")
            .status("ACTIVE")
            .desiredCount(3)
            .runningCount(1)
            .pendingCount(2)
            .deployments(
                Deployment.builder()
                    .id("ecs-svc/1")
                    .status("ACTIVE")
                    .desiredCount(0)
                    .runningCount(1)
                    .pendingCount(0)
                    .failedTasks(0)
                    .rolloutState(DeploymentRolloutState.COMPLETED)
                    .build(),
                Deployment.builder()
                    .id("ecs-svc/2")
                    .status("PRIMARY")
                    .desiredCount(3)
                    .runningCount(0)
                    .pendingCount(2)
                    .failedTasks(4)
                    .rolloutState(DeploymentRolloutState.FAILED)
                    .rolloutStateReason("ECS deployment circuit breaker: tasks failed to start.")
                    .build())
            .events(IntStream.range(0, 15).mapToObj(ObservedServicesTest::event).toList())
            .build();

    ObservedService observed = ObservedServices.from(service, 10);

    assertThat(observed.ecsService()).isEqualTo("b");
    assertThat(observed.status()).isEqualTo(ServiceStatus.ACTIVE);
    assertThat(observed)
        .extracting(
            ObservedService::desiredCount,
            ObservedService::runningCount,
            ObservedService::pendingCount,
            ObservedService::failedTasks)
        .containsExactly(3, 1, 2, 4);
    assertThat(observed.deployments())
        .extracting(d -> d.id(), d -> d.rolloutState(), d -> d.rolloutStateReason())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "ecs-svc/2",
                RolloutState.FAILED,
                Optional.of("ECS deployment circuit breaker: tasks failed to start.")),
            org.assertj.core.groups.Tuple.tuple(
                "ecs-svc/1", RolloutState.COMPLETED, Optional.empty()));
    assertThat(observed.events()).hasSize(10);
    assertThat(observed.latestEvent()).contains(new ServiceEvent("e0", T, "(service b) event 0"));
    assertThat(observed.health()).isEmpty();
  }

  @Test
  void from_deploymentWithoutRolloutState_isCompletedOnlyWhenItRunsItsDesiredCount() {
    Service service =
        Service.builder()
            .serviceName("a")
            .status("DRAINING")
            .deployments(
                Deployment.builder()
                    .id("1")
                    .status("PRIMARY")
                    .desiredCount(2)
                    .runningCount(2)
                    .build(),
                Deployment.builder()
                    .id("2")
                    .status("ACTIVE")
                    .desiredCount(2)
                    .runningCount(1)
                    .build())
            .build();

    ObservedService observed = ObservedServices.from(service, 10);

    assertThat(observed.status()).isEqualTo(ServiceStatus.DRAINING);
    assertThat(observed.deployments())
        .extracting(d -> d.rolloutState())
        .containsExactly(RolloutState.COMPLETED, RolloutState.IN_PROGRESS);
  }

  @Test
  void from_unknownStatus_isAnUnexpectedResponseNamingIt() {
    Service service = Service.builder().serviceName("a").status("PAUSED").build();

    assertThatThrownBy(() -> ObservedServices.from(service, 10))
        .isInstanceOfSatisfying(
            EcsException.class, e -> assertThat(e.errorCode()).isEqualTo("UnexpectedResponse"))
        .hasMessageContaining("'PAUSED'");
  }
}
