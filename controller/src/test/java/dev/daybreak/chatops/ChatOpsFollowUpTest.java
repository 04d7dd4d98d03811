package dev.daybreak.chatops;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.Phase;
import dev.daybreak.model.State;
import dev.daybreak.slack.Permalinks;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.NotificationThread;
import dev.daybreak.time.ManualClock;
import dev.daybreak.time.ManualScheduler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The follow-up that links a command's reply to its notification thread, on a manual clock and
 * scheduler: the thread appears in the store as a controller (here or elsewhere) records it.
 */
class ChatOpsFollowUpTest {

  private static final String SECRET = "follow-up-test-secret";
  private static final String USER = "U0ALLOWED1";

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T09:00:00Z"));
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final InMemoryStateStore store = new InMemoryStateStore(clock);
  private WireMockServer responseUrls;
  private ChatOps chatOps;
  private SlackEndpoint endpoint;

  @BeforeEach
  void start() {
    Manifests.parse(
            "seed.yaml",
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
              services:
                - name: a
                  replicas: 1
            """)
        .forEach(store::applySpec);
    responseUrls = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    responseUrls.start();
    responseUrls.stubFor(post("/respond").willReturn(ok()));
    chatOps =
        new ChatOps(
            new Commands(
                store, new ChatOpsSettings(ZoneOffset.UTC, List.of(), List.of()), clock, e -> {}),
            new ThreadLinks(
                store, Permalinks.archiveOnly(), clock, scheduler, ThreadLinks.DEFAULT_WAIT));
    endpoint =
        SlackApp.endpoint(
            new SigningSecret(SECRET), chatOps, clock, RequestGuard.DEFAULT_MAX_BODY_BYTES);
  }

  @AfterEach
  void stop() {
    chatOps.close();
    responseUrls.stop();
  }

  @Test
  void wake_threadRecordedByTheController_isLinkedInAFollowUp() {
    assertThat(send("wake seed").status()).isEqualTo(200);
    awaitResponses(1);
    assertThat(text(responses().get(0))).contains("woke `seed`");

    Instant started = clock.instant();
    scheduler.advance(ThreadLinks.FIRST_POLL);
    awaitLookDone();
    assertThat(responses()).as("no thread yet, no follow-up yet").hasSize(1);
    controllerStartsAndPosts(State.AWAKE, started);
    advanceUntilResponses(2);

    JsonObject followUp = responses().get(1);
    assertThat(text(followUp))
        .contains("Progress of the wake of `seed`")
        .contains("<https://example.slack.com/archives/C0DEVENVS/p1700000000000100|");
    assertThat(followUp.get("response_type").getAsString()).isEqualTo("in_channel");
  }

  @Test
  void wake_noThreadWithinTheWait_followsUpOnceWithWhereToWatch_andLooksNoMore() {
    Instant sent = clock.instant();
    assertThat(send("wake seed").status()).isEqualTo(200);
    awaitResponses(1);

    advanceUntilResponses(2);

    JsonObject followUp = responses().get(1);
    assertThat(text(followUp)).contains("is recorded").contains("`daybreak watch seed`");
    assertThat(followUp.get("response_type").getAsString()).isEqualTo("ephemeral");
    assertThat(Duration.between(sent, clock.instant()))
        .isBetween(ThreadLinks.DEFAULT_WAIT, ThreadLinks.DEFAULT_WAIT.plusSeconds(3));
    assertThat(scheduler.pending()).isZero();
    assertThat(scheduler.requestedDelays())
        .as("backing off, never a busy loop")
        .allSatisfy(d -> assertThat(d).isPositive())
        .hasSizeLessThan(15);
  }

  @Test
  void close_withAFollowUpPending_sendsWhereToWatchAtOnce() {
    assertThat(send("sleep seed").status()).isEqualTo(200);
    awaitResponses(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.pending() == 1);

    chatOps.close();

    awaitResponses(2);
    assertThat(text(responses().get(1))).contains("`daybreak watch seed`");
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void status_writesNothing_andIsNotFollowedUp() {
    assertThat(send("status seed").status()).isEqualTo(200);
    awaitResponses(1);

    scheduler.advance(ThreadLinks.DEFAULT_WAIT);

    assertThat(scheduler.pending()).isZero();
    assertThat(responses()).hasSize(1);
  }

  private void controllerStartsAndPosts(State target, Instant startedAt) {
    store.writeStatus(
        "seed",
        new EnvironmentStatus(
            EnvironmentStatus.FORMAT_VERSION,
            target == State.AWAKE ? Phase.WAKING : Phase.SLEEPING,
            Optional.of(target),
            0,
            Map.of(),
            List.of(),
            Map.of(),
            1,
            Optional.of(startedAt)),
        0);
    store.recordNotificationThread(
        new NotificationThread(
            "seed",
            "seed/" + (target == State.AWAKE ? "wake" : "sleep") + "/" + startedAt,
            startedAt,
            "C0DEVENVS",
            "1700000000.000100",
            startedAt));
  }

  /** Runs the follow-up's looks one by one (each reschedules from a worker) until it answers. */
  private void advanceUntilResponses(int count) {
    for (int i = 0; i < 40 && responses().size() < count; i++) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> scheduler.pending() > 0 || responses().size() >= count);
      scheduler
          .nextDue()
          .ifPresent(due -> scheduler.advance(Duration.between(clock.instant(), due)));
      awaitLookDone();
    }
    awaitResponses(count);
  }

  /** A look ends by scheduling the next one or by answering. */
  private void awaitLookDone() {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> scheduler.pending() > 0 || responses().size() >= 2);
  }

  private void awaitResponses(int count) {
    await().atMost(Duration.ofSeconds(10)).until(() -> responses().size() >= count);
  }

  private List<JsonObject> responses() {
    return responseUrls.findAll(postRequestedFor(urlEqualTo("/respond"))).stream()
        .map(r -> JsonParser.parseString(r.getBodyAsString()).getAsJsonObject())
        .toList();
  }

  private static String text(JsonObject json) {
    return json.get("text").getAsString();
  }

  private RawResponse send(String text) {
    String body =
        form(
            "team_id", "T0TEAM0001",
            "team_domain", "example",
            "channel_id", "C0DEVENVS",
            "user_id", USER,
            "user_name", "alice",
            "command", "/daybreak",
            "text", text,
            "response_url", "http://127.0.0.1:" + responseUrls.port() + "/respond",
            "trigger_id", "1.2.3");
    long timestamp = clock.instant().getEpochSecond();
    return endpoint.handle(
        new RawRequest(
            SlackApp.PATH,
            Optional.empty(),
            Map.of(
                "Content-Type", List.of("application/x-www-form-urlencoded"),
                "X-Slack-Request-Timestamp", List.of(Long.toString(timestamp)),
                "X-Slack-Signature", List.of(sign(timestamp, body))),
            body.getBytes(StandardCharsets.UTF_8),
            "127.0.0.1"));
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

  private static String sign(long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "v0="
          + HexFormat.of()
              .formatHex(
                  mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
