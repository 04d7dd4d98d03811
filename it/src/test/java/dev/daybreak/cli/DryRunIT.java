package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.daybreak.ecs.EcsClients;
import dev.daybreak.ecssim.CallRecord;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.it.Dynalite;
import dev.daybreak.it.DynaliteExtension;
import dev.daybreak.manifests.Manifest;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.store.TableSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 17's dry run over real wire protocols: dynalite for the store and the ECS simulator over
 * HTTP. {@code daybreak plan} and {@code reconcile --once --dry-run} run in-process through the
 * CLI; {@code daybreak run --dry-run} runs as a process of the CLI jar. Each test snapshots every
 * item of the table (attributes and versions, audit entries included) and the simulator's call log
 * before, and finds both unchanged after but for DescribeServices.
 */
@ExtendWith(DynaliteExtension.class)
class DryRunIT {

  private static final Path JAR =
      Path.of(System.getProperty("daybreak.cliJar", "../controller/target/daybreak.jar"));
  private static final Path ROOT = Path.of(System.getProperty("daybreak.root", ".."));
  private static final Path SEED = ROOT.resolve("manifests/examples/seed.yaml");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final Cli cli = new Cli();
  private Dynalite dynalite;
  private DynamoDbClient client;
  private String table;
  private EcsSimulator simulator;
  private EcsSimServer sim;
  private Process process;

  @BeforeEach
  void start(Dynalite server) throws IOException {
    dynalite = server;
    client = server.newClient();
    table = "daybreak-" + UUID.randomUUID();
    new TableSetup(client).ensureTable(table);
    Manifest seed = Manifests.load(SEED).get(0);
    simulator =
        new EcsSimulator(
            SimSettings.builder()
                .seed(17)
                .startLatency(Latency.fixed(Duration.ofMillis(200)))
                .require("b", "a")
                .build(),
            Clock.systemUTC());
    simulator.provision(
        seed.spec().cluster(),
        seed.spec().services().stream().map(ServiceSpec::ecsService).toList());
    sim = EcsSimServer.start(simulator, 0);
    assertThat(daybreak("apply", "-f", SEED.toString()).exitCode()).isZero();
  }

  @AfterEach
  void stop() {
    if (process != null) {
      process.destroyForcibly();
    }
    sim.close();
    client.close();
  }

