package dev.daybreak.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.it.Dynalite;
import dev.daybreak.model.Condition;
import dev.daybreak.model.ConditionStatus;
import dev.daybreak.model.Conditions;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.Phase;
import dev.daybreak.model.State;
import dev.daybreak.store.AuditEntry;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.Via;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's hand edits, end to end: the README's own AWS CLI commands, run with the real {@code
 * aws} against dynalite, flip an environment the controller (in this JVM, over the production
 * backends) then wakes or puts to sleep tier by tier; an item it cannot use shows in {@code
 * daybreak get envs -o json} (the shaded jar) and in exactly one Slack message (the WireMock
 * Slack), and clears once fixed. Each test has a dynalite of its own, so the table can be the
 * README's {@code daybreak} and the commands run exactly as written there, with only {@code
 * --endpoint-url} added.
 */
class HandEditEndToEndIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RESYNC = Duration.ofSeconds(1);
  private static final String TABLE = "daybreak";
  private static final String ENV = "shop";
  private static final String MINIMAL_ITEM =
      "--item '{\"pk\":{\"S\":\"env#shop\"},\"sk\":{\"S\":\"desired\"},\"state\":{\"S\":\"AWAKE\"}}'";
  private static final Path JAR =
      Path.of(System.getProperty("daybreak.cliJar", "../controller/target/daybreak.jar"));

  private Dynalite dynalite;
  private Stack stack;
  private EnvironmentSpec spec;

  @BeforeEach
  void start() {
    dynalite = Dynalite.start();
    stack =
        Stack.start(
            dynalite,
            SimSettings.builder()
                .seed(17)
                .startLatency(Latency.parse("300ms..600ms"))
                .stopLatency(Latency.parse("200ms..400ms"))
                .require("b", "a")
                .require("c", "b")
                .require("d", "b")
                .require("e", "b")
                .build(),
            TABLE);
    String yaml = Envs.seed(ENV, "dev", "");
    spec = Envs.spec(yaml);
    stack.apply(yaml);
    stack.startController(RESYNC);
  }

  @AfterEach
  void stop() throws InterruptedException {
    try {
      stack.close();
    } finally {
      dynalite.close();
    }
  }

  private static ConditionFactory within(Duration limit) {
    return await().atMost(limit).pollInterval(Duration.ofMillis(50));
  }

  private void awaitPhase(Phase phase) {
    within(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(stack.phase(ENV)).as(ENV).contains(phase));
  }

  @Test
  void readmesPutItem_wakesInTierOrder_andReadmesUpdateItemWithoutVersion_putsItToSleep()
      throws Exception {
    String putItem = readmeCommand("aws dynamodb put-item");
    assertThat(putItem).as("the README's example is the minimal put-item").contains(MINIMAL_ITEM);
    Instant before = Instant.now();

    aws(putItem);

    awaitPhase(Phase.AWAKE);
    Envs.assertWokeTierByTier(stack, "dev", spec);
    assertThat(stack.failedTasks("dev", "b")).as("b's failed task starts").isZero();
    DesiredRead.Valid desired = (DesiredRead.Valid) stack.store.desired(ENV);
    assertThat(desired.handEdited()).as("adopted: stamped by daybreak").isFalse();
    assertThat(desired.stored().version())
        .as("adopted once, however many passes ran since")
        .isEqualTo(1);
    assertThat(desired.stored().desired().requestedBy()).isEqualTo("dynamodb (hand edit)");
    assertThat(desired.stored().desired().reason()).isEmpty();
    List<AuditEntry> audit = stack.store.audit(ENV, 10);
    assertThat(audit).hasSize(1);
    AuditEntry adopted = audit.get(0);
    assertThat(adopted.via()).isEqualTo(Via.DYNAMODB);
    assertThat(adopted.who()).isEqualTo("dynamodb (hand edit)");
    assertThat(adopted.to()).isEqualTo(State.AWAKE);
    assertThat(adopted.defaulted()).containsExactly("requestedBy", "reason", "requestedAt");
    assertThat(desired.stored().desired().requestedAt())
        .as("when the controller first saw the value")
        .isAfterOrEqualTo(before)
        .isBeforeOrEqualTo(adopted.at());

    aws(readmeCommand("aws dynamodb update-item"));

    awaitPhase(Phase.ASLEEP);
    Envs.assertSleptInReverseTierOrder(stack, "dev", spec);
    AuditEntry slept = stack.store.audit(ENV, 1).get(0);
    assertThat(slept.via()).isEqualTo(Via.DYNAMODB);
    assertThat(slept.from()).contains(State.AWAKE);
    assertThat(slept.to()).isEqualTo(State.ASLEEP);
    assertThat(slept.who()).as("kept from the item").isEqualTo("dynamodb (hand edit)");
    assertThat(slept.defaulted()).isEmpty();
  }

  @Test
  void putItem_withLowerCaseStateAndATrailingBlank_wakesTheEnvironment() throws Exception {
    aws(readmeCommand("aws dynamodb put-item").replace("{\"S\":\"AWAKE\"}", "{\"S\":\"awake \"}"));

    awaitPhase(Phase.AWAKE);
    Envs.assertWokeTierByTier(stack, "dev", spec);
    DesiredRead.Valid desired = (DesiredRead.Valid) stack.store.desired(ENV);
    assertThat(desired.stored().desired().state()).isEqualTo(State.AWAKE);
    assertThat(stack.store.audit(ENV, 1).get(0).via()).isEqualTo(Via.DYNAMODB);
  }

  @Test
  void putItem_withAnUnknownState_showsDesiredStateInvalidOnceInGetAndSlack_andClearsWhenFixed()
      throws Exception {
    String putItem = readmeCommand("aws dynamodb put-item");

    aws(putItem.replace("{\"S\":\"AWAKE\"}", "{\"S\":\"AWAKEN\"}"));

    within(Duration.ofSeconds(30)).until(() -> invalidCondition().isPresent());
    Condition first = invalidCondition().orElseThrow();
    assertThat(first.message())
        .contains("attribute 'state' is 'AWAKEN'; expected AWAKE or ASLEEP")
        .contains("`daybreak wake shop`");
    JsonNode listed = getEnvsJson();
    JsonNode condition = conditionNamed(listed, Conditions.DESIRED_STATE_INVALID).orElseThrow();
    assertThat(condition.path("status").asText()).isEqualTo("TRUE");
    assertThat(condition.path("reason").asText()).isEqualTo("InvalidState");
    assertThat(condition.path("message").asText()).isEqualTo(first.message());
    within(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(postsMentioning("DesiredStateInvalid")).hasSize(1));
    assertThat(postsMentioning("DesiredStateInvalid").get(0))
        .contains("shop: the desired item cannot be used", "AWAKEN", "daybreak wake shop");

    // A restarted controller finds the same problem: its pass (proved by the new spec generation
    // it records) writes the condition unchanged and announces nothing.
    stack.stopControllers();
    stack.apply(Envs.seed(ENV, "dev", "timeout: 5m"));
    stack.startController(RESYNC);
    within(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(stack.store.status(ENV).orElseThrow().status().observedGeneration())
                    .isEqualTo(2));
    assertThat(invalidCondition()).contains(first);
    assertThat(stack.sim.calls()).noneMatch(c -> c.op().equals("UpdateService"));

    aws(putItem);

    awaitPhase(Phase.AWAKE);
    assertThat(invalidCondition()).isEmpty();
    Envs.assertWokeTierByTier(stack, "dev", spec);
    within(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(stack.slackCalls("chat.postMessage"))
                    .anySatisfy(
                        m -> assertThat(m.get("text")).contains("environment 'shop' is awake")));
    assertThat(postsMentioning("DesiredStateInvalid"))
        .as("one message, not one per pass")
        .hasSize(1);
    assertThat(stack.slackCalls("chat.update"))
        .noneSatisfy(u -> assertThat(u.toString()).contains("DesiredStateInvalid"));
    assertThat(conditionNamed(getEnvsJson(), Conditions.DESIRED_STATE_INVALID)).isEmpty();
  }

  // --- helpers ----------------------------------------------------------------------------

  private Optional<Condition> invalidCondition() {
    return stack
        .store
        .status(ENV)
        .flatMap(s -> s.status().condition(Conditions.DESIRED_STATE_INVALID))
        .filter(c -> c.status() == ConditionStatus.TRUE);
  }

  /** Every message posted (top level or in a thread) whose text or blocks mention {@code text}. */
  private List<String> postsMentioning(String text) {
    return stack.slackCalls("chat.postMessage").stream()
        .map(m -> m.getOrDefault("text", "") + "\n" + m.getOrDefault("blocks", ""))
        .filter(m -> m.contains(text))
        .toList();
  }

  private static Optional<JsonNode> conditionNamed(JsonNode list, String type) {
    assertThat(list.path("items")).hasSize(1);
    JsonNode env = list.path("items").get(0);
    assertThat(env.path("name").asText()).isEqualTo(ENV);
    for (JsonNode c : env.path("status").path("conditions")) {
      if (c.path("type").asText().equals(type)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The README's command that starts with {@code start}, its continuation lines joined. */
  private static String readmeCommand(String start) throws IOException {
    String readme =
        Files.readString(Path.of(System.getProperty("daybreak.root", ".."), "README.md"));
    int at = readme.indexOf(start);
    assertThat(at).as("README.md shows `%s`", start).isNotNegative();
    return readme.substring(at, readme.indexOf("\n```", at)).replace("\\\n", " ");
  }

  /** Runs {@code command} with the real AWS CLI against dynalite; it must succeed. */
  private void aws(String command) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                "bash", "-c", command + " --endpoint-url " + dynalite.endpoint() + " --output json")
            .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("AWS_ACCESS_KEY_ID", "x");
    env.put("AWS_SECRET_ACCESS_KEY", "x");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    env.remove("AWS_PROFILE");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(command).isTrue();
    assertThat(process.exitValue()).as("%s%n%s", command, output).isZero();
  }

  /** {@code daybreak get envs -o json}, run from the shaded jar against the stack's table. */
  private JsonNode getEnvsJson() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            JAR.toString(),
            "get",
            "envs",
            "-o",
            "json",
            "--table",
            TABLE,
            "--dynamodb-endpoint",
            dynalite.endpoint().toString(),
            "--region",
            "us-east-1");
    builder.environment().put("AWS_ACCESS_KEY_ID", "x");
    builder.environment().put("AWS_SECRET_ACCESS_KEY", "x");
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(err).isZero();
    return JSON.readTree(out);
  }
}
