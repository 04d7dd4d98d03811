package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.daybreak.it.Dynalite;
import dev.daybreak.it.DynaliteExtension;
import dev.daybreak.model.State;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.DynamoDbStateStore;
import dev.daybreak.store.TableSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The CLI jar as a real process (no terminal, stdin closed) against dynalite: label selectors on
 * {@code get}, {@code wake} and {@code sleep}, store options before the subcommand, and a JSON
 * stderr with {@code --log-format json}.
 */
@ExtendWith(DynaliteExtension.class)
final class SelectorsProcessIT {

  private static final Path JAR =
      Path.of(System.getProperty("daybreak.cliJar", "../controller/target/daybreak.jar"));
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Dynalite dynalite;
  private static DynamoDbClient client;

  @TempDir Path dir;
  private String table;
  private DynamoDbStateStore store;

  private record Run(int exitCode, String out, String err) {}

  @BeforeAll
  static void connect(Dynalite server) {
    dynalite = server;
    client = server.newClient();
  }

  @AfterAll
  static void disconnect() {
    client.close();
  }

  @BeforeEach
  void threeEnvironments() throws Exception {
    table = "daybreak-" + UUID.randomUUID();
    new TableSetup(client).ensureTable(table);
    store = new DynamoDbStateStore(client, table, Clock.systemUTC());
    apply("shop-dev", "{team: shop, tier: dev}");
    apply("shop-stg", "{team: shop, tier: staging}");
    apply("pay-dev", "{team: pay, tier: dev}");
  }

  private void apply(String name, String labels) throws Exception {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(
        file,
        """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata:
          name: %s
          labels: %s
        spec:
          cluster: dev
          services:
            - name: a
              replicas: 1
        """
            .formatted(name, labels));
    assertThat(global("apply", "-f", file.toString()).exitCode()).isZero();
  }

  /** The store options first, as with {@code kubectl -n ns get pods}. */
  private Run global(String... args) throws IOException, InterruptedException {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--table",
                table,
                "--dynamodb-endpoint",
                dynalite.endpoint().toString(),
                "--region",
                "us-east-1"));
    all.addAll(List.of(args));
    return run(Map.of(), all);
  }

  private static Run run(Map<String, String> env, List<String> args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    command.addAll(args);
    Path out = Files.createTempFile("daybreak", ".out");
    Path err = Files.createTempFile("daybreak", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("DAYBREAK_"));
    builder.environment().put("AWS_ACCESS_KEY_ID", "x");
    builder.environment().put("AWS_SECRET_ACCESS_KEY", "x");
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private Optional<State> desired(String environment) {
    return store.desired(environment) instanceof DesiredRead.Valid valid
        ? Optional.of(valid.stored().desired().state())
        : Optional.empty();
  }

  @Test
  void get_withSelector_andStoreOptionsBeforeTheCommand_listsOnlyTheMatches() throws Exception {
    Run run = global("get", "envs", "-l", "team=shop", "-o", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"shop-dev\"", "\"shop-stg\"").doesNotContain("pay-dev");
  }

  @Test
  void get_selectorMatchingNothing_exits1_withAClearMessage() throws Exception {
    Run run = global("get", "envs", "-l", "team in (web)");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "error: no environment matches the selector 'team in (web)' (of 3 environment(s);"
                + " labels in use: team=pay, team=shop, tier=dev, tier=staging)\n");
  }

  @Test
  void sleep_withSelector_withoutATerminalOrYes_refuses_andWritesNothing() throws Exception {
    Run run = global("sleep", "-l", "tier=dev");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("no terminal to ask on; add --yes")
        .contains("pay-dev, shop-dev");
    assertThat(desired("shop-dev")).isEmpty();
    assertThat(desired("pay-dev")).isEmpty();
  }

  @Test
  void sleep_withSelectorAndYes_sleepsEveryMatch() throws Exception {
    Run run = global("sleep", "-l", "tier=dev", "--yes");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(desired("shop-dev")).contains(State.ASLEEP);
    assertThat(desired("pay-dev")).contains(State.ASLEEP);
    assertThat(desired("shop-stg")).isEmpty();
  }

  @Test
  void wake_withSelectorAndYes_wakesEveryMatch_andNothingElse() throws Exception {
    Run run = global("wake", "--selector", "team=shop,tier notin (dev)", "-y", "--for", "1h");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("environment/shop-stg desired AWAKE until ");
    assertThat(desired("shop-stg")).contains(State.AWAKE);
    assertThat(desired("shop-dev")).isEmpty();
  }

  @Test
  void wake_selectorMatchingNothing_exits1() throws Exception {
    Run run = global("wake", "-l", "!team", "--yes");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: no environment matches the selector '!team'");
  }

  @Test
  void storeOptionBeforeAndAfter_withDifferentTables_isAUsageError() throws Exception {
    Run run = global("get", "envs", "--table", "other");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--table is given before the command (" + table + ")");
  }

  @Test
  void logFormatJson_makesEveryStderrLineJson_usageErrorsAndNotesIncluded() throws Exception {
    Run usage = run(Map.of(), List.of("run", "--log-format", "json", "--resync", "0s"));
    Run note =
        run(Map.of("DAYBREAK_LOG_FORMAT", "json"), List.of("get", "envs", "--store", "memory"));

    assertThat(usage.exitCode()).isEqualTo(2);
    for (Run run : List.of(usage, note)) {
      List<String> lines = run.err().lines().filter(l -> !l.isBlank()).toList();
      assertThat(lines).isNotEmpty();
      for (String line : lines) {
        assertThat(JSON.readTree(line).path("formattedMessage").asText()).as(line).isNotBlank();
      }
    }
    assertThat(JSON.readTree(usage.err().strip()).path("level").asText()).isEqualTo("ERROR");
    assertThat(note.err()).contains("note: --store memory keeps state in this process only");
  }
}
