package dev.daybreak.it.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.daybreak.ecs.EcsClients;
import dev.daybreak.ecssim.CallRecord;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.it.Dynalite;
import dev.daybreak.it.DynaliteExtension;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.Phase;
import dev.daybreak.model.State;
import dev.daybreak.store.NotificationThread;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 17's dry run announcing in Slack: {@code daybreak run --dry-run} as a process of the CLI
 * jar with a bot token, over dynalite, the ECS simulator and the Slack mock, while the real
 * controller is (as far as the table says) in the middle of the same wake and has posted its
 * message. The dry run posts its own message, every text marked {@code [dry run]}, each would-be
 * call once as a reply in its thread; it never updates nor replies to the real controller's
 * message, and makes no UpdateService and no table write.
 */
@ExtendWith(DynaliteExtension.class)
class DryRunSlackIT {

  private static final Path JAR =
      Path.of(System.getProperty("daybreak.cliJar", "../controller/target/daybreak.jar"));
  private static final String MARKER = "[dry run] ";

  /** The ts of the real controller's message, recorded in the table. */
  private static final String REAL_TS = Stack.PARENT_TS;

  /** The ts the Slack mock gives every top-level message in this test (only the dry run posts). */
  private static final String DRY_RUN_TS = "1700000002.000300";

  @TempDir Path dir;
  private Stack stack;
  private Process process;

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void runDryRun_withSlack_postsEachWouldBeCallOnceMarked_andNeverTouchesTheRealThread(
      Dynalite dynalite) throws Exception {
    stack =
        Stack.start(
            dynalite,
            SimSettings.builder()
                .seed(17)
                .startLatency(Latency.fixed(Duration.ofMillis(200)))
                .require("b", "a")
                .build());
    stack.slack.resetAll();
    stack.slack.stubFor(
        post("/api/chat.postMessage")
            .withRequestBody(notContaining("thread_ts"))
            .willReturn(okJson(posted(DRY_RUN_TS))));
    stack.slack.stubFor(
        post("/api/chat.postMessage")
            .withRequestBody(containing("thread_ts"))
            .willReturn(okJson(posted("1700000003.000400"))));
    stack.slack.stubFor(post("/api/chat.update").willReturn(okJson(posted(DRY_RUN_TS))));
    stack.apply(Envs.seed("seed", "dev", ""));
    stack.rawFlip("seed", "AWAKE");
    // The real controller began this wake a minute ago and posted its message; the dry run reads
    // the same status, so its operation has the same id as the real one.
    Instant began = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MILLIS);
    stack.store.writeStatus(
        "seed",
        new EnvironmentStatus(
            EnvironmentStatus.FORMAT_VERSION,
            Phase.WAKING,
            Optional.of(State.AWAKE),
            0,
            Map.of(),
            List.of(),
            Map.of(),
            1,
            Optional.of(began)),
        0);
    NotificationThread realThread =
        new NotificationThread("seed", "seed/wake/" + began, began, Stack.CHANNEL, REAL_TS, began);
    assertThat(stack.store.recordNotificationThread(realThread)).isTrue();
    List<Map<String, AttributeValue>> before = items();

    startDryRun();
    Path out = dir.resolve("run.out");
    // The test is the rest of the world: it scales each service the dry run says it would.
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

