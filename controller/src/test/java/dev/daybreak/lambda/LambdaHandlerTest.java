package dev.daybreak.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.SlackSignature;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.metrics.CloudWatchMock;
import dev.daybreak.metrics.CloudWatchPublisher;
import dev.daybreak.model.Conditions;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.Phase;
import dev.daybreak.model.State;
import dev.daybreak.reconcile.ClusterAllowlist;
import dev.daybreak.runtime.SimulatorModule;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.Via;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Base64;
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
        access:
          slack:
            users: [U0ALLOWED1]
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

  private static final ObjectMapper JSON = new ObjectMapper();

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
          new LambdaHandler(env -> SimulatorModule.realTime(server, clock, store), Map.of());
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

  @Test
  void scheduledInvocations_reconcileOnlyWhatIsDue_andAFlipMakesItDue() throws Exception {
    Clock clock = Clock.systemUTC();
    EcsSimulator sim =
        new EcsSimulator(
            SimSettings.builder().startLatency(Latency.fixed(Duration.ofMillis(200))).build(),
            clock);
    sim.provision("dev", List.of("a", "b", "c"));
    InMemoryStateStore store = new InMemoryStateStore(clock);
    store.applySpec(Manifests.parse("seed.yaml", SEED).get(0));
    store.writeDesired(
        "seed", DesiredState.of(State.ASLEEP, "test", "test", clock.instant()), 0, Via.CLI);

    try (EcsSimServer server = EcsSimServer.start(sim, 0)) {
      LambdaHandler handler =
          new LambdaHandler(env -> SimulatorModule.realTime(server, clock, store), Map.of());
      JsonNode cold = scheduled(handler);
      double readUnits = store.consumed().readUnits();
      JsonNode warm = scheduled(handler);
      double warmReadUnits = store.consumed().readUnits() - readUnits;
      store.writeDesired(
          "seed", DesiredState.of(State.AWAKE, "test", "test", clock.instant()), 1, Via.CLI);
      JsonNode flipped = scheduled(handler);

      assertThat(cold.path("summary").path("passes").asInt()).isPositive();
      assertThat(cold.path("notDue").asInt()).isZero();
      assertThat(warm.path("summary").path("passes").asInt()).isZero();
      assertThat(warm.path("notDue").asInt()).isEqualTo(1);
      assertThat(warmReadUnits)
          .as("the warm run reads the index only (three small partitions, eventually consistent)")
          .isLessThanOrEqualTo(1.5);
      assertThat(flipped.path("summary").path("passes").asInt())
          .as("the flip made it due: %s", flipped)
          .isPositive();
      assertThat(store.status("seed").orElseThrow().status().phase())
          .as("waking or awake, whatever the budget allowed on a busy machine")
          .isIn(Phase.WAKING, Phase.AWAKE);
    }
  }

  private static JsonNode scheduled(LambdaHandler handler) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(SCHEDULED_EVENT.getBytes(StandardCharsets.UTF_8)),
        out,
        new TestContext(Duration.ofSeconds(60)));
    return JSON.readTree(out.toByteArray());
  }

  @Test
  void scheduledInvocation_environmentOnAClusterNotDeployedFor_isNotScaledAndSaysHowToAddIt()
      throws Exception {
    Clock clock = Clock.systemUTC();
    EcsSimulator sim = new EcsSimulator(SimSettings.builder().build(), clock);
    sim.provision("dev", List.of("a", "b", "c"));
    sim.provision("prod", List.of("a", "b", "c"));
    InMemoryStateStore store = new InMemoryStateStore(clock);
    store.applySpec(
        Manifests.parse("seed.yaml", SEED.replace("cluster: dev", "cluster: prod")).get(0));
    store.writeDesired(
        "seed", DesiredState.of(State.AWAKE, "test", "test", clock.instant()), 0, Via.CLI);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (EcsSimServer server = EcsSimServer.start(sim, 0)) {
      new LambdaHandler(
              env -> SimulatorModule.realTime(server, clock, store),
              Map.of(ClusterAllowlist.VARIABLE, "dev,staging"))
          .handleRequest(
              new ByteArrayInputStream(SCHEDULED_EVENT.getBytes(StandardCharsets.UTF_8)),
              out,
              new TestContext(Duration.ofSeconds(60)));
    }

    assertThat(sim.calls()).noneMatch(call -> call.op().equals("UpdateService"));
    var status = store.status("seed").orElseThrow().status();
    assertThat(status.phase()).isEqualTo(Phase.DEGRADED);
    assertThat(status.condition(Conditions.DEGRADED).orElseThrow().message())
        .contains("'prod'", "allowed: dev,staging", "-c clusters=dev,staging,prod");
  }

  @Test
  void scheduledInvocation_withANamespace_publishesTheDegradedCountBeforeReturning()
      throws Exception {
    Clock clock = Clock.systemUTC();
    EcsSimulator sim = new EcsSimulator(SimSettings.builder().build(), clock);
    InMemoryStateStore store = new InMemoryStateStore(clock);
    store.applySpec(
        Manifests.parse("seed.yaml", SEED.replace("cluster: dev", "cluster: prod")).get(0));
    store.writeDesired(
        "seed", DesiredState.of(State.AWAKE, "test", "test", clock.instant()), 0, Via.CLI);

    try (CloudWatchMock cloudWatch = new CloudWatchMock();
        EcsSimServer server = EcsSimServer.start(sim, 0)) {
      new LambdaHandler(
              env -> SimulatorModule.realTime(server, clock, store),
              Map.of(
                  ClusterAllowlist.VARIABLE, "dev",
                  CloudWatchPublisher.NAMESPACE_VARIABLE, "Daybreak",
                  CloudWatchPublisher.ENDPOINT_VARIABLE, cloudWatch.endpoint().toString()))
          .handleRequest(
              new ByteArrayInputStream(SCHEDULED_EVENT.getBytes(StandardCharsets.UTF_8)),
              new ByteArrayOutputStream(),
              new TestContext(Duration.ofSeconds(60)));

      // No waiting: the datapoint was sent before the handler returned.
      assertThat(cloudWatch.putMetricData())
          .singleElement()
          .satisfies(
              request -> {
                assertThat(request.path("Namespace").asText()).isEqualTo("Daybreak");
                JsonNode datum = request.path("MetricData").get(0);
                assertThat(datum.path("MetricName").asText()).isEqualTo("DegradedEnvironments");
                assertThat(datum.path("Value").asDouble()).isEqualTo(1.0);
                assertThat(datum.has("Dimensions")).isFalse();
              });
    }
  }

  @Test
  void functionUrlRequest_signedWakeCommand_isAnsweredAndWritesTheDesiredState() throws Exception {
    Clock clock = Clock.systemUTC();
    InMemoryStateStore store = new InMemoryStateStore(clock);
    store.applySpec(Manifests.parse("seed.yaml", SEED).get(0));
    EcsSimulator sim = new EcsSimulator(SimSettings.builder().build(), clock);
    String secret = "8f742231b10e8888abcd99yyyzzz85a5";
    String body =
        "command=%2Fdaybreak&text=wake+seed+for+2h&user_id=U0ALLOWED1&user_name=alice"
            + "&channel_id=C0CHANNEL1&team_id=T0TEAM0001&trigger_id=1.2.3"
            + "&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fresponse";
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    String signature = new SlackSignature.Generator(secret).generate(timestamp, body);
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("rawPath", "/slack/events");
    event.put("rawQueryString", "");
    event
        .putObject("headers")
        .put("content-type", "application/x-www-form-urlencoded")
        .put("x-slack-request-timestamp", timestamp)
        .put("x-slack-signature", signature);
    event
        .putObject("requestContext")
        .putObject("http")
        .put("method", "POST")
        .put("sourceIp", "127.0.0.1");
    event.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
    event.put("isBase64Encoded", true);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (EcsSimServer server = EcsSimServer.start(sim, 0)) {
      new LambdaHandler(
              env -> SimulatorModule.realTime(server, clock, store),
              Map.of("SLACK_SIGNING_SECRET", secret))
          .handleRequest(
              new ByteArrayInputStream(JSON.writeValueAsBytes(event)),
              out,
              new TestContext(Duration.ofSeconds(60)));
    }

    JsonNode response = JSON.readTree(out.toByteArray());
    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    assertThat(store.desired("seed"))
        .isInstanceOfSatisfying(
            DesiredRead.Valid.class,
            v -> {
              assertThat(v.stored().desired().state()).isEqualTo(State.AWAKE);
              assertThat(v.stored().desired().requestedBy()).contains("U0ALLOWED1");
            });
  }

  @Test
  void functionUrlRequest_wake_isDoneWhenTheHandlerReturnsAndTheReplyIsTheResponse()
      throws Exception {
    Clock clock = Clock.systemUTC();
    InMemoryStateStore store = new InMemoryStateStore(clock);
    store.applySpec(Manifests.parse("seed.yaml", SEED).get(0));
    String secret = "8f742231b10e8888abcd99yyyzzz85a5";
    ObjectNode event = signedSlashCommand(secret, "wake seed for 2h", clock);

    JsonNode response;
    try (EcsSimServer server =
        EcsSimServer.start(new EcsSimulator(SimSettings.builder().build(), clock), 0)) {
      response = invoke(handler(store, server, clock, secret), event);
      // Read at once, with no wait: nothing is left running after the handler returns.
      assertThat(store.desired("seed"))
          .isInstanceOfSatisfying(
              DesiredRead.Valid.class,
              v -> assertThat(v.stored().desired().state()).isEqualTo(State.AWAKE));
    }

    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    JsonNode reply = JSON.readTree(response.path("body").asText());
    assertThat(reply.path("response_type").asText()).isEqualTo("in_channel");
    assertThat(reply.path("text").asText()).contains("seed").doesNotContain("on it");
  }

  @Test
  void functionUrlRequest_wakeOnAClusterOutsideTheFunctionsAllowlist_isRefusedAndWritesNothing()
      throws Exception {
    Clock clock = Clock.systemUTC();
    InMemoryStateStore store = new InMemoryStateStore(clock);
    store.applySpec(Manifests.parse("seed.yaml", SEED).get(0));
    String secret = "8f742231b10e8888abcd99yyyzzz85a5";
    ObjectNode event = signedSlashCommand(secret, "wake seed for 2h", clock);

    JsonNode response;
    try (EcsSimServer server =
        EcsSimServer.start(new EcsSimulator(SimSettings.builder().build(), clock), 0)) {
      response =
          invoke(
              new LambdaHandler(
                  env -> SimulatorModule.realTime(server, clock, store),
                  Map.of(
                      "SLACK_SIGNING_SECRET", secret, ClusterAllowlist.VARIABLE, "staging,prod")),
              event);
    }

    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    JsonNode reply = JSON.readTree(response.path("body").asText());
    assertThat(reply.path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(reply.path("text").asText())
        .contains("`seed`: ECS cluster 'dev' is not one this controller may act on")
        .contains("(allowed: prod,staging), so nothing was written")
        .contains("-c clusters=prod,staging,dev");
    assertThat(store.desired("seed")).isInstanceOf(DesiredRead.Absent.class);
  }

  @Test
  void functionUrlRequest_readsTheDefaultAllowlistAndZoneFromTheFunctionsEnvironment()
      throws Exception {
    Clock clock = Clock.systemUTC();
    InMemoryStateStore store = new InMemoryStateStore(clock);
    store.applySpec(
        Manifests.parse(
                "seed.yaml", SEED.replace("  access:\n    slack:\n      users: [U0ALLOWED1]\n", ""))
            .get(0));
    String secret = "8f742231b10e8888abcd99yyyzzz85a5";
    ZoneId kiritimati = ZoneId.of("Pacific/Kiritimati");
    LocalTime until =
        LocalTime.now(clock.withZone(kiritimati))
            .plusHours(1)
            .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    ObjectNode event = signedSlashCommand(secret, "wake seed until " + until, clock);

    JsonNode response;
    try (EcsSimServer server =
        EcsSimServer.start(new EcsSimulator(SimSettings.builder().build(), clock), 0)) {
      response =
          invoke(
              new LambdaHandler(
                  env -> SimulatorModule.realTime(server, clock, store),
                  Map.of(
                      "SLACK_SIGNING_SECRET",
                      secret,
                      "DAYBREAK_SLACK_ALLOW_USERS",
                      "U0OTHER,U0ALLOWED1",
                      "DAYBREAK_ZONE",
                      "Pacific/Kiritimati")),
              event);
    }

    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    assertThat(store.desired("seed"))
        .as("%s", response.path("body").asText())
        .isInstanceOf(DesiredRead.Valid.class);
    DesiredState desired = ((DesiredRead.Valid) store.desired("seed")).stored().desired();
    assertThat(desired.state()).isEqualTo(State.AWAKE);
    assertThat(desired.until().orElseThrow().atZone(kiritimati).toLocalTime())
        .as("the time read in DAYBREAK_ZONE, not UTC")
        .isEqualTo(until);
  }

  @Test
  void functionUrlRequest_replayedToAnotherHandlerInstanceSharingTheStore_is401() throws Exception {
    Clock clock = Clock.systemUTC();
    InMemoryStateStore store = new InMemoryStateStore(clock);
    store.applySpec(Manifests.parse("seed.yaml", SEED).get(0));
    String secret = "8f742231b10e8888abcd99yyyzzz85a5";
    ObjectNode wake = signedSlashCommand(secret, "wake seed for 2h", clock);

    try (EcsSimServer server =
        EcsSimServer.start(new EcsSimulator(SimSettings.builder().build(), clock), 0)) {
      assertThat(invoke(handler(store, server, clock, secret), wake).path("statusCode").asInt())
          .isEqualTo(200);
      store.writeDesired(
          "seed",
          DesiredState.of(State.ASLEEP, "bob", "evening", clock.instant()),
          ((DesiredRead.Valid) store.desired("seed")).stored().version(),
          Via.CLI);

      JsonNode replayed = invoke(handler(store, server, clock, secret), wake);

      assertThat(replayed.path("statusCode").asInt()).isEqualTo(401);
    }
    assertThat(((DesiredRead.Valid) store.desired("seed")).stored().desired().state())
        .as("the replayed wake did not undo the later sleep")
        .isEqualTo(State.ASLEEP);
  }

  private static LambdaHandler handler(
      StateStore store, EcsSimServer server, Clock clock, String secret) {
    return new LambdaHandler(
        env -> SimulatorModule.realTime(server, clock, store),
        Map.of("SLACK_SIGNING_SECRET", secret));
  }

  private static JsonNode invoke(LambdaHandler handler, ObjectNode event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(JSON.writeValueAsBytes(event)),
        out,
        new TestContext(Duration.ofSeconds(60)));
    return JSON.readTree(out.toByteArray());
  }

  /** A Function URL event (payload 2.0) of a slash command, signed as Slack signs it. */
  private static ObjectNode signedSlashCommand(String secret, String text, Clock clock) {
    String body =
        "command=%2Fdaybreak&text="
            + java.net.URLEncoder.encode(text, StandardCharsets.UTF_8)
            + "&user_id=U0ALLOWED1&user_name=alice"
            + "&channel_id=C0CHANNEL1&team_id=T0TEAM0001&trigger_id=1.2.3"
            + "&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fresponse";
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("rawPath", "/slack/events");
    event.put("rawQueryString", "");
    event
        .putObject("headers")
        .put("content-type", "application/x-www-form-urlencoded")
        .put("x-slack-request-timestamp", timestamp)
        .put("x-slack-signature", new SlackSignature.Generator(secret).generate(timestamp, body));
    event
        .putObject("requestContext")
        .putObject("http")
        .put("method", "POST")
        .put("sourceIp", "127.0.0.1");
    event.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
    event.put("isBase64Encoded", true);
    return event;
  }

  @Test
  void functionUrlRequest_badSignature_is401AndWritesNothing() throws Exception {
    Clock clock = Clock.systemUTC();
    InMemoryStateStore store = new InMemoryStateStore(clock);
    store.applySpec(Manifests.parse("seed.yaml", SEED).get(0));
    ObjectNode event = JSON.createObjectNode();
    event.put("rawPath", "/slack/events");
    event
        .putObject("headers")
        .put("x-slack-request-timestamp", Long.toString(clock.instant().getEpochSecond()))
        .put("x-slack-signature", "v0=forged");
    event.putObject("requestContext").putObject("http").put("method", "POST");
    event.put("body", "command=%2Fdaybreak&text=wake+seed&user_id=U0ALLOWED1");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EcsSimulator sim = new EcsSimulator(SimSettings.builder().build(), clock);
    try (EcsSimServer server = EcsSimServer.start(sim, 0)) {
      new LambdaHandler(
              env -> SimulatorModule.realTime(server, clock, store),
              Map.of("SLACK_SIGNING_SECRET", "the-real-secret"))
          .handleRequest(
              new ByteArrayInputStream(JSON.writeValueAsBytes(event)),
              out,
              new TestContext(Duration.ofSeconds(60)));
    }

    assertThat(JSON.readTree(out.toByteArray()).path("statusCode").asInt()).isEqualTo(401);
    assertThat(store.desired("seed")).isInstanceOf(DesiredRead.Absent.class);
  }

  /** What Lambda's runtime passes; only the remaining time matters here. */
  record TestContext(Duration remaining) implements Context {
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

  /** A GET through a Function URL; {@code iam} adds what Lambda adds for an AWS_IAM URL. */
  private static ObjectNode get(String path, boolean iam) {
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("rawPath", path);
    event.put("rawQueryString", "");
    event.putObject("headers").put("accept", "text/html");
    ObjectNode context = event.putObject("requestContext");
    context.putObject("http").put("method", "GET").put("sourceIp", "127.0.0.1");
    if (iam) {
      context
          .putObject("authorizer")
          .putObject("iam")
          .put("accessKey", "AKIAEXAMPLE")
          .put("accountId", "123456789012")
          .put("callerId", "AIDAEXAMPLE")
          .put("userArn", "arn:aws:iam::123456789012:user/alice");
    }
    return event;
  }

  private static JsonNode page(ObjectNode event, Map<String, String> environment) throws Exception {
    Clock clock = Clock.systemUTC();
    InMemoryStateStore store = new InMemoryStateStore(clock);
    store.applySpec(Manifests.parse("seed.yaml", SEED).get(0));
    EcsSimulator sim = new EcsSimulator(SimSettings.builder().build(), clock);
    sim.provision("dev", List.of("a", "b", "c"));
    try (EcsSimServer server = EcsSimServer.start(sim, 0)) {
      return invoke(
          new LambdaHandler(env -> SimulatorModule.realTime(server, clock, store), environment),
          event);
    }
  }

  @Test
  void functionUrlRequest_throughTheIamUrl_rendersTheStatusPageWithoutLiveUpdates()
      throws Exception {
    JsonNode fleet = page(get("/", true), Map.of("DAYBREAK_STATUS_PAGE", "on"));
    JsonNode env = page(get("/env/seed", true), Map.of("DAYBREAK_STATUS_PAGE", "on"));

    assertThat(fleet.path("statusCode").asInt()).isEqualTo(200);
    assertThat(fleet.path("headers").path("Content-Security-Policy").asText())
        .contains("script-src 'self'");
    assertThat(fleet.path("body").asText())
        .contains("data-env=\"seed\"")
        .doesNotContain("<script")
        .contains("Reload the page");
    assertThat(env.path("statusCode").asInt()).isEqualTo(200);
    assertThat(env.path("body").asText()).contains("data-service=\"b\" data-tier=\"2\"");
  }

  @Test
  void functionUrlRequest_throughTheSlackUrl_neverRendersTheStatusPage() throws Exception {
    Map<String, String> environment =
        Map.of("DAYBREAK_STATUS_PAGE", "on", "SLACK_SIGNING_SECRET", "the-real-secret");
    for (String path : List.of("/", "/env/seed", "/assets/status.css")) {
      JsonNode response = page(get(path, false), environment);
      assertThat(response.path("statusCode").asInt()).as(path).isNotEqualTo(200);
      assertThat(response.path("body").asText())
          .as(path)
          .doesNotContain("seed")
          .doesNotContain("<html");
    }
  }

  @Test
  void functionUrlRequest_throughAnIamUrl_withTheStatusPageOff_is404() throws Exception {
    JsonNode response = page(get("/", true), Map.of());

    assertThat(response.path("statusCode").asInt()).isEqualTo(404);
    assertThat(response.path("body").asText())
        .contains("DAYBREAK_STATUS_PAGE")
        .doesNotContain("seed");
  }
}
