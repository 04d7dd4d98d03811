package dev.daybreak.it.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.daybreak.ecs.EcsClients;
import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.ecssim.CallRecord;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.Page;
import dev.daybreak.ecssim.ServiceEventView;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.SimWorlds;
import dev.daybreak.ecssim.TaskView;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.it.Dynalite;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.Phase;
import dev.daybreak.production.ProductionModule;
import dev.daybreak.reconcile.Controller;
import dev.daybreak.reconcile.ControllerSettings;
import dev.daybreak.runtime.Application;
import dev.daybreak.runtime.ControllerModule;
import dev.daybreak.slack.EnvSecretSource;
import dev.daybreak.slack.SlackSettings;
import dev.daybreak.store.DynamoDbClients;
import dev.daybreak.store.DynamoDbStateStore;
import dev.daybreak.store.TableSetup;
import dev.daybreak.time.ScaledClock;
import dev.daybreak.time.ScaledScheduler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The whole stack over real wire protocols, all on 127.0.0.1: a fresh DynamoDB table in dynalite,
 * the ECS simulator served over HTTP, a Slack Web API mock (WireMock), and — when a test asks for
 * it — the controller in this JVM, wired by Guice from {@link ProductionModule} pointed at those
 * three endpoints. Everything runs on the real clock, or — for a test of minute-long ECS behaviour
 * — on one {@link ScaledClock} shared by the simulator, the store and the controller, whose
 * requeues wait on a {@link ScaledScheduler} of the same speed (see {@link #startScaled}).
 */
final class Stack implements AutoCloseable {

  /** The simulator's caller name for the stack's own inspection calls. */
  static final String INSPECTOR = "it-inspector";

  static final String SLACK_TOKEN = "xoxb-e2e-test-token";
  static final String CHANNEL = "C0DEVENVS";
  static final String PARENT_TS = "1700000000.000100";

  final Dynalite dynalite;
  final String table;
  final DynamoDbClient dynamo;
  final DynamoDbStateStore store;
  final EcsSimulator sim;
  final SimWorlds worlds;
  final EcsSimServer ecs;
  final WireMockServer slack;

  /** The one clock of the simulator, the store and the controller. */
  final Clock clock;

  private final double speed;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AutoCloseable> closers = new ArrayList<>();

  private Stack(Dynalite dynalite, SimSettings settings, String table, double speed)
      throws IOException {
    this.dynalite = dynalite;
    this.table = table;
    this.speed = speed;
    this.clock = speed == 1 ? Clock.systemUTC() : ScaledClock.of(Clock.systemUTC(), speed);
    this.dynamo = dynalite.newClient();
    new TableSetup(dynamo).ensureTable(table);
    this.store = new DynamoDbStateStore(dynamo, table, clock);
    this.sim = new EcsSimulator(settings, clock);
    this.worlds = new SimWorlds(sim, clock);
    this.ecs = EcsSimServer.start(worlds, 0);
    this.slack = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    slack.start();
    healthySlack();
  }

  static Stack start(Dynalite dynalite, SimSettings settings) {
    return start(dynalite, settings, "daybreak-" + UUID.randomUUID());
  }

  /** A stack whose table has this name (which must not exist yet in {@code dynalite}). */
  static Stack start(Dynalite dynalite, SimSettings settings, String table) {
    return start(dynalite, settings, table, 1);
  }

  /**
   * A stack whose clock runs {@code speed} times faster than the real one: the simulator's task
   * starts, the store's timestamps and the controller's requeues (the minute-long drift check
   * included) all keep pace, so a scenario of minutes takes seconds and every time a test compares
   * (call log, ECS events, condition transitions) is on the same clock.
   */
  static Stack startScaled(Dynalite dynalite, SimSettings settings, double speed) {
    return start(dynalite, settings, "daybreak-" + UUID.randomUUID(), speed);
  }

  private static Stack start(Dynalite dynalite, SimSettings settings, String table, double speed) {
    try {
      return new Stack(dynalite, settings, table, speed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Slack Web API base of the mock. */
  URI slackApi() {
    return URI.create("http://127.0.0.1:" + slack.port() + "/api/");
  }

  /**
   * Starts the controller in this JVM over the production backends, pointed at the stack; it is
   * stopped when the stack closes. {@code resync} is a period of the stack's clock.
   */
  Controller startController(Duration resync) {
    DynamoDbClient client =
        DynamoDbClients.create(Optional.of(dynalite.endpoint()), Optional.of("us-east-1"));
    Module production =
        new ProductionModule(
            ProductionModule.Config.of(
                new DynamoDbStateStore(client, table, clock),
                client,
                EcsEndpoint.simulator(ecs.endpoint()),
                SlackSettings.builder()
                    .apiUrl(slackApi())
                    .defaultChannel(CHANNEL)
                    .retry(Duration.ofMillis(100), Duration.ofSeconds(1))
                    .httpTimeout(Duration.ofSeconds(5))
                    .drainTimeout(Duration.ofSeconds(1))
                    .build(),
                new EnvSecretSource(Map.of(EnvSecretSource.VARIABLE, SLACK_TOKEN)),
                new SimpleMeterRegistry()));
    Application app =
        Application.create(
            speed == 1
                ? production
                : Modules.override(production).with(new ScaledModule(clock, speed)),
            ControllerModule.alone(
                new ControllerSettings(ScaledScheduler.realDelay(resync, speed), 4)));
    closers.add(app);
    Controller controller = app.controller();
    controller.start();
    return controller;
  }

  /** Applies a manifest (as {@code daybreak apply} does) and creates its services at 0. */
  void apply(String yaml) {
    Manifests.parse("e2e.yaml", yaml)
        .forEach(
            m -> {
              store.applySpec(m);
              sim.provision(
                  m.spec().cluster(),
                  m.spec().services().stream().map(s -> s.ecsService()).toList());
            });
  }

  /**
   * Sets the desired state with a plain DynamoDB UpdateItem, exactly as the README's {@code aws
   * dynamodb update-item} command does: no daybreak code involved.
   */
  Instant rawFlip(String environment, String state) {
    Instant at = clock.instant();
    dynamo.updateItem(
        UpdateItemRequest.builder()
            .tableName(table)
            .key(
                Map.of(
                    "pk", AttributeValue.fromS("env#" + environment),
                    "sk", AttributeValue.fromS("desired")))
            .updateExpression(
                "SET #state = :state, requestedBy = :who, reason = :why, requestedAt = :at")
            .expressionAttributeNames(Map.of("#state", "state"))
            .expressionAttributeValues(
                Map.of(
                    ":state", AttributeValue.fromS(state),
                    ":who", AttributeValue.fromS("alice"),
                    ":why", AttributeValue.fromS("e2e test"),
                    ":at", AttributeValue.fromS(at.toString())))
            .build());
    return at;
  }

  /** The phase the controller last wrote, if it wrote one. */
  Optional<Phase> phase(String environment) {
    return store.status(environment).map(s -> s.status().phase());
  }

  /** UpdateService calls daybreak made in {@code cluster}, oldest first. */
  List<CallRecord> updates(String cluster) {
    return sim.calls().stream()
        .filter(c -> c.op().equals("UpdateService"))
        .filter(c -> c.caller().equals(EcsClients.APP_ID))
        .filter(c -> c.cluster().equals(Optional.of(cluster)))
        .toList();
  }

  /** Every task {@code service} ever had (running and stopped), from the simulator's API. */
  List<TaskView> tasks(String cluster, String service) {
    List<String> arns = new ArrayList<>();
    for (String status : List.of("RUNNING", "STOPPED")) {
      Optional<String> token = Optional.empty();
      do {
        Page page =
            sim.listTasks(
                INSPECTOR,
                Optional.of(cluster),
                Optional.of(service),
                Optional.of(status),
                OptionalInt.of(100),
                token);
        arns.addAll(page.arns());
        token = page.nextToken();
      } while (token.isPresent());
    }
    List<TaskView> out = new ArrayList<>();
    for (int i = 0; i < arns.size(); i += 100) {
      out.addAll(
          sim.describeTasks(
                  INSPECTOR,
                  Optional.of(cluster),
                  arns.subList(i, Math.min(arns.size(), i + 100)),
                  false)
              .items());
    }
    return out;
  }

  /**
   * How many of {@code service}'s tasks were RUNNING at {@code at}, from the tasks' own timeline
   * (startedAt, and stoppingAt once ECS began stopping it).
   */
  int runningAt(String cluster, String service, Instant at) {
    return (int)
        tasks(cluster, service).stream()
            .filter(t -> t.startedAt().isPresent() && !t.startedAt().get().isAfter(at))
            .filter(t -> t.stoppingAt().map(s -> s.isAfter(at)).orElse(true))
            .count();
  }

  /** {@code service}'s events, newest first, as DescribeServices returns them. */
  List<ServiceEventView> events(String cluster, String service) {
    return sim.describeServices(INSPECTOR, Optional.of(cluster), List.of(service), false)
        .items()
        .get(0)
        .events();
  }

  /** The failedTasks of {@code service} as the simulator counts them (all deployments). */
  int failedTasks(String cluster, String service) {
    return sim.services().stream()
        .filter(s -> s.cluster().equals(cluster) && s.service().equals(service))
        .mapToInt(s -> s.failedTasks())
        .sum();
  }

  /** {@code POST /_sim/faults}: replaces the simulator's injected faults, over HTTP. */
  void faults(String json) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(ecs.endpoint().resolve("/_sim/faults"))
                  .POST(HttpRequest.BodyPublishers.ofString(json))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "POST /_sim/faults answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A Slack that answers every call at once with ok. */
  void healthySlack() {
    slack.resetAll();
    stubSlack(okJson(posted(PARENT_TS)), okJson(posted("1700000001.000200")));
  }

  /**
   * A Slack that answers each method's calls in a cycle: HTTP 500, then HTTP 429 with {@code
   * Retry-After: 1}, then ok — so every message needs two retries, one of them rate-limited.
   */
  void flakySlack() {
    slack.resetAll();
    for (String method : List.of("chat.postMessage", "chat.update")) {
      String scenario = "flaky " + method;
      slack.stubFor(
          post(urlEqualTo("/api/" + method))
              .inScenario(scenario)
              .whenScenarioStateIs(Scenario.STARTED)
              .willReturn(aResponse().withStatus(500).withBody("internal error"))
              .willSetStateTo("throttled"));
      slack.stubFor(
          post(urlEqualTo("/api/" + method))
              .inScenario(scenario)
              .whenScenarioStateIs("throttled")
              .willReturn(
                  aResponse()
                      .withStatus(429)
                      .withHeader("Retry-After", "1")
                      .withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
              .willSetStateTo("ok"));
      slack.stubFor(
          post(urlEqualTo("/api/" + method))
              .inScenario(scenario)
              .whenScenarioStateIs("ok")
              .willReturn(okJson(posted(PARENT_TS)))
              .willSetStateTo(Scenario.STARTED));
    }
  }

  private void stubSlack(ResponseDefinitionBuilder topLevel, ResponseDefinitionBuilder reply) {
    slack.stubFor(
        post("/api/chat.postMessage")
            .withRequestBody(notContaining("thread_ts"))
            .willReturn(topLevel));
    slack.stubFor(
        post("/api/chat.postMessage").withRequestBody(containing("thread_ts")).willReturn(reply));
    slack.stubFor(post("/api/chat.update").willReturn(okJson(posted(PARENT_TS))));
  }

  private static String posted(String ts) {
    return "{\"ok\":true,\"channel\":\"" + CHANNEL + "\",\"ts\":\"" + ts + "\"}";
  }

  /** The form fields of each call of a Slack Web API method, oldest first. */
  List<Map<String, String>> slackCalls(String method) {
    List<LoggedRequest> requests = slack.findAll(postRequestedFor(urlEqualTo("/api/" + method)));
    return requests.stream().map(Stack::form).toList();
  }

  /** Top-level messages (not thread replies) posted with chat.postMessage. */
  List<Map<String, String>> topLevelPosts() {
    return slackCalls("chat.postMessage").stream()
        .filter(f -> !f.containsKey("thread_ts"))
        .toList();
  }

  private static Map<String, String> form(LoggedRequest request) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : request.getBodyAsString().split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        fields.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return fields;
  }

  /**
   * Stops the controllers this stack started, as a shutdown does (their Slack outboxes deliver what
   * they hold first); the stack itself stays up, so a test can start a controller again.
   */
  void stopControllers() {
    RuntimeException failure = null;
    for (int i = closers.size() - 1; i >= 0; i--) {
      try {
        closers.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("closing " + closers.get(i) + " failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    closers.clear();
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void close() {
    try {
      stopControllers();
    } finally {
      ecs.close();
      slack.stop();
      dynamo.close();
    }
  }
}
