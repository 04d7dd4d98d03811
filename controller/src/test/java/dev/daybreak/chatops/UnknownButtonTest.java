package dev.daybreak.chatops;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.app_backend.SlackSignature;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.State;
import dev.daybreak.slack.SlackButtons;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.InMemoryStateStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A click on a button daybreak never drew: Bolt alone answers 404 "no handler found", which Slack
 * shows as an error; daybreak acks it and says, through the response_url, that nothing changed.
 * Delivered inline (as on Lambda), so the answer has been posted when the request returns.
 */
class UnknownButtonTest {

  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

  private final Clock clock = Clock.systemUTC();
  private final InMemoryStateStore store = new InMemoryStateStore(clock);
  private final List<String> triggered = new ArrayList<>();
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
                store,
                new ChatOpsSettings(ZoneOffset.UTC, List.of(), List.of()),
                clock,
                triggered::add),
            ChatOps.Delivery.INLINE);
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
  void click_onAButtonDaybreakNeverDrew_isAcked_andAnsweredThatNothingChanged() {
    var before = store.scanByHand();

    RawResponse response = endpoint.handle(click("approve_deploy"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(responses()).hasSize(1);
    JsonObject answer = responses().get(0);
    assertThat(answer.get("response_type").getAsString()).isEqualTo("ephemeral");
    assertThat(answer.get("text").getAsString())
        .isEqualTo(
            ":no_entry: this button (`approve_deploy`) is not one of daybreak's"
                + " (`daybreak_wake`, `daybreak_keep_awake`, `daybreak_sleep_now`);"
                + " nothing was changed.");
    assertThat(store.scanByHand()).isEqualTo(before);
    assertThat(triggered).isEmpty();
  }

  @Test
  void click_onDaybreaksOwnButton_isStillServedByItsHandler() {
    RawResponse response = endpoint.handle(click(SlackButtons.SLEEP_NOW));

    assertThat(response.status()).isEqualTo(200);
    assertThat(store.desired("seed"))
        .isInstanceOfSatisfying(
            DesiredRead.Valid.class,
            v -> assertThat(v.stored().desired().state()).isEqualTo(State.ASLEEP));
    assertThat(triggered).containsExactly("seed");
  }

  @Test
  void otherActions_matchesEveryIdButDaybreaksOwn() {
    assertThat(ChatOps.OWN_ACTIONS).noneMatch(id -> ChatOps.OTHER_ACTIONS.matcher(id).matches());
    assertThat(
            List.of(
                "approve_deploy",
                "",
                "daybreak_wake_extra",
                "x" + SlackButtons.WAKE,
                SlackButtons.SLEEP_NOW + "\n",
                "daybreak_wake|daybreak_sleep_now"))
        .allMatch(id -> ChatOps.OTHER_ACTIONS.matcher(id).matches());
  }

  private RawRequest click(String actionId) {
    String payload =
        """
        {"type":"block_actions","team":{"id":"T0TEAM0001","domain":"example"},\
        "user":{"id":"U0ALLOWED1","username":"alice","name":"alice","team_id":"T0TEAM0001"},\
        "api_app_id":"A0APP00001","token":"legacy","trigger_id":"1.2.3",\
        "container":{"type":"message","message_ts":"1.0","channel_id":"C0GENERAL1"},\
        "channel":{"id":"C0GENERAL1","name":"general"},"response_url":"%s",\
        "actions":[{"action_id":"%s","block_id":"b","value":"seed","type":"button",\
        "action_ts":"1.1","text":{"type":"plain_text","text":"x"}}]}"""
            .formatted(responseUrls.baseUrl() + "/respond", actionId);
    String body = "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    return new RawRequest(
        SlackApp.PATH,
        Optional.empty(),
        Map.of(
            "Content-Type", List.of(FormBody.FORM),
            "X-Slack-Request-Timestamp", List.of(timestamp),
            "X-Slack-Signature",
                List.of(new SlackSignature.Generator(SECRET).generate(timestamp, body))),
        body.getBytes(StandardCharsets.UTF_8),
        "127.0.0.1");
  }

  private List<JsonObject> responses() {
    return responseUrls.findAll(postRequestedFor(urlEqualTo("/respond"))).stream()
        .map(r -> JsonParser.parseString(r.getBodyAsString()).getAsJsonObject())
        .toList();
  }
}
