package dev.daybreak.deploy;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.iam.LambdaRuntime;
import dev.daybreak.iam.PolicyEvaluator;
import dev.daybreak.iam.RecordingJvm;
import dev.daybreak.iam.SecretsManagerStandIn;
import dev.daybreak.iam.SynthesizedStack;
import dev.daybreak.it.Dynalite;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.metrics.CloudWatchMock;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.Phase;
import dev.daybreak.model.State;
import dev.daybreak.store.DynamoDbStateStore;
import dev.daybreak.store.StoredDesired;
import dev.daybreak.store.TableSetup;
import dev.daybreak.store.Via;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Both deployed modes started as deploy/ starts them: the scheduled Lambda function (its handler,
 * timeout, memory and environment) and the Fargate task's container (its command and environment),
 * read from the templates deploy/'s tests synthesize into {@code deploy/target/cdk.out}, not
 * retyped. The only additions are what the platform provides (Lambda's and ECS's own variables, the
 * role's credentials) and endpoint overrides: the AWS SDK's standard {@code
 * AWS_ENDPOINT_URL_<SERVICE>} for dynalite, the ECS simulator, the Secrets Manager stand-in on the
 * simulator's port (which answers with the role's synthesized policy) and a CloudWatch mock, and
 * {@value #SLACK_API_URL} for a Slack Web API mock. Two values are changed: the task's {@code
 * DAYBREAK_HTTP_PORT} is a free port here (a task has a network namespace of its own), and {@code
 * DAYBREAK_CALENDARS}, a path the platform fills (the Lambda layer's {@code /opt}, the image's
 * directory), is the calendars directory deploy/'s tests gave.
 */
class DeployedModesIT {

  /** The setting for {@code --slack-api-url} (issue 16: every flag has an environment variable). */
  static final String SLACK_API_URL = "DAYBREAK_SLACK_API_URL";

  private static final String HTTP_PORT = "DAYBREAK_HTTP_PORT";
  private static final String CALENDARS = "DAYBREAK_CALENDARS";

  private static final Path CDK_OUT =
      Path.of(System.getProperty("daybreak.cdkOut", "../deploy/target/cdk.out"));
  private static final Path JAR =
      Path.of(System.getProperty("daybreak.cliJar", "../controller/target/daybreak.jar"));
  private static final Path SEED =
      Path.of(System.getProperty("daybreak.root", ".."), "manifests/examples/seed.yaml");
  private static final String REGION = "eu-west-1";
  private static final String ACCOUNT = "123456789012";
  private static final String NOT_CONFIGURED = "notifications go to the log only";

  @TempDir Path dir;

