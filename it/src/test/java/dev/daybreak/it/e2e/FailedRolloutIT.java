package dev.daybreak.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.daybreak.ecs.EcsClients;
import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.ecssim.CallRecord;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.ServiceEventView;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.it.Dynalite;
import dev.daybreak.it.DynaliteExtension;
import dev.daybreak.model.Condition;
import dev.daybreak.model.ConditionStatus;
import dev.daybreak.model.Conditions;
import dev.daybreak.model.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;

/**
 * Issue 15: a rollout that ECS's deployment circuit breaker reports FAILED, on the whole stack over
 * real HTTP (dynalite, the ECS simulator, a Slack mock, the controller on the production backends).
 * A team's CI (an SDK client of its own) creates the services with the circuit breaker and deploys
 * to an awake environment; the simulator makes the new tasks fail. The environment must turn
 * Degraded in the first pass that observes the FAILED rollout (proven from the simulator's event
 * time and call log, against the condition's transition time, all on the stack's one clock), name
 * the service, the deployment and the circuit breaker's message, and recover by itself once a later
 * deployment completes.
 */
@ExtendWith(DynaliteExtension.class)
class FailedRolloutIT {

  /**
   * How much faster than the real clock the stack's clock runs: both scenarios wait for the drift
   * check (60 s) before daybreak sees the team's rollout, and the second for Fargate-like starts,
   * minutes of ECS time each. Every assertion compares times recorded on the stack's one clock, so
   * none depends on how fast the machine is.
   */
  private static final double SPEED = 20;

  /** The controller's resync period on the stack's clock: one real second. */
  private static final Duration RESYNC = Duration.ofSeconds(20);

