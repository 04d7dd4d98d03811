package dev.daybreak.chatops;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import dev.daybreak.http.HttpEndpoints;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.State;
import dev.daybreak.slack.SlackButtons;
import dev.daybreak.store.AuditEntry;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.Via;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chat-ops over real HTTP: requests signed as Slack signs them go into the endpoint mounted on the
 * controller's embedded server; follow-ups go to a response_url served by a local HTTP server.
 */
class SlackChatOpsIT {

  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final String ALLOWED = "U0ALLOWED1";
  private static final String CHANNEL = "C0GENERAL1";
  private static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

  private static final String SEED =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata:
        name: seed
      spec:
        cluster: dev
        access:
          slack:
            users: [U0ALLOWED1]
          maxWake: 8h
        services:
          - name: a
            replicas: 1
          - name: b
            replicas: 3
            dependsOn: [a]
          - name: c
            replicas: 1
            dependsOn: [b]
      """;

  private final Clock clock = Clock.systemUTC();
  private final HttpClient http = HttpClient.newHttpClient();
  private final BlockingQueue<String> followUps = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedQueue<String> triggered = new ConcurrentLinkedQueue<>();
  private InMemoryStateStore store;
  private HttpEndpoints endpoints;
  private HttpServer responseUrls;
  private ChatOps chatOps;

  @BeforeEach
  void start() throws IOException {
    store = new InMemoryStateStore(clock);
    Manifests.parse("seed.yaml", SEED).forEach(store::applySpec);
    responseUrls = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    responseUrls.createContext(
        "/respond",
        exchange -> {
          try (exchange) {
            followUps.add(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
          }
        });
    responseUrls.start();
    chatOps =
        new ChatOps(
            new Commands(
                store, new ChatOpsSettings(ZONE, List.of(), List.of()), clock, triggered::add));
    endpoints = HttpEndpoints.start("127.0.0.1", 0);
    endpoints.mount(
        SlackApp.PATH,
        new SlackHttpHandler(
            SlackApp.endpoint(
                new SigningSecret(SECRET), chatOps, clock, RequestGuard.DEFAULT_MAX_BODY_BYTES)));
  }

  @AfterEach
  void stop() {
    endpoints.close();
    chatOps.close();
    responseUrls.stop(0);
  }

  @Test
  void wake_signedCommand_acksWithinThreeSeconds_writesAwakeForTwoHours_andAudits()
      throws Exception {
    Instant before = clock.instant();
    HttpResponse<String> response = post(signed(command(ALLOWED, "wake seed for 2h")));

    assertThat(response.statusCode()).isEqualTo(200);
    // Slack's three seconds, timed by the server itself (Server-Timing), not by this test's wall
    // clock around post(), which on a busy machine also counts the client's scheduling delays.
    assertThat(ServerTiming.of(response)).isLessThan(Duration.ofSeconds(3));
    assertThat(text(response)).contains("on it");
    String followUp = nextFollowUp();
    assertThat(followUp).contains("woke `seed`").contains("response_type=in_channel");
    Instant after = clock.instant();

    DesiredState desired = desired();
    assertThat(desired.state()).isEqualTo(State.AWAKE);
    assertThat(desired.until()).isPresent();
    assertThat(desired.until().get())
        .isBetween(before.plus(Duration.ofHours(2)), after.plus(Duration.ofHours(2)));
    assertThat(desired.requestedBy()).contains(ALLOWED).contains("alice");
    AuditEntry audit = store.audit("seed", 1).get(0);
    assertThat(audit.via()).isEqualTo(Via.SLACK);
    assertThat(audit.who()).contains(ALLOWED).contains("alice");
    assertThat(audit.to()).isEqualTo(State.AWAKE);
    assertThat(triggered).contains("seed");
  }

  @Test
  void wake_untilTimeOfDay_readsItInTheConfiguredZone_andWakesOnlyTheNamedServices()
      throws Exception {
    LocalTime at = LocalTime.now(clock.withZone(ZONE)).plusMinutes(90).withSecond(0).withNano(0);
    String hhmm = at.format(DateTimeFormatter.ofPattern("HH:mm"));

    assertThat(post(signed(command(ALLOWED, "wake seed until " + hhmm + " b"))).statusCode())
        .isEqualTo(200);

    assertThat(nextFollowUp()).contains("woke `seed` (b and what they need)");
    DesiredState desired = desired();
    assertThat(desired.services()).isEqualTo(Set.of("b"));
    Instant until = desired.until().orElseThrow();
    assertThat(until.atZone(ZONE).toLocalTime()).isEqualTo(at);
    assertThat(Duration.between(clock.instant(), until))
        .isBetween(Duration.ofMinutes(88), Duration.ofMinutes(90));
  }

  @Test
  void command_badSignature_isRefusedWith401_andWritesNothing() throws Exception {
    String body = command(ALLOWED, "wake seed for 2h");
    long now = clock.instant().getEpochSecond();
    HttpResponse<String> response = post(body, now, "v0=" + "0".repeat(64));

    assertThat(response.statusCode()).isEqualTo(401);
    assertNothingWritten();
  }

  @Test
  void command_timestampSixMinutesOld_isRefusedWith401() throws Exception {
    String body = command(ALLOWED, "wake seed for 2h");
    long old = clock.instant().minus(Duration.ofMinutes(6)).getEpochSecond();

    HttpResponse<String> response = post(body, old, sign(old, body));

    assertThat(response.statusCode()).isEqualTo(401);
    assertNothingWritten();
  }

  @Test
  void command_replayed_isRefusedTheSecondTime() throws Exception {
    Signed request = signed(command(ALLOWED, "sleep seed"));
    assertThat(post(request).statusCode()).isEqualTo(200);
    nextFollowUp();
    long versionAfterFirst = ((DesiredRead.Valid) store.desired("seed")).stored().version();

    HttpResponse<String> replay = post(request);

    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(((DesiredRead.Valid) store.desired("seed")).stored().version())
        .isEqualTo(versionAfterFirst);
    assertThat(store.audit("seed", 10)).hasSize(1);
  }

  @Test
  void command_oversizedBody_isRefusedWith401() throws Exception {
    String body =
        command(ALLOWED, "wake seed for 2h")
            + "&padding="
            + "x".repeat(RequestGuard.DEFAULT_MAX_BODY_BYTES);

    HttpResponse<String> response = post(signed(body));

    assertThat(response.statusCode()).isEqualTo(401);
    assertNothingWritten();
  }

  @Test
  void wake_userNotInAllowlist_isRefusedNamingWhoMay_andWritesNothing() throws Exception {
    assertThat(post(signed(command("U0STRANGER", "wake seed for 2h"))).statusCode()).isEqualTo(200);

    String followUp = nextFollowUp();
    assertThat(followUp).contains("may not change `seed`").contains("<@" + ALLOWED + ">");
    assertThat(followUp).contains("response_type=ephemeral");
    assertNothingWritten();
  }

  @Test
  void wake_unknownEnvironment_answersUsage_andWritesNothing() throws Exception {
    assertThat(post(signed(command(ALLOWED, "wake nosuchenv"))).statusCode()).isEqualTo(200);

    assertThat(nextFollowUp()).contains("unknown environment 'nosuchenv'").contains("seed");
    assertNothingWritten();
  }

  @Test
  void wake_badDuration_answersUsageAtOnce_andWritesNothing() throws Exception {
    HttpResponse<String> response = post(signed(command(ALLOWED, "wake seed for 99x")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(text(response))
        .contains("bad duration '99x': not a duration")
        .contains("/daybreak wake ENV");
    assertNothingWritten();
  }

  @Test
  void wake_longerThanMaxWake_answersUsage_andWritesNothing() throws Exception {
    assertThat(post(signed(command(ALLOWED, "wake seed for 9h"))).statusCode()).isEqualTo(200);

    assertThat(nextFollowUp()).contains("at most 8h");
    assertNothingWritten();
  }

  @Test
  void wake_unknownService_answersUsage_andWritesNothing() throws Exception {
    assertThat(post(signed(command(ALLOWED, "wake seed for 1h zz"))).statusCode()).isEqualTo(200);

    assertThat(nextFollowUp()).contains("unknown service 'zz'").contains("a, b, c");
    assertNothingWritten();
  }

  @Test
  void keepAwakeButton_extendsUntilByTwoHours() throws Exception {
    assertThat(post(signed(command(ALLOWED, "wake seed for 1h"))).statusCode()).isEqualTo(200);
    nextFollowUp();
    Instant until = desired().until().orElseThrow();

    assertThat(post(signed(action(SlackButtons.KEEP_AWAKE, "seed", ALLOWED))).statusCode())
        .isEqualTo(200);

    assertThat(nextFollowUp()).contains("woke `seed`");
    assertThat(desired().state()).isEqualTo(State.AWAKE);
    assertThat(desired().until()).contains(until.plus(Duration.ofHours(2)));
  }

  @Test
  void sleepNowButton_writesAsleep() throws Exception {
    assertThat(post(signed(command(ALLOWED, "wake seed"))).statusCode()).isEqualTo(200);
    nextFollowUp();

    assertThat(post(signed(action(SlackButtons.SLEEP_NOW, "seed", ALLOWED))).statusCode())
        .isEqualTo(200);

    assertThat(nextFollowUp()).contains("put `seed` to sleep");
    assertThat(desired().state()).isEqualTo(State.ASLEEP);
    assertThat(desired().requestedBy()).contains(ALLOWED);
  }

  @Test
  void status_showsTheEnvironmentWithItsButtons() throws Exception {
    assertThat(post(signed(command("U0STRANGER", "status seed"))).statusCode()).isEqualTo(200);

    assertThat(nextFollowUp())
        .contains("`seed`")
        .contains(SlackButtons.KEEP_AWAKE)
        .contains(SlackButtons.SLEEP_NOW)
        .contains(SlackButtons.WAKE);
  }

  private void assertNothingWritten() {
    assertThat(store.desired("seed")).isInstanceOf(DesiredRead.Absent.class);
    assertThat(store.audit("seed", 10)).isEmpty();
  }

  private DesiredState desired() {
    DesiredRead read = store.desired("seed");
    assertThat(read).isInstanceOf(DesiredRead.Valid.class);
    return ((DesiredRead.Valid) read).stored().desired();
  }

  /** The next follow-up's text, with its response type and raw JSON appended for assertions. */
  private String nextFollowUp() throws InterruptedException {
    String followUp = followUps.poll(10, TimeUnit.SECONDS);
    assertThat(followUp).as("a follow-up posted to the response_url").isNotNull();
    JsonObject json = JsonParser.parseString(followUp).getAsJsonObject();
    return json.get("text").getAsString()
        + "\nresponse_type="
        + json.get("response_type").getAsString()
        + "\n"
        + followUp;
  }

  private static String text(HttpResponse<String> response) {
    return JsonParser.parseString(response.body()).getAsJsonObject().get("text").getAsString();
  }

  private String responseUrl() {
    return "http://127.0.0.1:" + responseUrls.getAddress().getPort() + "/respond";
  }

  private String command(String user, String text) {
    return form(
        "token", "legacy-verification-token",
        "team_id", "T0TEAM0001",
        "team_domain", "example",
        "channel_id", CHANNEL,
        "channel_name", "general",
        "user_id", user,
        "user_name", "alice",
        "command", "/daybreak",
        "text", text,
        "api_app_id", "A0APP00001",
        "response_url", responseUrl(),
        "trigger_id", "1.2.3");
  }

  private String action(String actionId, String environment, String user) {
    String payload =
        """
        {"type":"block_actions","team":{"id":"T0TEAM0001","domain":"example"},\
        "user":{"id":"%s","username":"alice","name":"alice","team_id":"T0TEAM0001"},\
        "api_app_id":"A0APP00001","token":"legacy","trigger_id":"1.2.3",\
        "container":{"type":"message","message_ts":"1.0","channel_id":"%s"},\
        "channel":{"id":"%s","name":"general"},"response_url":"%s",\
        "actions":[{"action_id":"%s","block_id":"daybreak_actions_%s","value":"%s",\
        "type":"button","action_ts":"1.1","text":{"type":"plain_text","text":"x"}}]}"""
            .formatted(user, CHANNEL, CHANNEL, responseUrl(), actionId, environment, environment);
    return form("payload", payload);
  }

  private static String form(String... pairs) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      if (body.length() > 0) {
        body.append('&');
      }
      body.append(pairs[i])
          .append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return body.toString();
  }

  private record Signed(String body, long timestamp, String signature) {}

  private Signed signed(String body) {
    long now = clock.instant().getEpochSecond();
    return new Signed(body, now, sign(now, body));
  }

  private static String sign(long timestamp, String body) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest =
          mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
      return "v0=" + java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> post(Signed signed) throws IOException, InterruptedException {
    return post(signed.body(), signed.timestamp(), signed.signature());
  }

  private HttpResponse<String> post(String body, long timestamp, String signature)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoints.port() + SlackApp.PATH))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
            .header("X-Slack-Signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