  private Cli.Result daybreak(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--table",
            table,
            "--dynamodb-endpoint",
            dynalite.endpoint().toString(),
            "--region",
            "us-east-1"));
    return cli.run(all.toArray(String[]::new));
  }

  /** Every item of the table, every attribute, in key order. */
  private List<Map<String, AttributeValue>> items() {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    client.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(items::add);
    items.sort(
        Comparator.comparing((Map<String, AttributeValue> i) -> i.get("pk").s())
            .thenComparing(i -> i.get("sk").s()));
    return items;
  }

  /** The simulator's calls that are not DescribeServices (every write is one of them). */
  /** The reads a dry run makes: ECS's services and Application Auto Scaling's targets. */
  private static final List<String> READS = List.of("DescribeServices", "DescribeScalableTargets");

  private List<CallRecord> nonReads() {
    return simulator.calls().stream().filter(c -> !READS.contains(c.op())).toList();
  }

  private void someoneScales(String service, int count) {
    simulator.updateService(
        "someone-else",
        Optional.of("dev"),
        service,
        OptionalInt.of(count),
        Optional.empty(),
        false);
  }

  @Test
  void plan_onTheSeed_printsTheTiersAndTheFirstTiersCall_andWritesNothing() throws IOException {
    assertThat(daybreak("wake", "seed", "--reason", "try the plan").exitCode()).isZero();
    List<Map<String, AttributeValue>> before = items();
    List<CallRecord> writesBefore = nonReads();

    Cli.Result text = daybreak("plan", "seed", "--ecs-endpoint", sim.endpoint().toString());
    Cli.Result json =
        daybreak("plan", "seed", "--ecs-endpoint", sim.endpoint().toString(), "-o", "json");

    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out())
        .contains("desired: AWAKE (the desired item, set by tester (\"try the plan\"))\n")
        .contains("tiers:   0: a | 1: b | 2: c, d, e\n")
        .contains(
            "  UpdateService cluster dev service a desiredCount 1 (tier 0): it depends on nothing;"
                + " b wait(s) for it\n")
        .contains("then: tier 1 (b) once tier 0 is ready; tier 2 (c, d, e) once tier 1 is ready");
    JsonNode tree = JSON.readTree(json.out());
    assertThat(tree.path("calls")).hasSize(1);
    assertThat(tree.path("calls").get(0).path("ecsService").asText()).isEqualTo("a");
    assertThat(tree.path("tiers").toString()).isEqualTo("[[\"a\"],[\"b\"],[\"c\",\"d\",\"e\"]]");
    assertThat(items()).as("every item, attribute and version").isEqualTo(before);
    assertThat(nonReads()).as("calls other than reads").isEqualTo(writesBefore);
    assertThat(simulator.calls()).anyMatch(c -> c.op().equals("DescribeServices"));
  }

  @Test
  void reconcileOnceDryRun_announcesTheFirstCall_andWritesNothing() {
    assertThat(daybreak("wake", "seed").exitCode()).isZero();
    List<Map<String, AttributeValue>> before = items();

    Cli.Result result =
        daybreak("reconcile", "--once", "--dry-run", "--ecs-endpoint", sim.endpoint().toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("[seed] would scale a to 1: it depends on nothing (dry run: not done")
        .contains("seed: Waking (tier 0)");
    assertThat(items()).isEqualTo(before);
    assertThat(nonReads()).isEmpty();
  }

  @Test
  void runDryRun_overAFullWake_makesNoUpdateService_andAnnouncesEachCallOnce() throws Exception {
    assertThat(daybreak("wake", "seed").exitCode()).isZero();
    List<Map<String, AttributeValue>> before = items();
    Path out = dir.resolve("run.out");
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                JAR.toString(),
                "run",
                "--dry-run",
                "--table",
                table,
                "--dynamodb-endpoint",
                dynalite.endpoint().toString(),
                "--region",
                "us-east-1",
                "--ecs-endpoint",
                sim.endpoint().toString(),
                "--resync",
                "1s")
            .redirectOutput(out.toFile())
            .redirectError(dir.resolve("run.err").toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("DAYBREAK_"));
    builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    process = builder.start();
    process.getOutputStream().close();

    // The test is the rest of the world: it scales each service the dry run says it would, so
    // the dry run sees each tier become ready and goes on (it never scales anything itself).
    awaitLine(out, "[seed] would scale a to 1: it depends on nothing");
    someoneScales("a", 1);
    awaitLine(out, "[seed] would scale b to 3: a is ready");
    someoneScales("b", 3);
    awaitLine(out, "[seed] would scale c to 1: b is ready");
    awaitLine(out, "[seed] would scale d to 7: b is ready");
    awaitLine(out, "[seed] would scale e to 1: b is ready");
    someoneScales("c", 1);
    someoneScales("d", 7);
    someoneScales("e", 1);
    awaitLine(out, "[seed] in the dry run's head: environment 'seed' is awake");
    process.destroy();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();

    String printed = Files.readString(out, StandardCharsets.UTF_8);
    List<String> wouldBe = printed.lines().filter(l -> l.contains(" would scale ")).toList();
    assertThat(wouldBe)
        .as("each would-be call announced once, not once per pass")
        .hasSize(5)
        .doesNotHaveDuplicates();
    assertThat(printed).contains("as a DRY RUN");
    assertThat(simulator.calls())
        .filteredOn(c -> c.op().equals("UpdateService") && c.caller().equals(EcsClients.APP_ID))
        .as("UpdateService calls by daybreak")
        .isEmpty();
    assertThat(simulator.calls())
        .filteredOn(c -> c.caller().equals(EcsClients.APP_ID))
        .extracting(CallRecord::op)
        .containsOnlyElementsOf(READS)
        .contains("DescribeServices");
    assertThat(items()).as("no status, lease or audit write").isEqualTo(before);
  }

  private static void awaitLine(Path out, String prefix) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                Files.exists(out)
                    && Files.readString(out, StandardCharsets.UTF_8)
                        .lines()
                        .anyMatch(l -> l.startsWith(prefix)));
  }
}
