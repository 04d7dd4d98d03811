package dev.daybreak.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReadinessCheckTest {

  private static Deployment deployment(String id, RolloutState rollout, int desired, int running) {
    return new Deployment(id, "PRIMARY", rollout, desired, running, 0, 0);
  }

  private static ObservedService service(
      int desired, int running, List<Deployment> deployments, Optional<Health> health) {
    return new ObservedService(
        "svc", ServiceStatus.ACTIVE, desired, running, 0, deployments, List.of(), health);
  }

  @Test
  void running_isReadyOnceRunningCountReachesTarget() {
    List<Deployment> rolling = List.of(deployment("d1", RolloutState.IN_PROGRESS, 3, 3));

    assertThat(
            ReadinessCheck.isReady(Readiness.RUNNING, service(3, 2, rolling, Optional.empty()), 3))
        .isFalse();
    assertThat(
            ReadinessCheck.isReady(Readiness.RUNNING, service(3, 3, rolling, Optional.empty()), 3))
        .isTrue();
    assertThat(
            ReadinessCheck.isReady(Readiness.RUNNING, service(5, 4, rolling, Optional.empty()), 3))
        .isTrue();
  }

  @Test
  void stable_needsOneCompletedDeploymentWithRunningEqualToDesired() {
    Deployment completed = deployment("d1", RolloutState.COMPLETED, 3, 3);
    Deployment inProgress = deployment("d2", RolloutState.IN_PROGRESS, 3, 0);

    assertThat(
            ReadinessCheck.isReady(
                Readiness.STABLE, service(3, 3, List.of(completed), Optional.empty()), 3))
        .isTrue();
    assertThat(
            ReadinessCheck.isReady(
                Readiness.STABLE,
                service(3, 3, List.of(inProgress, completed), Optional.empty()),
                3))
        .as("a second deployment is still rolling")
        .isFalse();
    assertThat(
            ReadinessCheck.isReady(
                Readiness.STABLE,
                service(
                    3,
                    3,
                    List.of(deployment("d1", RolloutState.IN_PROGRESS, 3, 3)),
                    Optional.empty()),
                3))
        .isFalse();
    assertThat(
            ReadinessCheck.isReady(
                Readiness.STABLE, service(4, 3, List.of(completed), Optional.empty()), 3))
        .as("running below desired")
        .isFalse();
    assertThat(
            ReadinessCheck.isReady(
                Readiness.STABLE, service(2, 2, List.of(completed), Optional.empty()), 3))
        .as("stable, but below target")
        .isFalse();
  }

  private static Optional<Health> targets(int healthy, int unhealthy, int other) {
    return Optional.of(
        new Health.TargetGroups(
            List.of(new Health.TargetGroup("arn:tg/web", healthy, unhealthy, other, List.of()))));
  }

  @Test
  void healthy_needsEveryTargetHealthyAndTheTargetRunning() {
    List<Deployment> completed = List.of(deployment("d1", RolloutState.COMPLETED, 2, 2));

    assertThat(
            ReadinessCheck.isReady(
                Readiness.HEALTHY, service(2, 2, completed, targets(2, 0, 0)), 2))
        .isTrue();
    assertThat(
            ReadinessCheck.isReady(
                Readiness.HEALTHY, service(2, 2, completed, targets(1, 1, 0)), 2))
        .as("one target unhealthy")
        .isFalse();
    assertThat(
            ReadinessCheck.isReady(
                Readiness.HEALTHY, service(2, 2, completed, targets(1, 0, 1)), 2))
        .as("one target still initial")
        .isFalse();
    assertThat(
            ReadinessCheck.isReady(
                Readiness.HEALTHY, service(2, 2, completed, Optional.empty()), 2))
        .as("health not observed")
        .isFalse();
    assertThat(
            ReadinessCheck.isReady(
                Readiness.HEALTHY, service(2, 1, completed, targets(2, 0, 0)), 2))
        .as("running below target")
        .isFalse();
  }

  @Test
  void healthy_withoutLoadBalancer_needsEveryContainerHealthy() {
    List<Deployment> completed = List.of(deployment("d1", RolloutState.COMPLETED, 2, 2));

    assertThat(
            ReadinessCheck.isReady(
                Readiness.HEALTHY,
                service(2, 2, completed, Optional.of(new Health.Containers(2, 0, 0))),
                2))
        .isTrue();
    assertThat(
            ReadinessCheck.isReady(
                Readiness.HEALTHY,
                service(2, 2, completed, Optional.of(new Health.Containers(1, 0, 1))),
                2))
        .as("one container not checked yet")
        .isFalse();
    assertThat(
            ReadinessCheck.isReady(
                Readiness.HEALTHY,
                service(3, 3, completed, Optional.of(new Health.Containers(2, 1, 0))),
                2))
        .as("one container UNHEALTHY, although two are healthy")
        .isFalse();
  }

  @ParameterizedTest
  @EnumSource(Readiness.class)
  void anyReadiness_targetZero_isReadyWhenActive(Readiness readiness) {
    assertThat(ReadinessCheck.isReady(readiness, service(0, 0, List.of(), Optional.empty()), 0))
        .isTrue();
  }

  @ParameterizedTest
  @EnumSource(
      value = ServiceStatus.class,
      names = {"DRAINING", "INACTIVE", "MISSING"})
  void anyReadiness_serviceNotActive_isNeverReady(ServiceStatus status) {
    ObservedService service =
        new ObservedService(
            "svc",
            status,
            1,
            1,
            0,
            List.of(deployment("d1", RolloutState.COMPLETED, 1, 1)),
            List.of(),
            Optional.of(new Health.Containers(1, 0, 0)));

    for (Readiness readiness : Readiness.values()) {
      assertThat(ReadinessCheck.isReady(readiness, service, 1)).as(readiness.name()).isFalse();
      assertThat(ReadinessCheck.isReady(readiness, service, 0)).as(readiness.name()).isFalse();
    }
  }

  @Test
  void isStopped_activeServiceNeedsDesiredAndRunningAtZero() {
    assertThat(ReadinessCheck.isStopped(World.active("svc", 0, 0))).isTrue();
    assertThat(ReadinessCheck.isStopped(World.active("svc", 0, 1))).as("tasks draining").isFalse();
    assertThat(ReadinessCheck.isStopped(World.active("svc", 1, 0)))
        .as("a task will start")
        .isFalse();
  }

  @Test
  void isStopped_serviceThatCannotBeScaled_stopsOnceItsTasksAreGone() {
    assertThat(ReadinessCheck.isStopped(World.inStatus("svc", ServiceStatus.MISSING, 0))).isTrue();
    assertThat(ReadinessCheck.isStopped(World.inStatus("svc", ServiceStatus.INACTIVE, 0))).isTrue();
    assertThat(ReadinessCheck.isStopped(World.inStatus("svc", ServiceStatus.DRAINING, 2)))
        .isFalse();
    assertThat(ReadinessCheck.isStopped(World.inStatus("svc", ServiceStatus.DRAINING, 0))).isTrue();
  }
}
