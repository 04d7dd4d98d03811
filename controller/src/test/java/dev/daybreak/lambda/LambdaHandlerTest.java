package dev.daybreak.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.daybreak.ecs.EcsClients;
import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecs.SdkEcsGateway;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.Phase;
import dev.daybreak.model.State;
import dev.daybreak.runtime.Backends;
import dev.daybreak.slack.Notifier;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.Via;
import dev.daybreak.time.ExecutorScheduler;
import dev.daybreak.time.Scheduler;
import dev.daybreak.time.Sleeper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One scheduled invocation wakes a three-tier environment completely (the ECS simulator over HTTP
 * through the SDK gateway, an in-memory store), instead of one tier per schedule period.
 */
class LambdaHandlerTest {

  private static final String SEED =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata: {name: seed}
      spec:
        cluster: dev
        services:
          - {name: a, replicas: 1}
          - {name: b, replicas: 2, dependsOn: [a]}
          - {name: c, replicas: 1, dependsOn: [b]}
      """;

  private static final String SCHEDULED_EVENT =
      """
      {"version": "0", "id": "1", "detail-type": "Scheduled Event", "source": "aws.events",
       "account": "123456789012", "time": "2026-11-30T07:00:00Z", "region": "ap-northeast-1",
       "resources": ["arn:aws:events:ap-northeast-1:123456789012:rule/daybreak"], "detail": {}}
      """;

  @Test
  void scheduledInvocation_wakesEveryTierBeforeReturning() throws Exception {
    Clock clock = Clock.systemUTC();
    EcsSimulator sim =
        new EcsSimulator(
            SimSettings.builder()
                .startLatency(Latency.fixed(Duration.ofMillis(200)))
                .require("b", "a")
                .require("c", "b")
                .build(),
            clock);
    sim.provision("dev", List.of("a", "b", "c"));
    InMemoryStateStore store = new InMemoryStateStore(clock);
    store.applySpec(Manifests.parse("seed.yaml", SEED).get(0));
    store.writeDesired(
        "seed", DesiredState.of(State.AWAKE, "test", "test", clock.instant()), 0, Via.CLI);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (EcsSimServer server = EcsSimServer.start(sim, 0)) {
      LambdaHandler handler =
          new LambdaHandler(env -> new TestBackends(store, server, clock), Map.of());
      handler.handleRequest(
          new ByteArrayInputStream(SCHEDULED_EVENT.getBytes(StandardCharsets.UTF_8)),
          out,
          new TestContext(Duration.ofSeconds(60)));
    }

    assertThat(store.status("seed").orElseThrow().status().phase()).isEqualTo(Phase.AWAKE);
    JsonNode result = new ObjectMapper().readTree(out.toByteArray());
    assertThat(result.path("trigger").asText()).isEqualTo("Scheduled Event");
    assertThat(result.path("summary").path("settled").get(0).asText()).isEqualTo("seed");
    assertThat(result.path("summary").path("unsettled")).isEmpty();
  }

  /** The production pieces pointed at local stand-ins. */
  private static final class TestBackends implements Backends {
    private final StateStore store;
    private final SdkEcsGateway ecs;
    private final Clock clock;
    private final ExecutorScheduler scheduler = new ExecutorScheduler("test");
    private final MeterRegistry meters = new SimpleMeterRegistry();

    TestBackends(StateStore store, EcsSimServer server, Clock clock) {
      this.store = store;
      this.clock = clock;
      this.ecs =
          new SdkEcsGateway(
              EcsClients.create(EcsEndpoint.simulator(server.endpoint()), EcsClients.APP_ID),
              GatewaySettings.defaults(),
              clock,
              Sleeper.system());
    }

    @Override
    public Clock clock() {
      return clock;
    }

    @Override
    public Scheduler scheduler() {
      return scheduler;
    }

    @Override
    public StateStore store() {
      return store;
    }

    @Override
    public EcsGateway ecs() {
      return ecs;
    }

    @Override
    public Notifier notifier() {
      return a -> {};
    }

    @Override
    public MeterRegistry meters() {
      return meters;
    }

    @Override
    public void close() {
      ecs.close();
      scheduler.close();
    }
  }

  /** What Lambda's runtime passes; only the remaining time matters here. */
  private record TestContext(Duration remaining) implements Context {
    @Override
    public String getAwsRequestId() {
      return "test";
    }

    @Override
    public String getLogGroupName() {
      return "test";
    }

    @Override
    public String getLogStreamName() {
      return "test";
    }

    @Override
    public String getFunctionName() {
      return "daybreak-reconcile";
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:ap-northeast-1:123456789012:function:daybreak-reconcile";
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return (int) remaining.toMillis();
    }

    @Override
    public int getMemoryLimitInMB() {
      return 512;
    }

    @Override
    public LambdaLogger getLogger() {
      return null;
    }
  }
}
