package dev.daybreak.chatops;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.gson.JsonObject;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.State;
import dev.daybreak.store.AuditEntry;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.Via;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Socket Mode against a loopback Slack: {@code apps.connections.open} answered by a Web API mock
 * with the URL of a real WebSocket server on 127.0.0.1, which greets the client with {@code hello}
 * and sends envelopes as Slack does; the acks come back on the same socket.
 */
class SocketModeTest {

  private static final String APP_TOKEN = "xapp-1-A0APP00001-1234-abcdef";
  private static final String ALLOWED = "U0ALLOWED1";

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
        services:
          - name: a
            replicas: 1
      """;

  private final Clock clock = Clock.systemUTC();
  private final InMemoryStateStore store = new InMemoryStateStore(clock);
  private WireMockServer slack;
  private LoopbackSocket socket;
  private ChatOps chatOps;
  private SocketModeApp app;

  @BeforeEach
  void startLoopbackSlack() throws InterruptedException {
    Manifests.parse("seed.yaml", SEED).forEach(store::applySpec);
    socket = LoopbackSocket.open();
    slack = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    slack.start();
    slack.stubFor(
        post("/api/apps.connections.open")
            .withHeader("Authorization", equalTo("Bearer " + APP_TOKEN))
            .willReturn(
                okJson(
                    "{\"ok\":true,\"url\":\"ws://127.0.0.1:"
                        + socket.getPort()
                        + "/link/?ticket=t-1&app_id=A0APP00001\"}")));
    slack.stubFor(post("/respond").willReturn(ok()));
    chatOps =
        new ChatOps(
            new Commands(
                store, new ChatOpsSettings(ZoneOffset.UTC, List.of(), List.of()), clock, e -> {}));
  }

  @AfterEach
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    chatOps.close();
    socket.close();
    slack.stop();
  }

  @Test
  void slashCommandEnvelope_isAckedOnTheSocket_andWritesTheDesiredStateViaSlack() throws Exception {
    app = SlackApp.startSocketMode(APP_TOKEN, chatOps, apiUrl());
    await().atMost(Duration.ofSeconds(10)).until(() -> socket.client().isPresent());
    Instant before = clock.instant();

    socket.client().orElseThrow().send(slashCommand("env-1", ALLOWED, "wake seed for 2h"));

    JsonObject ack = nextFromClient();
    assertThat(ack.get("envelope_id").getAsString()).isEqualTo("env-1");
    assertThat(ack.getAsJsonObject("payload").get("text").getAsString())
        .contains("/daybreak wake seed for 2h")
        .contains("on it");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> store.desired("seed") instanceof DesiredRead.Valid);
    var desired = ((DesiredRead.Valid) store.desired("seed")).stored().desired();
    assertThat(desired.state()).isEqualTo(State.AWAKE);
    assertThat(desired.until().orElseThrow())
        .isBetween(before.plus(Duration.ofHours(2)), clock.instant().plus(Duration.ofHours(2)));
    // The audit entry is written after the desired item: wait for it, not for the item.
    AuditEntry audit =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> store.audit("seed", 1), entries -> !entries.isEmpty())
            .get(0);
    assertThat(audit.via()).isEqualTo(Via.SLACK);
    assertThat(audit.who()).contains(ALLOWED);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(slack.findAll(postRequestedFor(urlEqualTo("/respond"))))
                    .anySatisfy(r -> assertThat(r.getBodyAsString()).contains("woke `seed`")));
  }

  @Test
  void slashCommandEnvelope_fromAUserNotInTheAllowlist_isAckedAndRefused_writingNothing()
      throws Exception {
    app = SlackApp.startSocketMode(APP_TOKEN, chatOps, apiUrl());
    await().atMost(Duration.ofSeconds(10)).until(() -> socket.client().isPresent());

    socket.client().orElseThrow().send(slashCommand("env-2", "U0STRANGER", "wake seed for 2h"));

    assertThat(nextFromClient().get("envelope_id").getAsString()).isEqualTo("env-2");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(slack.findAll(postRequestedFor(urlEqualTo("/respond"))))
                    .singleElement()
                    .satisfies(
                        r ->
                            assertThat(r.getBodyAsString())
                                .contains("may not change `seed`")
                                .contains("ephemeral")));
    assertThat(store.desired("seed")).isInstanceOf(DesiredRead.Absent.class);
    assertThat(store.audit("seed", 10)).isEmpty();
  }

  @Test
  void startSocketMode_botTokenInsteadOfAppToken_isRefusedBeforeConnecting() {
    assertThatThrownBy(() -> SlackApp.startSocketMode("xoxb-123-456", chatOps, apiUrl()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("xapp-")
        .hasMessageContaining("'xoxb-'")
        .hasMessageNotContaining("123-456");
    assertThat(slack.findAll(postRequestedFor(urlEqualTo("/api/apps.connections.open")))).isEmpty();
  }

  private URI apiUrl() {
    return URI.create("http://127.0.0.1:" + slack.port() + "/api/");
  }

  private JsonObject nextFromClient() {
    return await().atMost(Duration.ofSeconds(10)).until(socket::next, Optional::isPresent).get();
  }

  /** A {@code slash_commands} envelope as Slack sends it over the socket. */
  private String slashCommand(String envelopeId, String user, String text) {
    return LoopbackSocket.slashCommand(
        envelopeId, "C0GENERAL1", user, text, "http://127.0.0.1:" + slack.port() + "/respond");
  }
}