  private static final String CIRCUIT_BREAKER =
      "ECS deployment circuit breaker: tasks failed to start.";
  private static final String YAML =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata:
        name: shop
      spec:
        cluster: dev
        services:
          - name: a
            replicas: 1
          - name: b
            replicas: 2
            dependsOn: [a]
      """;

  private Stack stack;
  private EcsClient ci;

  @AfterEach
  void stop() {
    if (ci != null) {
      ci.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void
      failedRollout_isDegradedWithinOnePass_andRecoversWhenTheFaultIsClearedAndANewDeploymentCompletes(
          Dynalite dynalite) {
    awake(dynalite, false, Latency.parse("1s..2s"));

    stack.faults("{\"failToStart\": [\"b\"]}");
    String failed = forceNewDeployment();

    Condition degraded = awaitDegraded(ConditionStatus.TRUE);
    Instant failedAt = eventAt("(service b) (deployment " + failed + ") deployment failed");
    assertFirstObservedIn(degraded, failedAt);
    assertThat(degraded.reason()).isEqualTo(Conditions.REASON_ROLLOUT_FAILED);
    assertThat(degraded.message())
        .contains("service 'b'")
        .contains("ECS deployment " + failed + " failed")
        .contains(CIRCUIT_BREAKER)
        .contains(
            "(service b) (deployment " + failed + ") deployment failed: tasks failed to start.");
    assertThat(stack.phase("shop")).contains(Phase.DEGRADED);

    stack.faults("{}");
    String fixed = forceNewDeployment();

    Condition recovered = awaitDegraded(ConditionStatus.FALSE);
    Instant completedAt = eventAt("(service b) (deployment " + fixed + ") deployment completed.");
    assertThat(recovered.lastTransitionTime())
        .as("recovered once the new deployment completed (at %s), not before", completedAt)
        .isAfterOrEqualTo(completedAt);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(stack.phase("shop")).contains(Phase.AWAKE));
  }

  @Test
  void rollbackEnabled_badRevision_isDegradedWhileEcsRollsBack_andRecoversByItself(
      Dynalite dynalite) {
    // Fargate-like starts for b, so the failure and the rollback take longer than the drift check
    // (60 s) after which daybreak first sees the team's rollout and starts watching it.
    awake(dynalite, true, Latency.fixed(Duration.ofSeconds(40)));

    stack.faults("{\"failToStart\": [\"b:2\"]}");
    String failed =
        ci.updateService(r -> r.cluster("dev").service("b").taskDefinition("b:2"))
            .service()
            .deployments()
            .get(0)
            .id();

    Condition degraded = awaitDegraded(ConditionStatus.TRUE);
    Instant failedAt = eventAt("(service b) (deployment " + failed + ") deployment failed");
    assertFirstObservedIn(degraded, failedAt);
    assertThat(degraded.message())
        .contains("ECS deployment " + failed + " failed")
        .contains(CIRCUIT_BREAKER)
        .contains("ECS deployment circuit breaker: rolling back to deploymentId");

    Condition recovered = awaitDegraded(ConditionStatus.FALSE);
    String rollback =
        stack
            .sim
            .describeServices(Stack.INSPECTOR, Optional.of("dev"), List.of("b"), false)
            .items()
            .get(0)
            .deployments()
            .get(0)
            .id();
    Instant completedAt =
        eventAt("(service b) (deployment " + rollback + ") deployment completed.");
    assertThat(recovered.lastTransitionTime()).isAfterOrEqualTo(completedAt);
    assertThat(
            stack
                .sim
                .describeServices(Stack.INSPECTOR, Optional.of("dev"), List.of("b"), false)
                .items()
                .get(0)
                .taskDefinition())
        .as("rolled back to the revision that ran")
        .endsWith("task-definition/b:1");
  }

  /**
   * Creates the services as a team's CI would (circuit breaker on, rollback as given), applies the
   * manifest, starts the controller and wakes the environment, on a stack whose clock runs {@link
   * #SPEED} times faster than the real one; b's tasks take {@code bStart} to start (or to fail).
   */
  private void awake(Dynalite dynalite, boolean rollback, Latency bStart) {
    stack =
        Stack.startScaled(
            dynalite,
            SimSettings.builder()
                .seed(15)
                .startLatency(Latency.parse("1s..2s"))
                .startLatency("b", bStart)
                .stopLatency(Latency.parse("300ms..600ms"))
                .require("b", "a")
                .crashGrace(Duration.ofSeconds(1))
                .relaunchDelay(Duration.ofSeconds(1))
                .startFailureBackoff(Duration.ofMillis(500), Duration.ofSeconds(1))
                .build(),
            SPEED);
    ci = EcsClients.create(EcsEndpoint.simulator(stack.ecs.endpoint()), "ci");
    ci.createCluster(r -> r.clusterName("dev"));
    for (String service : List.of("a", "b")) {
      ci.createService(
          r ->
              r.cluster("dev")
                  .serviceName(service)
                  .taskDefinition(service + ":1")
                  .desiredCount(0)
                  .deploymentConfiguration(
                      DeploymentConfiguration.builder()
                          .deploymentCircuitBreaker(
                              DeploymentCircuitBreaker.builder()
                                  .enable(true)
                                  .rollback(rollback)
                                  .build())
                          .build()));
    }
    assertThat(
            ci.describeServices(r -> r.cluster("dev").services("b"))
                .services()
                .get(0)
                .deploymentConfiguration()
                .deploymentCircuitBreaker())
        .isEqualTo(DeploymentCircuitBreaker.builder().enable(true).rollback(rollback).build());
    stack.apply(YAML);
    stack.startController(RESYNC);
    stack.rawFlip("shop", "AWAKE");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(stack.phase("shop")).contains(Phase.AWAKE));
  }

  /** The team redeploys b (UpdateService forceNewDeployment); the new deployment's id. */
  private String forceNewDeployment() {
    return ci.updateService(r -> r.cluster("dev").service("b").forceNewDeployment(true))
        .service()
        .deployments()
        .get(0)
        .id();
  }

  private Condition awaitDegraded(ConditionStatus status) {
    return within(Duration.ofSeconds(180))
        .until(
            () ->
                stack.store.status("shop").flatMap(s -> s.status().condition(Conditions.DEGRADED)),
            c -> c.isPresent() && c.get().status() == status)
        .orElseThrow();
  }

  /** When the simulator recorded b's newest event that starts with {@code prefix}. */
  private Instant eventAt(String prefix) {
    return stack.events("dev", "b").stream()
        .filter(e -> e.message().startsWith(prefix))
        .map(ServiceEventView::createdAt)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no event of b starts with " + prefix));
  }

  /**
   * The Degraded transition came from the pass that made daybreak's first DescribeServices at or
   * after {@code failedAt}: a pass reads the clock before it observes, and passes of one
   * environment never overlap, so its time lies between the last observation before the failure and
   * the first one after it.
   */
  private void assertFirstObservedIn(Condition degraded, Instant failedAt) {
    List<CallRecord> describes =
        stack.sim.calls().stream()
            .filter(c -> c.op().equals("DescribeServices"))
            .filter(c -> c.caller().equals(EcsClients.APP_ID))
            .filter(c -> c.outcome().equals(CallRecord.OK))
            .toList();
    CallRecord lastBefore =
        describes.stream()
            .filter(c -> c.at().isBefore(failedAt))
            .reduce((x, y) -> y)
            .orElseThrow(() -> new AssertionError("no observation before " + failedAt));
    CallRecord firstAfter =
        describes.stream()
            .filter(c -> !c.at().isBefore(failedAt))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no observation after " + failedAt));
    assertThat(degraded.lastTransitionTime())
        .as(
            "Degraded since (rollout FAILED at %s; observed before it at %s, after it at %s)",
            failedAt, lastBefore.at(), firstAfter.at())
        .isAfterOrEqualTo(lastBefore.at())
        .isBeforeOrEqualTo(firstAfter.at());
  }

  private static ConditionFactory within(Duration limit) {
    return await().atMost(limit).pollInterval(Duration.ofMillis(50));
  }
}
