package dev.daybreak.it.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.daybreak.chatops.LoopbackSocket;
import dev.daybreak.chatops.ServerTiming;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.it.Dynalite;
import dev.daybreak.it.DynaliteExtension;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.Phase;
import dev.daybreak.model.State;
import dev.daybreak.slack.SlackButtons;
import dev.daybreak.store.AuditEntry;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.NotificationThread;
import dev.daybreak.store.Via;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.java_websocket.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chat-ops through the whole stack: {@code daybreak run --http-port 0} as a real process of the CLI
 * jar, with a signing secret and a bot token, over dynalite, the ECS simulator and a Slack mock.
 * Requests signed as Slack signs them go into its {@code /slack/events} — or, with {@code
 * --slack-socket-mode} and {@code SLACK_APP_TOKEN}, arrive as envelopes over a loopback WebSocket
 * whose URL the mock's {@code apps.connections.open} gives; replies go to a response_url on the
 * mock; the simulator's call log shows what the controller did about them.
 */
@ExtendWith(DynaliteExtension.class)
class SlackWakeEndToEndIT {

  private static final Path JAR =
      Path.of(System.getProperty("daybreak.cliJar", "../controller/target/daybreak.jar"));
  private static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)/");
  private static final String SECRET = "e2e-signing-secret-0123456789abcdef";
  private static final String APP_TOKEN = "xapp-1-A0APP00001-e2e-app-token";
  private static final String USER = "U0ALLOWED1";
  private static final String PERMALINK =
      "https://example.slack.com/archives/" + Stack.CHANNEL + "/p1700000000000100";

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private Stack stack;
  private Process process;
  private int port;

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
  void slackWake_keepAwake_andSleepNow_driveTheSimulatorInTierOrder_andLinkEachThread(
      Dynalite dynalite) throws Exception {
    startStack(dynalite);
    String yaml = Envs.seed("seed", "dev", "");
    EnvironmentSpec spec = Envs.spec(yaml);
    stack.apply(yaml);
    startDaybreak(List.of("--http-port", "0"), Map.of("SLACK_SIGNING_SECRET", SECRET));
    port =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> servingPort(Files.readString(dir.resolve("run.out"))), Optional::isPresent)
            .orElseThrow();

    // No warm-up here: the first command a fresh `daybreak run` serves is the one people send
    // after a deploy, and the controller warms its own request path before it serves (a fresh
    // JVM's first request once took over 4 s of the server's own time on a busy machine).
    // The wake: acked at once, written and audited, then carried out tier by tier.
    Instant before = Instant.now();
    HttpResponse<String> response = send(command("wake seed for 2h"));

    assertThat(response.statusCode()).isEqualTo(200);
    // Slack's three seconds are real, so the ack is timed — but by the server itself (its
    // Server-Timing header, from reading the request to sending the status), not by this test's
    // wall clock around send(), which on a busy machine also counts the client's and the
    // scheduler's delays. The wake must be answered without waiting for ECS or the controller.
    System.out.println("first command served in " + ServerTiming.of(response));
    assertThat(ServerTiming.of(response)).isLessThan(Duration.ofSeconds(3));
    assertThat(text(response.body())).contains("on it");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> stack.store.desired("seed") instanceof DesiredRead.Valid);
    Instant after = Instant.now();
    DesiredState desired = desired();
    assertThat(desired.state()).isEqualTo(State.AWAKE);
    assertThat(desired.until().orElseThrow())
        .isBetween(before.plus(Duration.ofHours(2)), after.plus(Duration.ofHours(2)));
    // The audit entry is written after the desired item: wait for it, not for the item.
    AuditEntry audit = newestAudit(State.AWAKE);
    assertThat(audit.via()).isEqualTo(Via.SLACK);
    assertThat(audit.who()).contains(USER).contains("alice");
    assertThat(audit.to()).isEqualTo(State.AWAKE);

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(stack.phase("seed")).contains(Phase.AWAKE));
    Envs.assertWokeTierByTier(stack, "dev", spec);

    // The notification thread: one message, replies in its thread, recorded in the table, and
    // linked from a follow-up to the command.
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(stack.topLevelPosts())
                  .singleElement()
                  .satisfies(m -> assertThat(m.get("text")).contains("seed"));
              assertThat(stack.slackCalls("chat.postMessage"))
                  .filteredOn(m -> Stack.PARENT_TS.equals(m.get("thread_ts")))
                  .isNotEmpty();
            });
    NotificationThread wakeThread = stack.store.notificationThread("seed").orElseThrow();
    assertThat(wakeThread.ts()).isEqualTo(Stack.PARENT_TS);
    assertThat(wakeThread.channel()).isEqualTo(Stack.CHANNEL);
    assertThat(wakeThread.operationId()).startsWith("seed/wake/");
    awaitFollowUp("woke `seed`");
    JsonObject link = awaitFollowUp("Progress of the wake of `seed`");
    assertThat(link.get("text").getAsString()).contains("<" + PERMALINK + "|");
    assertThat(link.get("response_type").getAsString()).isEqualTo("in_channel");

    // Keep awake +2h: two more hours from the current end.
    Instant until = desired.until().orElseThrow();
    assertThat(send(action(SlackButtons.KEEP_AWAKE)).statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> desired().until().equals(Optional.of(until.plus(Duration.ofHours(2)))));
    assertThat(desired().state()).isEqualTo(State.AWAKE);

    // Sleep now: the reverse order, dependents first, and its own thread linked.
    assertThat(send(action(SlackButtons.SLEEP_NOW)).statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(stack.phase("seed")).contains(Phase.ASLEEP));
    Envs.assertSleptInReverseTierOrder(stack, "dev", spec);
    assertThat(newestAudit(State.ASLEEP).via()).isEqualTo(Via.SLACK);
    awaitFollowUp("Progress of the sleep of `seed`");
    assertThat(stack.store.notificationThread("seed").orElseThrow().operationId())
        .startsWith("seed/sleep/");
  }

  @Test
  void socketMode_slashCommandEnvelope_isAckedOnTheSocket_andWakesTheSimulatorInTierOrder(
      Dynalite dynalite) throws Exception {
    startStack(dynalite);
    String yaml = Envs.seed("seed", "dev", "");
    EnvironmentSpec spec = Envs.spec(yaml);
    stack.apply(yaml);
    try (LoopbackSocket socket = LoopbackSocket.open()) {
      stack.slack.stubFor(
          post("/api/apps.connections.open")
              .willReturn(
                  okJson(
                      "{\"ok\":true,\"url\":\"ws://127.0.0.1:"
                          + socket.getPort()
                          + "/link/?ticket=e2e\"}")));
      startDaybreak(List.of("--slack-socket-mode"), Map.of("SLACK_APP_TOKEN", APP_TOKEN));
      WebSocket connection =
          await().atMost(Duration.ofSeconds(60)).until(socket::client, Optional::isPresent).get();

      connection.send(socketCommand("env-1", "wake seed for 2h"));

      JsonObject ack =
          await().atMost(Duration.ofSeconds(10)).until(socket::next, Optional::isPresent).get();
      assertThat(ack.get("envelope_id").getAsString()).isEqualTo("env-1");
      assertThat(ack.getAsJsonObject("payload").get("text").getAsString()).contains("on it");
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(() -> assertThat(stack.phase("seed")).contains(Phase.AWAKE));
    }
    Envs.assertWokeTierByTier(stack, "dev", spec);
    assertThat(newestAudit(State.AWAKE).via()).isEqualTo(Via.SLACK);
    assertThat(text(awaitFollowUp("Progress of the wake of `seed`").toString()))
        .contains(PERMALINK);
    assertThat(
            stack.slack.findAll(postRequestedFor(urlEqualTo("/api/apps.connections.open"))).stream()
                .map(r -> r.getHeader("Authorization")))
        .containsOnly("Bearer " + APP_TOKEN);
  }

  private void startStack(Dynalite dynalite) {
    stack =
        Stack.start(
            dynalite,
            SimSettings.builder()
                .seed(8)
                .startLatency(Latency.parse("300ms..600ms"))
                .stopLatency(Latency.parse("200ms..400ms"))
                .require("b", "a")
                .require("c", "b")
                .require("d", "b")
                .require("e", "b")
                .crashGrace(Duration.ofSeconds(1))
                .relaunchDelay(Duration.ofSeconds(1))
                .build());
    stack.slack.stubFor(post("/respond").willReturn(ok()));
    stack.slack.stubFor(
        post("/api/chat.getPermalink")
            .willReturn(
                okJson(
                    "{\"ok\":true,\"channel\":\""
                        + Stack.CHANNEL
                        + "\",\"permalink\":\""
                        + PERMALINK
                        + "\"}")));
  }

  /**
   * Starts {@code daybreak run} against the stack with a bot token and {@code args} and {@code
   * variables} added, and waits until its controller runs.
   */
  private void startDaybreak(List<String> args, Map<String, String> variables) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                JAR.toString(),
                "run",
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
                Stack.CHANNEL,
                "--slack-allow-user",
                USER)
            .redirectOutput(dir.resolve("run.out").toFile())
            .redirectError(dir.resolve("run.err").toFile());
    builder.command().addAll(args);
    dev.daybreak.iam.RecordingJvm.record(builder);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("DAYBREAK_"));
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("SLACK_BOT_TOKEN", Stack.SLACK_TOKEN);
    env.putAll(variables);
    process = builder.start();
    process.getOutputStream().close();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Files.readString(dir.resolve("run.out")).contains("controller running"));
  }

  private static Optional<Integer> servingPort(String out) {
    Matcher m = SERVING.matcher(out);
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  private DesiredState desired() {
    DesiredRead read = stack.store.desired("seed");
    assertThat(read).isInstanceOf(DesiredRead.Valid.class);
    return ((DesiredRead.Valid) read).stored().desired();
  }

  /** Waits for a follow-up posted to the response_url whose text contains {@code text}. */
  private JsonObject awaitFollowUp(String text) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                stack.slack.findAll(postRequestedFor(urlEqualTo("/respond"))).stream()
                    .map(r -> JsonParser.parseString(r.getBodyAsString()).getAsJsonObject())
                    .filter(json -> json.has("text") && text(json.toString()).contains(text))
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  private static String text(String json) {
    return JsonParser.parseString(json).getAsJsonObject().get("text").getAsString();
  }

  private String responseUrl() {
    return "http://127.0.0.1:" + stack.slack.port() + "/respond";
  }

  private String command(String text) {
    return form(
        "token", "legacy-verification-token",
        "team_id", "T0TEAM0001",
        "team_domain", "example",
        "channel_id", Stack.CHANNEL,
        "channel_name", "dev-envs",
        "user_id", USER,
        "user_name", "alice",
        "command", "/daybreak",
        "text", text,
        "api_app_id", "A0APP00001",
        "response_url", responseUrl(),
        "trigger_id", "1.2.3");
  }

  /** A {@code slash_commands} envelope as Slack sends it over the Socket Mode WebSocket. */
  private String socketCommand(String envelopeId, String text) {
    return LoopbackSocket.slashCommand(envelopeId, Stack.CHANNEL, USER, text, responseUrl());
  }

  /** A click on one of the buttons under daybreak's notification message. */
  private String action(String actionId) {
    String payload =
        """
        {"type":"block_actions","team":{"id":"T0TEAM0001","domain":"example"},\
        "user":{"id":"%s","username":"alice","name":"alice","team_id":"T0TEAM0001"},\
        "api_app_id":"A0APP00001","token":"legacy","trigger_id":"1.2.3",\
        "container":{"type":"message","message_ts":"%s","channel_id":"%s"},\
        "channel":{"id":"%s","name":"dev-envs"},"response_url":"%s",\
        "actions":[{"action_id":"%s","block_id":"daybreak_actions_seed","value":"seed",\
        "type":"button","action_ts":"1.1","text":{"type":"plain_text","text":"x"}}]}"""
            .formatted(
                USER, Stack.PARENT_TS, Stack.CHANNEL, Stack.CHANNEL, responseUrl(), actionId);
    return form("payload", payload);
  }

  private static String form(String... pairs) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      body.append(body.length() > 0 ? "&" : "")
          .append(pairs[i])
          .append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return body.toString();
  }

  /** POSTs {@code body} to the running daybreak, signed as Slack signs requests. */
  private HttpResponse<String> send(String body) throws IOException, InterruptedException {
    long timestamp = Instant.now().getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
            .header("X-Slack-Signature", sign(timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String sign(long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest =
          mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /**
   * The seed's newest audit entry once it records a move to {@code to}: a writer records the audit
   * entry after the desired item, so a test that saw the item must still wait for the entry.
   */
  private AuditEntry newestAudit(State to) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> stack.store.audit("seed", 1),
            entries -> !entries.isEmpty() && entries.get(0).to() == to)
        .get(0);
  }
}
