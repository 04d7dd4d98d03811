package dev.daybreak.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.daybreak.ecs.EcsClients;
import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.ecssim.CallRecord;
import dev.daybreak.ecssim.HealthSettings;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.LoadBalancer;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.TargetHealthChange;
import dev.daybreak.ecssim.TaskView;
import dev.daybreak.it.Dynalite;
import dev.daybreak.it.DynaliteExtension;
import dev.daybreak.model.Condition;
import dev.daybreak.model.ConditionStatus;
import dev.daybreak.model.Phase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Issue 15's {@code readiness: healthy}, end to end over real wire protocols: the controller in
 * this JVM over the production backends (AWS SDK ECS and Elastic Load Balancing v2 clients), the
 * ECS simulator over HTTP serving both, dynalite, a WireMock Slack. {@code web} is ready when its
 * targets (or, for {@code worker}, its containers) are healthy; {@code front} depends on it. Health
 * checks run every second; a target is healthy three passing checks after its registration, so
 * there are a few seconds in which web runs but is not healthy.
 */
@ExtendWith(DynaliteExtension.class)
class HealthEndToEndIT {

  private static final Duration RESYNC = Duration.ofSeconds(1);
  private static final HealthSettings HEALTH =
      new HealthSettings(
          Duration.ofSeconds(1), 3, 2, Duration.ofMillis(500), Duration.ofSeconds(3), 2);

