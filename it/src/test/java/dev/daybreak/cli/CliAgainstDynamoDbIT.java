package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.daybreak.it.Dynalite;
import dev.daybreak.it.DynaliteExtension;
import dev.daybreak.model.State;
import dev.daybreak.store.AuditEntry;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.DynamoDbStateStore;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.Via;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** The CLI against DynamoDB (dynalite), through the same options a person passes. */
@ExtendWith(DynaliteExtension.class)
final class CliAgainstDynamoDbIT {

  private static Dynalite dynalite;
  private static DynamoDbClient client;

  @TempDir Path dir;
  private final Cli cli = new Cli();
  private String table;

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
  void newTable() {
    table = "daybreak-" + UUID.randomUUID();
  }

  /** Runs the CLI against dynalite and {@link #table}. */
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

  private StateStore store() {
    return new DynamoDbStateStore(client, table, cli.clock);
  }

  @Test
  void init_createsTheTable_isIdempotent_andRejectsAnotherKeySchema() {
    var created = daybreak("init");
    assertThat(created.out())
        .isEqualTo(
            "table/"
                + table
                + " created (pk (S, partition key) and sk (S, sort key), on-demand billing)\n");
    // dynalite has no UpdateTimeToLive: init says so and still succeeds.
    assertThat(created.err())
        .startsWith("warning: DynamoDB refused to turn on TTL for 'expiresAt' on table '" + table)
        .contains("UnknownOperationException")
        .contains("expired chat-ops replay records stay in the table");
    assertThat(daybreak("init").out())
        .isEqualTo("table/" + table + " already exists with the right key schema: unchanged\n");
    assertThat(
            client
                .describeTable(b -> b.tableName(table))
                .table()
                .billingModeSummary()
                .billingMode())
        .isEqualTo(BillingMode.PAY_PER_REQUEST);

    String wrong = "wrong-" + UUID.randomUUID();
    client.createTable(
        b ->
            b.tableName(wrong)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(
                    KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName("id")
                        .attributeType(ScalarAttributeType.S)
                        .build()));
    Cli.Result result =
        cli.run("init", "--table", wrong, "--dynamodb-endpoint", dynalite.endpoint().toString());

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .isEqualTo(
            "error: table '"
                + wrong
                + "' exists with key schema id (S, partition key); daybreak needs pk (S, partition"
                + " key) and sk (S, sort key), on-demand billing: choose another --table or remove"
                + " that table\n");
  }

  @Test
  void anyCommandOnAMissingTable_exitsThreeAndSaysToRunInit() {
    Cli.Result result = daybreak("get", "envs");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .startsWith("error: table '" + table + "' does not exist (region us-east-1, endpoint ")
        .endsWith(": create it with daybreak init\n");
  }

  @Test
  void applyOfAnInvalidManifest_leavesTheTableByteForByteUnchanged() throws IOException {
    daybreak("init");
    daybreak("apply", "-f", Fixtures.write(dir, "seed.yaml", Fixtures.SEED).toString());
    daybreak("wake", "seed", "--for", "2h");
    String before = snapshot();
    Path changed =
        Fixtures.write(dir, "changed.yaml", Fixtures.SEED.replace("replicas: 3", "replicas: 5"));
    Path invalid =
        Fixtures.write(
            dir,
            "invalid.yaml",
            Fixtures.SEED
                .replace("name: seed", "name: other")
                .replace("dependsOn: [b]", "dependsOn: [c]"));

    Cli.Result result = daybreak("apply", "-f", changed.toString(), "-f", invalid.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("invalid.yaml").contains("nothing applied");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void wakeThenHandEditThenSleep_auditsAllThree_andGetShowsTheResult() throws IOException {
    daybreak("init");
    daybreak("apply", "-f", Fixtures.write(dir, "seed.yaml", Fixtures.SEED).toString());
    assertThat(daybreak("wake", "seed", "--for", "2h", "--as", "alice").exitCode()).isZero();
    rawUpdate(Map.of("state", AttributeValue.fromS("ASLEEP")));

    Cli.Result described = daybreak("describe", "env", "seed");
    assertThat(described.out())
        .contains("Desired:      ASLEEP")
        .contains("edited by hand in DynamoDB");

    assertThat(daybreak("sleep", "seed", "--as", "bob", "--reason", "done").exitCode()).isZero();
    Cli.Result listed = daybreak("get", "envs", "-o", "json");

    JsonNode seed = new ObjectMapper().readTree(listed.out()).path("items").get(0);
    assertThat(seed.path("desired").path("state").asText()).isEqualTo("ASLEEP");
    assertThat(seed.path("desired").path("version").asLong()).isEqualTo(3);
    assertThat(store().audit("seed", 10))
        .extracting(AuditEntry::who, AuditEntry::via, AuditEntry::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("bob", Via.CLI, State.ASLEEP),
            org.assertj.core.groups.Tuple.tuple("alice", Via.DYNAMODB, State.ASLEEP),
            org.assertj.core.groups.Tuple.tuple("alice", Via.CLI, State.AWAKE));
  }

  @Test
  void theReadmesUpdateItemCommand_changesOnlyTheState_keepingWhoAskedBefore() throws IOException {
    daybreak("init");
    daybreak(
        "apply",
        "-f",
        Fixtures.write(dir, "shop.yaml", Fixtures.SEED.replace("name: seed", "name: shop"))
            .toString());
    daybreak("wake", "shop", "--as", "alice", "--reason", "hotfix");
    Map<String, String> flags = readmeUpdateItem();
    JsonNode key = new ObjectMapper().readTree(flags.get("key"));
    JsonNode names = new ObjectMapper().readTree(flags.get("expression-attribute-names"));
    JsonNode values = new ObjectMapper().readTree(flags.get("expression-attribute-values"));
    Map<String, String> nameMap = new HashMap<>();
    names.fields().forEachRemaining(e -> nameMap.put(e.getKey(), e.getValue().asText()));

    client.updateItem(
        UpdateItemRequest.builder()
            .tableName(table)
            .key(attributes(key))
            .updateExpression(flags.get("update-expression"))
            .expressionAttributeNames(nameMap)
            .expressionAttributeValues(attributes(values))
            .build());

    DesiredRead read = store().desired("shop");
    assertThat(read).isInstanceOf(DesiredRead.Valid.class);
    DesiredRead.Valid valid = (DesiredRead.Valid) read;
    assertThat(valid.handEdited()).isTrue();
    assertThat(valid.defaulted()).isEmpty();
    assertThat(valid.stored().desired().state()).isEqualTo(State.ASLEEP);
    assertThat(valid.stored().desired().requestedBy()).isEqualTo("alice");
    assertThat(valid.stored().desired().reason()).isEqualTo("hotfix");
  }

  @Test
  void theShadedJar_readsItsStoreOptionsFromEnvironmentVariables() throws Exception {
    daybreak("init");
    daybreak("apply", "-f", Fixtures.write(dir, "seed.yaml", Fixtures.SEED).toString());
    Path jar = Path.of(System.getProperty("daybreak.cliJar", "../controller/target/daybreak.jar"));
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "get",
                "envs")
            .redirectErrorStream(true);
    builder.environment().put("DAYBREAK_STORE", "dynamodb");
    builder.environment().put("DAYBREAK_TABLE", table);
    builder.environment().put("DAYBREAK_DYNAMODB_ENDPOINT", dynalite.endpoint().toString());
    builder.environment().put("DAYBREAK_REGION", "us-east-1");

    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).startsWith("NAME   PHASE   DESIRED   TIER   UNTIL   NEXT   AGE\nseed   -");
  }