  private final List<AutoCloseable> closers = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Process process : processes) {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
    for (int i = closers.size() - 1; i >= 0; i--) {
      closers.get(i).close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"serverless", "service"})
  void deployedMode_slackSecretsEmpty_wakesAndSleepsTheSeedAndLogsSlackIsNotConfigured(String mode)
      throws Exception {
    World world = world(mode);

    world.request(State.AWAKE);
    world.awaitPhase(Phase.AWAKE);
    assertThat(world.sim.services())
        .allSatisfy(s -> assertThat(s.runningCount()).isEqualTo(s.desiredCount()).isPositive());
    world.request(State.ASLEEP);
    world.awaitPhase(Phase.ASLEEP);

    assertThat(world.sim.services()).allSatisfy(s -> assertThat(s.desiredCount()).isZero());
    assertThat(world.log()).contains(NOT_CONFIGURED);
    assertThat(world.slack.getAllServeEvents()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"serverless", "service"})
  void deployedMode_slackSecretsFilled_announcesInTheDefaultChannel(String mode) throws Exception {
    World world = world(mode);
    world.secrets.putValue(world.stack.ref("SlackBotToken"), "xoxb-deployed-modes");
    world.secrets.putValue(world.stack.ref("SlackSigningSecret"), "deployed-modes-signing");
    String channel = world.environment.get("DAYBREAK_SLACK_CHANNEL");
    assertThat(channel).as("the stack's DAYBREAK_SLACK_CHANNEL").isNotBlank();

    world.request(State.AWAKE);
    world.awaitPhase(Phase.AWAKE);

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                world.slack.verify(
                    postRequestedFor(urlEqualTo("/api/chat.postMessage"))
                        .withRequestBody(
                            containing(
                                java.net.URLEncoder.encode(channel, StandardCharsets.UTF_8)))));
    assertThat(world.log()).doesNotContain(NOT_CONFIGURED);
  }

  /** The stand-ins, the seed environment asleep in the table and the simulator, and the mode. */
  private World world(String mode) throws Exception {
    SynthesizedStack stack = SynthesizedStack.read(CDK_OUT, mode, REGION, ACCOUNT);
    boolean serverless = mode.equals("serverless");
    String role = stack.role(serverless ? "ReconcileRole" : "TaskTaskRole");
    var policy = stack.policyOf(role);

    Dynalite dynalite = Dynalite.start();
    closers.add(dynalite);
    EcsSimulator sim =
        new EcsSimulator(
            SimSettings.builder()
                .region(REGION)
                .accountId(ACCOUNT)
                .startLatency(Latency.fixed(Duration.ofMillis(300)))
                .stopLatency(Latency.fixed(Duration.ofMillis(100)))
                .build(),
            Clock.systemUTC());
    EcsSimServer ecs = EcsSimServer.start(sim, 0);
    closers.add(ecs);
    SecretsManagerStandIn secrets =
        new SecretsManagerStandIn(
            call -> PolicyEvaluator.evaluate(policy, call),
            "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/daybreak");
    stack
        .resourcesOfType("AWS::SecretsManager::Secret")
        .forEach(id -> secrets.createEmpty(stack.ref(id)));
    ecs.route(SecretsManagerStandIn.TARGET_PREFIX, secrets);
    CloudWatchMock cloudWatch = new CloudWatchMock();
    closers.add(cloudWatch);
    WireMockServer slack = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    slack.start();
    closers.add(slack::stop);
    slack.stubFor(post("/api/chat.postMessage").willReturn(okJson("{\"ok\":true,\"ts\":\"1.1\"}")));
    slack.stubFor(post("/api/chat.update").willReturn(okJson("{\"ok\":true,\"ts\":\"1.1\"}")));

    Map<String, String> environment =
        stack.environments().entrySet().stream()
            .filter(
                e ->
                    serverless
                        ? e.getKey().startsWith("Reconcile")
                        : e.getKey().endsWith("/controller"))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElseThrow();
    DynamoDbClient client = dynalite.newClient();
    closers.add(client);
    new TableSetup(client).ensureTable(environment.get("DAYBREAK_TABLE"));
    DynamoDbStateStore store =
        new DynamoDbStateStore(client, environment.get("DAYBREAK_TABLE"), Clock.systemUTC());
    var seed = Manifests.parse(SEED.toString(), Files.readString(SEED)).get(0);
    store.applySpec(seed);
    sim.provision(
        seed.spec().cluster(), seed.spec().services().stream().map(s -> s.name()).toList());

    Map<String, String> platform = new java.util.LinkedHashMap<>();
    // What the platform gives the process: its region and the role's (here placeholder)
    // credentials; Lambda's defined runtime variables or ECS's.
    platform.put("AWS_REGION", REGION);
    platform.put("AWS_DEFAULT_REGION", REGION);
    platform.put("AWS_ACCESS_KEY_ID", "ASIADEPLOYEDMODES");
    platform.put("AWS_SECRET_ACCESS_KEY", "deployed-modes");
    platform.put("AWS_SESSION_TOKEN", "deployed-modes");
    platform.put("AWS_EC2_METADATA_DISABLED", "true");
    // Endpoint overrides only.
    platform.put("AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString());
    platform.put("AWS_ENDPOINT_URL_ECS", ecs.endpoint().toString());
    platform.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", ecs.endpoint().toString());
    // The simulator also serves target health and Application Auto Scaling on its one port.
    platform.put("AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2", ecs.endpoint().toString());
    platform.put("AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING", ecs.endpoint().toString());
    // And STS's AssumeRole, for environments in other accounts (spec.aws.roleArn).
    platform.put("AWS_ENDPOINT_URL_STS", ecs.endpoint().toString());
    platform.put("AWS_ENDPOINT_URL_CLOUDWATCH", cloudWatch.endpoint().toString());
    platform.put(SLACK_API_URL, "http://127.0.0.1:" + slack.port() + "/api/");
    World world =
        new World(
            stack,
            mode,
            environment,
            platform,
            store,
            sim,
            secrets,
            slack,
            dir.resolve(mode + ".log"));
    if (!serverless) {
      world.startTask();
    }
    return world;
  }

  private final class World {
    final SynthesizedStack stack;
    final String mode;
    final Map<String, String> environment;
    final Map<String, String> platform;
    final DynamoDbStateStore store;
    final EcsSimulator sim;
    final SecretsManagerStandIn secrets;
    final WireMockServer slack;
    final Path log;
    private long version;

    World(
        SynthesizedStack stack,
        String mode,
        Map<String, String> environment,
        Map<String, String> platform,
        DynamoDbStateStore store,
        EcsSimulator sim,
        SecretsManagerStandIn secrets,
        WireMockServer slack,
        Path log) {
      this.stack = stack;
      this.mode = mode;
      this.environment = environment;
      this.platform = platform;
      this.store = store;
      this.sim = sim;
      this.secrets = secrets;
      this.slack = slack;
      this.log = log;
    }

    /** What {@code daybreak wake seed} / {@code sleep seed} writes. */
    void request(State state) {
      StoredDesired written =
          store.writeDesired(
              "seed",
              DesiredState.of(state, "it", "DeployedModesIT", Clock.systemUTC().instant()),
              version,
              Via.CLI);
      version = written.version();
    }

    /**
     * Waits for the phase; the scheduled function is invoked as EventBridge would, again and again.
     */
    void awaitPhase(Phase phase) {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                if (mode.equals("serverless")) {
                  invokeScheduled();
                }
                return store.status("seed").map(s -> s.status().phase() == phase).orElse(false);
              });
    }

    String log() throws IOException {
      return Files.isRegularFile(log) ? Files.readString(log) : "";
    }

    private ProcessBuilder process(List<String> command) {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      Map<String, String> env = builder.environment();
      env.keySet()
          .removeIf(
              k -> k.startsWith("AWS_") || k.startsWith("DAYBREAK_") || k.startsWith("SLACK_"));
      env.putAll(environment);
      env.putAll(platform);
      if (environment.containsKey(CALENDARS)) {
        // Where the platform puts the stack's calendars (the Lambda layer under /opt, the image's
        // /etc/daybreak/calendars) holds the directory deploy/'s tests gave as -c calendars.
        env.put(CALENDARS, CDK_OUT.resolveSibling("calendars").toAbsolutePath().toString());
      }
      return builder;
    }

    void startTask() throws IOException {
      JsonNode container = containerDefinition();
      List<String> command = new ArrayList<>(RecordingJvm.command(java(), JAR));
      List<String> args = new ArrayList<>();
      container.path("Command").forEach(a -> args.add(a.asText()));
      command.addAll(args);
      ProcessBuilder builder = process(command);
      assertThat(environment)
          .as("the task's environment sets its health check port")
          .containsKey(HTTP_PORT);
      builder.environment().put(HTTP_PORT, Integer.toString(freePort()));
      builder.environment().put("ECS_CONTAINER_METADATA_URI_V4", "http://127.0.0.1:9/v4");
      Process process = builder.start();
      process.getOutputStream().close();
      processes.add(process);
    }

    private void invokeScheduled() throws IOException, InterruptedException {
      String function =
          stack.resourcesOfType("AWS::Lambda::Function").stream()
              .filter(id -> id.startsWith("Reconcile"))
              .findFirst()
              .orElseThrow();
      JsonNode properties = stack.properties(function);
      Path event = dir.resolve("event.json");
      Files.writeString(
          event,
          "{\"version\":\"0\",\"id\":\"e\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\","
              + "\"account\":\""
              + ACCOUNT
              + "\",\"region\":\""
              + REGION
              + "\",\"detail\":{}}");
      // The function's own code: the asset deploy/ packaged beside the template (the controller's
      // daybreak-lambda.jar, which has no ECS simulator), not the CLI's jar.
      Path code =
          CDK_OUT.resolve(mode).resolve("asset." + properties.path("Code").path("S3Key").asText());
      assertThat(code).as("the function's code asset in cdk.out").isRegularFile();
      List<String> command = new ArrayList<>(RecordingJvm.command(java(), code));
      // The runtime stand-in instead of daybreak's main class: same classpath.
      command.set(command.size() - 1, LambdaRuntime.class.getName());
      command.addAll(
          List.of(
              properties.path("Handler").asText(),
              properties.path("Timeout").asText(),
              properties.path("MemorySize").asText(),
              event.toString(),
              dir.resolve("result.json").toString()));
      ProcessBuilder builder = process(command);
      builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", function);
      builder
          .environment()
          .put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", properties.path("MemorySize").asText());
      Files.writeString(
          log, "--- invocation\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      Process process = builder.start();
      process.getOutputStream().close();
      assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the invocation ends").isTrue();
      assertThat(process.exitValue())
          .as("the invocation's exit code; its log:%n%s", log())
          .isZero();
    }

    private JsonNode containerDefinition() {
      String task = stack.resourcesOfType("AWS::ECS::TaskDefinition").get(0);
      return stack.properties(task).path("ContainerDefinitions").get(0);
    }
  }

  private static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