  private final List<Stack> stacks = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    stacks.forEach(Stack::close);
  }

  private Stack stack(Dynalite dynalite) {
    Stack stack =
        Stack.start(
            dynalite,
            SimSettings.builder()
                .seed(15)
                .startLatency(Latency.parse("1s..1500ms"))
                .stopLatency(Latency.parse("300ms..600ms"))
                .health(HEALTH)
                .build());
    stacks.add(stack);
    return stack;
  }

  private static String manifest(String env, String webTimeout) {
    return """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata:
          name: %s
        spec:
          cluster: %s
          services:
            - name: db
            - name: web
              replicas: 2
              readiness: healthy
              timeout: %s
              dependsOn: [db]
            - name: front
              dependsOn: [web]
        """
        .formatted(env, env, webTimeout);
  }

  private static String targetGroup(String env) {
    return LoadBalancer.targetGroupArn("us-east-1", "000000000000", env + "-web");
  }

  /** Gives web a target group, over the simulator's HTTP API. */
  private void behindTargetGroup(Stack stack, String env) {
    post(
        stack,
        "/_sim/health-checks",
        """
        {"cluster": "%s", "service": "web", "loadBalancers": [
          {"targetGroupArn": "%s", "containerName": "web", "containerPort": 8080}]}
        """
            .formatted(env, targetGroup(env)));
  }

  private void post(Stack stack, String path, String json) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(stack.ecs.endpoint().resolve(path))
                  .POST(HttpRequest.BodyPublishers.ofString(json))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode())
          .as("POST %s: %s", path, response.body())
          .isBetween(200, 204);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void awaitPhase(Stack stack, String env, Phase phase, Duration limit) {
    await()
        .atMost(limit)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(stack.phase(env)).as(env).contains(phase));
  }

  private static Optional<Instant> scaledUp(Stack stack, String env, String service) {
    return stack.updates(env).stream()
        .filter(c -> c.services().equals(List.of(service)))
        .filter(c -> c.desiredCount().orElse(0) > 0)
        .map(CallRecord::at)
        .findFirst();
  }

  /** When the last of web's current tasks' targets became healthy. */
  private static Instant lastTargetHealthy(Stack stack, String env, List<TaskView> webTasks) {
    List<String> arns = webTasks.stream().map(TaskView::taskArn).toList();
    List<TargetHealthChange> healthy =
        stack.sim.targetHealthHistory().stream()
            .filter(c -> c.targetGroupArn().equals(targetGroup(env)))
            .filter(c -> arns.contains(c.taskArn()) && c.state().equals("healthy"))
            .toList();
    assertThat(healthy).as("a healthy change per web task").hasSize(webTasks.size());
    return healthy.stream()
        .map(TargetHealthChange::at)
        .max(Comparator.naturalOrder())
        .orElseThrow();
  }

  private static List<TaskView> running(Stack stack, String env, String service) {
    return stack.tasks(env, service).stream()
        .filter(t -> t.lastStatus().equals("RUNNING"))
        .toList();
  }

  @Test
  void healthyService_dependentsScaledOnlyAfterItsTargetsReportHealthy_notMerelyRunning(
      Dynalite dynalite) {
    Stack stack = stack(dynalite);
    stack.apply(manifest("lb", "2m"));
    behindTargetGroup(stack, "lb");
    stack.startController(RESYNC);

    stack.rawFlip("lb", "AWAKE");

    awaitPhase(stack, "lb", Phase.AWAKE, Duration.ofSeconds(60));
    List<TaskView> web = running(stack, "lb", "web");
    assertThat(web).hasSize(2);
    Instant webRunning =
        web.stream().map(t -> t.startedAt().orElseThrow()).max(Comparator.naturalOrder()).get();
    Instant webHealthy = lastTargetHealthy(stack, "lb", web);
    Instant frontScaled = scaledUp(stack, "lb", "front").orElseThrow();
    assertThat(Duration.between(webRunning, webHealthy))
        .as("web ran for a while before its targets were healthy")
        .isGreaterThanOrEqualTo(HEALTH.timeToHealthy());
    assertThat(frontScaled)
        .as("front scaled after web's targets were healthy (running at %s)", webRunning)
        .isAfterOrEqualTo(webHealthy);
    assertThat(stack.sim.calls())
        .as("the controller read target health with the ELB SDK client")
        .anySatisfy(
            c -> {
              assertThat(c.op()).isEqualTo("DescribeTargetHealth");
              assertThat(c.caller()).isEqualTo(EcsClients.APP_ID);
              assertThat(c.services()).containsExactly(targetGroup("lb"));
              assertThat(c.outcome()).isEqualTo(CallRecord.OK);
            });
  }

  @Test
  void unhealthyTarget_holdsTheTier_pastTheTimeoutDegradedNamingTheTargetGroupAndCount_thenRecovers(
      Dynalite dynalite) {
    Stack stack = stack(dynalite);
    stack.apply(manifest("sick", "8s"));
    behindTargetGroup(stack, "sick");
    post(stack, "/_sim/health-faults", "{\"unhealthy\": [\"web\"]}");
    stack.startController(RESYNC);

    stack.rawFlip("sick", "AWAKE");

    awaitPhase(stack, "sick", Phase.DEGRADED, Duration.ofSeconds(60));
    Condition degraded =
        stack.store.status("sick").orElseThrow().status().condition("Degraded").orElseThrow();
    assertThat(degraded.message())
        .startsWith("service 'web' is not ready (healthy) within its 8s timeout")
        .contains(
            "target group "
                + targetGroup("sick")
                + ": 2 unhealthy (Target.ResponseCodeMismatch), 0 healthy");
    assertThat(running(stack, "sick", "web")).as("web runs, unhealthy").hasSize(2);
    assertThat(scaledUp(stack, "sick", "front")).as("front held back").isEmpty();

    post(stack, "/_sim/health-faults", "{\"unhealthy\": []}");

    awaitPhase(stack, "sick", Phase.AWAKE, Duration.ofSeconds(60));
    Instant frontScaled = scaledUp(stack, "sick", "front").orElseThrow();
    assertThat(frontScaled)
        .isAfterOrEqualTo(lastTargetHealthy(stack, "sick", running(stack, "sick", "web")));
  }

  @Test
  void containerHealthCheckService_dependentsScaledOnlyOnceItsTasksReportHealthy(
      Dynalite dynalite) {
    Stack stack = stack(dynalite);
    stack.apply(manifest("ctr", "2m"));
    post(
        stack,
        "/_sim/health-checks",
        "{\"cluster\": \"ctr\", \"service\": \"web\", \"containerHealthCheck\": true}");
    stack.startController(RESYNC);

    stack.rawFlip("ctr", "AWAKE");

    awaitPhase(stack, "ctr", Phase.AWAKE, Duration.ofSeconds(60));
    List<TaskView> web = running(stack, "ctr", "web");
    assertThat(web).hasSize(2).allSatisfy(t -> assertThat(t.healthStatus()).isEqualTo("HEALTHY"));
    Instant webHealthy =
        web.stream()
            .map(t -> t.startedAt().orElseThrow().plus(HEALTH.containerInterval()))
            .max(Comparator.naturalOrder())
            .get();
    assertThat(scaledUp(stack, "ctr", "front").orElseThrow())
        .as("front scaled once web's containers reported HEALTHY (first check an interval in)")
        .isAfterOrEqualTo(webHealthy);
    assertThat(stack.sim.calls())
        .filteredOn(c -> c.caller().equals(EcsClients.APP_ID))
        .extracting(CallRecord::op)
        .contains("ListTasks", "DescribeTasks")
        .doesNotContain("DescribeTargetHealth");
  }

  @Test
  void deletedTargetGroup_isDegradedNamingServiceAndGroup_thenRecoversWhenItsLoadBalancerIsFixed(
      Dynalite dynalite) {
    Stack stack = stack(dynalite);
    stack.apply(manifest("gone", "2m"));
    behindTargetGroup(stack, "gone");
    // Deleted while the environment sleeps (a teardown of the load balancer); web still names it.
    post(
        stack,
        "/_sim/delete-target-group",
        "{\"targetGroupArn\": \"%s\"}".formatted(targetGroup("gone")));
    stack.startController(RESYNC);

    stack.rawFlip("gone", "AWAKE");

    awaitPhase(stack, "gone", Phase.DEGRADED, Duration.ofSeconds(30));
    assertThat(running(stack, "gone", "web")).as("web runs").isNotEmpty();
    Condition degraded =
        stack.store.status("gone").orElseThrow().status().condition("Degraded").orElseThrow();
    assertThat(degraded.reason()).isEqualTo("TargetGroupNotFound");
    assertThat(degraded.message())
        .startsWith("service 'web' (ECS service 'web'): its load balancer's target group")
        .contains(targetGroup("gone") + " does not exist")
        .contains("TargetGroupNotFound");
    assertThat(stack.sim.calls())
        .as("the controller's DescribeTargetHealth, answered TargetGroupNotFound")
        .anySatisfy(
            c -> {
              assertThat(c.op()).isEqualTo("DescribeTargetHealth");
              assertThat(c.caller()).isEqualTo(EcsClients.APP_ID);
              assertThat(c.services()).containsExactly(targetGroup("gone"));
              assertThat(c.outcome()).isEqualTo("TargetGroupNotFound");
            });

    // The team points web at a new target group; ECS replaces its tasks, which register there.
    String fixed = LoadBalancer.targetGroupArn("us-east-1", "000000000000", "gone-web-v2");
    post(
        stack,
        "/_sim/health-checks",
        """
        {"cluster": "gone", "service": "web", "loadBalancers": [
          {"targetGroupArn": "%s", "containerName": "web", "containerPort": 8080}]}
        """
            .formatted(fixed));
    try (EcsClient team = EcsClients.create(EcsEndpoint.simulator(stack.ecs.endpoint()), "team")) {
      team.updateService(r -> r.cluster("gone").service("web").forceNewDeployment(true));
    }

    awaitPhase(stack, "gone", Phase.AWAKE, Duration.ofSeconds(60));
    assertThat(
            stack.store.status("gone").orElseThrow().status().condition("Degraded").orElseThrow())
        .satisfies(c -> assertThat(c.status()).isEqualTo(ConditionStatus.FALSE));
    assertThat(scaledUp(stack, "gone", "front")).as("front woken once web was healthy").isPresent();
    assertThat(stack.sim.targetHealthHistory())
        .as("web's new tasks healthy in the new target group")
        .filteredOn(c -> c.targetGroupArn().equals(fixed) && c.state().equals("healthy"))
        .hasSizeGreaterThanOrEqualTo(2);
  }
}