  // --- helpers ----------------------------------------------------------------------------

  private void rawUpdate(Map<String, AttributeValue> set) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> assignments = new ArrayList<>();
    set.forEach(
        (name, value) -> {
          names.put("#" + name, name);
          values.put(":" + name, value);
          assignments.add("#" + name + " = :" + name);
        });
    client.updateItem(
        b ->
            b.tableName(table)
                .key(
                    Map.of(
                        "pk",
                        AttributeValue.fromS("env#seed"),
                        "sk",
                        AttributeValue.fromS("desired")))
                .updateExpression("SET " + String.join(", ", assignments))
                .expressionAttributeNames(names)
                .expressionAttributeValues(values));
  }

  /** Every item of the table, sorted by key, as text: equal text means equal bytes. */
  private String snapshot() {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    client
        .scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build())
        .items()
        .forEach(items::add);
    items.sort(
        Comparator.comparing((Map<String, AttributeValue> i) -> i.get("pk").s())
            .thenComparing(i -> i.get("sk").s()));
    StringBuilder text = new StringBuilder();
    for (Map<String, AttributeValue> item : items) {
      new java.util.TreeMap<>(item)
          .forEach((k, v) -> text.append(k).append('=').append(v).append(';'));
      text.append('\n');
    }
    assertThat(items).isNotEmpty();
    return text.toString();
  }

  /** The single-quoted flags of the README's {@code aws dynamodb update-item} command. */
  private static Map<String, String> readmeUpdateItem() throws IOException {
    Path readme = Path.of(System.getProperty("daybreak.root", ".."), "README.md");
    String text = Files.readString(readme);
    int start = text.indexOf("aws dynamodb update-item");
    assertThat(start).as("README.md shows an aws dynamodb update-item command").isNotNegative();
    String command = text.substring(start, text.indexOf("```", start));
    Map<String, String> flags = new HashMap<>();
    Matcher m = Pattern.compile("--([a-z-]+) '([^']*)'").matcher(command);
    while (m.find()) {
      flags.put(m.group(1), m.group(2));
    }
    assertThat(flags)
        .containsKeys(
            "key",
            "update-expression",
            "expression-attribute-names",
            "expression-attribute-values");
    return flags;
  }

  /**
   * DynamoDB JSON ({@code {"name": {"S": "..."}}}) of strings and numbers, as the AWS CLI takes.
   */
  private static Map<String, AttributeValue> attributes(JsonNode json) {
    Map<String, AttributeValue> attributes = new HashMap<>();
    json.fields()
        .forEachRemaining(
            e ->
                attributes.put(
                    e.getKey(),
                    e.getValue().has("N")
                        ? AttributeValue.fromN(e.getValue().get("N").asText())
                        : AttributeValue.fromS(e.getValue().get("S").asText())));
    return attributes;
  }
}
