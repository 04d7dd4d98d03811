package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.it.Dynalite;
import dev.daybreak.it.DynaliteExtension;
import dev.daybreak.manifests.Manifest;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.Phase;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.model.State;
import dev.daybreak.store.DynamoDbStateStore;
import dev.daybreak.store.LeaseStore;
import dev.daybreak.store.TableLeaseStore;
import dev.daybreak.store.TableSetup;
import dev.daybreak.store.Via;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code daybreak run} as a real process of the CLI jar, against dynalite and the ECS simulator,
 * with a Slack token configured (and an unreachable Slack): it wakes the seed environment, serves
 * {@code /readyz} and {@code /metrics}, writes JSON log lines carrying the environment, generation
 * and pass of each pass, never writes the token, and releases its leases on SIGTERM.
 */
@ExtendWith(DynaliteExtension.class)
class RunProcessIT {

  private static final Path JAR =
      Path.of(System.getProperty("daybreak.cliJar", "../controller/target/daybreak.jar"));
  private static final Path ROOT = Path.of(System.getProperty("daybreak.root", ".."));
  private static final String TOKEN = "xoxb-1111111111-2222222222-RunProcessItSecret";
  private static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)/");
  private static final int SHARDS = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static DynamoDbClient client;
  private static DynamoDbStateStore store;
  private static EcsSimServer sim;
  private static Process process;
  private static int port;
  private static String metrics;
  private static String readyz;
  private static String root;
  private static int exitCode;
  private static String stdout;
  private static String stderr;

  @BeforeAll
  static void runUntilAwake(Dynalite dynalite) throws Exception {
    String table = "daybreak-" + UUID.randomUUID();
    client = dynalite.newClient();
    new TableSetup(client).ensureTable(table);
    store = new DynamoDbStateStore(client, table, Clock.systemUTC());
    Manifest seed = Manifests.load(ROOT.resolve("manifests/examples/seed.yaml")).get(0);
    store.applySpec(seed);
    store.writeDesired(
        "seed",
        DesiredState.of(State.AWAKE, "it", "RunProcessIT", Clock.systemUTC().instant()),
        0,
        Via.CLI);
    EcsSimulator simulator =
        new EcsSimulator(
            SimSettings.builder().startLatency(Latency.fixed(Duration.ofMillis(200))).build(),
            Clock.systemUTC());
    simulator.provision(
        seed.spec().cluster(),
        seed.spec().services().stream().map(ServiceSpec::ecsService).toList());
    sim = EcsSimServer.start(simulator, 0);

    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                JAR.toString(),
                "run",
                "--table",
                table,
                "--dynamodb-endpoint",
                dynalite.endpoint().toString(),
                "--ecs-endpoint",
                sim.endpoint().toString(),
                "--slack-api-url",
                "http://127.0.0.1:9/api/",
                "--http-port",
                "0",
                "--resync",
                "1s",
                "--shards",
                Integer.toString(SHARDS),
                "--replica-id",
                "it-1",
                "--log-format",
                "json",
                "--status-page",
                "off")
            .redirectOutput(dir.resolve("run.out").toFile())
            .redirectError(dir.resolve("run.err").toFile());
    dev.daybreak.iam.RecordingJvm.record(builder);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("DAYBREAK_"));
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put(dev.daybreak.slack.EnvSecretSource.VARIABLE, TOKEN);
    env.put("DAYBREAK_LOG_LEVEL", "TRACE");
    process = builder.start();
    process.getOutputStream().close();

    port =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> servingPort(Files.readString(dir.resolve("run.out"))), Optional::isPresent)
            .orElseThrow();
    readyz =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> get("/readyz"), r -> r.startsWith("200"));
    root = get("/");
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> store.status("seed").map(s -> s.status().phase() == Phase.AWAKE).orElse(false));
    metrics =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> get("/metrics"), m -> m.contains("outcome=\"requeued\""));

    process.destroy();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    exitCode = process.exitValue();
    stdout = Files.readString(dir.resolve("run.out"), StandardCharsets.UTF_8);
    stderr = Files.readString(dir.resolve("run.err"), StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stop() {
    if (process != null) {
      process.destroyForcibly();
    }
    if (sim != null) {
      sim.close();
    }
    if (client != null) {
      client.close();
    }
  }

  private static Optional<Integer> servingPort(String out) {
    Matcher m = SERVING.matcher(out);
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  private static String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  private static List<JsonNode> logLines() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : stderr.split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  @Test
  void statusPageOff_rootIsNotServed_whileTheOtherEndpointsAre() {
    assertThat(root).startsWith("404");
    assertThat(stdout).doesNotContain("status page:");
  }

  @Test
  void readyz_whileHoldingTheShards_is200() {
    assertThat(readyz).startsWith("200 ready: holding shards [0, 1] of 2");
  }

  @Test
  void metrics_countPassesEcsCallsPhasesAndLeases() {
    assertThat(metrics)
        .contains("daybreak_reconcile_duration_seconds_count{outcome=\"requeued\"}")
        .contains("daybreak_ecs_calls_total{operation=\"DescribeServices\",outcome=\"ok\"}")
        .contains("daybreak_ecs_calls_total{operation=\"UpdateService\",outcome=\"ok\"} 5.0")
        .contains("daybreak_environments{phase=\"Awake\"} 1.0")
        .contains("daybreak_leases_held " + SHARDS + ".0")
        .contains("daybreak_wake_duration_seconds_count 1")
        .contains("daybreak_slack_deliveries_total{outcome=\"retried\"}")
        .contains("daybreak_queue_depth");
  }

  @Test
  void logs_areOneJsonObjectPerLine_andEveryLineOfAPassCarriesEnvironmentGenerationAndPass()
      throws IOException {
    List<JsonNode> lines = logLines();
    List<JsonNode> passLines =
        lines.stream()
            .filter(l -> l.path("loggerName").asText().endsWith("EnvironmentReconciler"))
            .toList();

    assertThat(passLines).isNotEmpty();
    assertThat(passLines)
        .allSatisfy(
            l -> {
              assertThat(l.path("mdc").path("environment").asText()).isEqualTo("seed");
              assertThat(l.path("mdc").path("generation").asText()).isEqualTo("1");
              assertThat(l.path("mdc").path("pass").asText()).isNotBlank();
            });
    assertThat(passLines)
        .filteredOn(l -> l.path("level").asText().equals("INFO"))
        .extracting(l -> l.path("formattedMessage").asText())
        .anyMatch(m -> m.startsWith("WAKE_STARTED"))
        .anyMatch(m -> m.startsWith("AWAKE"));
  }

  @Test
  void logs_neverContainTheSlackToken() {
    assertThat(stderr).contains("Slack").doesNotContain(TOKEN).doesNotContain("RunProcessItSecret");
    assertThat(stdout).doesNotContain(TOKEN);
  }

  @Test
  void sigterm_releasesEveryLease_beforeTheProcessEnds() {
    LeaseStore leases = TableLeaseStore.on(store);
    assertThat(exitCode).as("128 + SIGTERM, after the shutdown hook finished").isEqualTo(143);
    assertThat(stderr).contains("released the lease of shard 0 on shutdown");
    for (int shard = 0; shard < SHARDS; shard++) {
      assertThat(leases.read(shard).orElseThrow().owner()).as("shard %d", shard).isEmpty();
    }
  }
}