    List<String> wouldBe =
        replies().stream().map(r -> r.get("text")).filter(t -> t.contains("would scale")).toList();
    assertThat(wouldBe)
        .as("each would-be call posted once, marked, in the order it was planned")
        .hasSize(5)
        .doesNotHaveDuplicates()
        .allSatisfy(t -> assertThat(t).startsWith(MARKER + "would scale "));
    assertThat(wouldBe.get(0)).startsWith(MARKER + "would scale a to 1: it depends on nothing");
    assertThat(wouldBe.get(1)).startsWith(MARKER + "would scale b to 3: a is ready");
    assertThat(wouldBe.subList(2, 5))
        .anySatisfy(t -> assertThat(t).startsWith(MARKER + "would scale c to 1: b is ready"))
        .anySatisfy(t -> assertThat(t).startsWith(MARKER + "would scale d to 7: b is ready"))
        .anySatisfy(t -> assertThat(t).startsWith(MARKER + "would scale e to 1: b is ready"));
    assertThat(replies())
        .as("the transitions it imagined are posted too, marked")
        .anySatisfy(r -> assertThat(r.get("text")).contains("awake"))
        .allSatisfy(r -> assertThat(r.get("text")).startsWith(MARKER))
        .allSatisfy(r -> assertThat(r.get("thread_ts")).isEqualTo(DRY_RUN_TS));
    assertThat(stack.topLevelPosts())
        .as("one message of its own, marked")
        .singleElement()
        .satisfies(m -> assertThat(m.get("text")).startsWith(MARKER + "Waking seed"));
    assertThat(stack.slackCalls("chat.update"))
        .allSatisfy(u -> assertThat(u.get("ts")).isEqualTo(DRY_RUN_TS))
        .allSatisfy(u -> assertThat(u.get("text")).startsWith(MARKER));
    assertThat(stack.slack.getAllServeEvents())
        .as("no Slack call names the real controller's message")
        .noneSatisfy(e -> assertThat(e.getRequest().getBodyAsString()).contains(REAL_TS));
    assertThat(stack.sim.calls())
        .filteredOn(c -> c.op().equals("UpdateService") && c.caller().equals(EcsClients.APP_ID))
        .as("UpdateService calls by daybreak")
        .isEmpty();
    assertThat(stack.sim.calls())
        .filteredOn(c -> c.caller().equals(EcsClients.APP_ID))
        .extracting(CallRecord::op)
        .as("daybreak's calls are reads only (services, and the scalable targets it would manage)")
        .containsOnly("DescribeServices", "DescribeScalableTargets");
    assertThat(items()).as("no status, lease, audit or thread write").isEqualTo(before);
    assertThat(stack.store.notificationThread("seed")).contains(realThread);
  }

  /** Thread replies posted with chat.postMessage, oldest first. */
  private List<Map<String, String>> replies() {
    return stack.slackCalls("chat.postMessage").stream()
        .filter(f -> f.containsKey("thread_ts"))
        .toList();
  }

  private void startDryRun() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                JAR.toString(),
                "run",
                "--dry-run",
                "--resync",
                "1s",
                "--table",
                stack.table,
                "--dynamodb-endpoint",
                stack.dynalite.endpoint().toString(),
                "--region",
                "us-east-1",
                "--ecs-endpoint",
                stack.ecs.endpoint().toString(),
                "--slack-api-url",
                stack.slackApi().toString(),
                "--slack-channel",
                Stack.CHANNEL)
            .redirectOutput(dir.resolve("run.out").toFile())
            .redirectError(dir.resolve("run.err").toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("DAYBREAK_"));
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("SLACK_BOT_TOKEN", Stack.SLACK_TOKEN);
    process = builder.start();
    process.getOutputStream().close();
  }

  private void someoneScales(String service, int count) {
    stack.sim.updateService(
        "someone-else",
        Optional.of("dev"),
        service,
        OptionalInt.of(count),
        Optional.empty(),
        false);
  }

  /** Every item of the table, every attribute, in key order. */
  private List<Map<String, AttributeValue>> items() {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    stack
        .dynamo
        .scanPaginator(b -> b.tableName(stack.table).consistentRead(true))
        .items()
        .forEach(items::add);
    items.sort(
        Comparator.comparing((Map<String, AttributeValue> i) -> i.get("pk").s())
            .thenComparing(i -> i.get("sk").s()));
    return items;
  }

  private static String posted(String ts) {
    return "{\"ok\":true,\"channel\":\"" + Stack.CHANNEL + "\",\"ts\":\"" + ts + "\"}";
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
