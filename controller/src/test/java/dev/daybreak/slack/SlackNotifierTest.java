package dev.daybreak.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.daybreak.slack.Fixtures.event;
import static dev.daybreak.slack.Fixtures.service;
import static dev.daybreak.slack.Fixtures.transition;
import static dev.daybreak.slack.Fixtures.wake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.InvalidDesired;
import dev.daybreak.model.NotifySpec;
import dev.daybreak.model.Phase;
import dev.daybreak.model.Plan;
import dev.daybreak.model.TransitionKind;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.NotificationThread;
import dev.daybreak.time.ExecutorScheduler;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Slack SDK against a Web API mock over real HTTP on 127.0.0.1. */
class SlackNotifierTest {

  private static final String PARENT_TS = "1700000000.000100";
  private static final String CHANNEL_ID = "C0DEVENVS";
  private static final ObjectMapper JSON = new ObjectMapper();

  private WireMockServer slack;

  private final ExecutorScheduler scheduler = new ExecutorScheduler("test-slack-scheduler");
  private final List<SlackNotifier> notifiers = new ArrayList<>();
  private final InMemoryStateStore store = new InMemoryStateStore(Clock.systemUTC());

  /**
   * A fresh mock per test: a request the previous test left hanging (on purpose) would otherwise
   * land in this test's journal when the mock finally answers it.
   */
  @BeforeEach
  void startHealthySlack() {
    slack = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    slack.start();
    stubPost(okJson(postedJson(PARENT_TS)));
    slack.stubFor(
        post("/api/chat.postMessage")
            .withRequestBody(containing("thread_ts"))
            .willReturn(okJson(postedJson("1700000001.000200"))));
    slack.stubFor(post("/api/chat.update").willReturn(okJson(postedJson(PARENT_TS))));
  }

  @AfterEach
  void stopAll() {
    notifiers.forEach(SlackNotifier::close);
    scheduler.close();
    slack.stop();
  }

  private static String postedJson(String ts) {
    return "{\"ok\":true,\"channel\":\"" + CHANNEL_ID + "\",\"ts\":\"" + ts + "\"}";
  }

  /** Stubs chat.postMessage of a top-level message (not a thread reply). */
  private void stubPost(ResponseDefinitionBuilder response) {
    slack.stubFor(
        post("/api/chat.postMessage")
            .withRequestBody(notContaining("thread_ts"))
            .willReturn(response));
  }

  private SlackNotifier notifier(UnaryOperator<SlackSettings.Builder> custom) {
    return notifier(custom, store);
  }

  private SlackNotifier notifier(
      UnaryOperator<SlackSettings.Builder> custom, InMemoryStateStore store) {
    SlackSettings settings =
        custom
            .apply(
                SlackSettings.builder()
                    .apiUrl(URI.create("http://127.0.0.1:" + slack.port() + "/api"))
                    .retry(Duration.ofMillis(20), Duration.ofMillis(200))
                    .httpTimeout(Duration.ofSeconds(5)))
            .build();
    SlackNotifier notifier =
        SlackNotifier.create(
            settings, new BotToken("xoxb-test-token"), store, Clock.systemUTC(), scheduler);
    notifiers.add(notifier);
    return notifier;
  }

  private static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10));
  }

  private List<LoggedRequest> requests(String method) {
    return slack.findAll(postRequestedFor(urlEqualTo("/api/" + method)));
  }

  private List<LoggedRequest> topLevelPosts() {
    return requests("chat.postMessage").stream()
        .filter(r -> !form(r).containsKey("thread_ts"))
        .toList();
  }

  private List<LoggedRequest> replies() {
    return requests("chat.postMessage").stream()
        .filter(r -> form(r).containsKey("thread_ts"))
        .toList();
  }

  private static Map<String, String> form(LoggedRequest request) {
    Map<String, String> params = new HashMap<>();
    for (String pair : request.getBodyAsString().split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  /** Everything a reader would see: the text and every text inside the blocks. */
  private static String visible(LoggedRequest request) {
    Map<String, String> form = form(request);
    StringBuilder b = new StringBuilder(form.getOrDefault("text", ""));
    Optional.ofNullable(form.get("blocks")).ifPresent(blocks -> collectTexts(parse(blocks), b));
    return b.toString();
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void collectTexts(JsonNode node, StringBuilder b) {
    node.fields()
        .forEachRemaining(
            field -> {
              if (field.getKey().equals("text") && field.getValue().isTextual()) {
                b.append('\n').append(field.getValue().asText());
              }
            });
    node.elements().forEachRemaining(child -> collectTexts(child, b));
  }

  @Test
  void announce_wakeProgresses_postsOneMessageThenUpdatesItInPlaceWithTheSeedsFields() {
    SlackNotifier notifier = notifier(b -> b);

    notifier.announce(
        wake(
            "seed",
            Phase.WAKING,
            0,
            List.of(transition(TransitionKind.WAKE_STARTED, 0, "Waking seed")),
            service(
                "a",
                0,
                false,
                1,
                0,
                0,
                Optional.of(event("ev-a1", 1, "(service a) has started 1 tasks"))),
            service("b", 1, false, 0, 0, 0, Optional.empty())));
    eventually().until(() -> notifier.stats().pending() == 0 && notifier.stats().delivered() == 1);
    notifier.announce(
        wake(
            "seed",
            Phase.WAKING,
            1,
            List.of(transition(TransitionKind.TIER_DONE, 0, "Tier 0 is ready: a", "a")),
            service(
                "a",
                0,
                true,
                1,
                1,
                0,
                Optional.of(event("ev-a2", 20, "(service a) has reached a steady state."))),
            service(
                "b",
                1,
                false,
                3,
                1,
                2,
                Optional.of(event("ev-b1", 25, "(service b) has started 3 tasks")))));
    eventually().until(() -> notifier.stats().pending() == 0 && notifier.stats().delivered() == 3);
    notifier.announce(
        wake(
            "seed",
            Phase.AWAKE,
            -1,
            List.of(
                transition(TransitionKind.TIER_DONE, 1, "Tier 1 is ready: b", "b"),
                transition(TransitionKind.AWAKE, -1, "seed is awake")),
            service(
                "a",
                0,
                true,
                1,
                1,
                0,
                Optional.of(event("ev-a2", 20, "(service a) has reached a steady state."))),
            service(
                "b",
                1,
                true,
                3,
                3,
                2,
                Optional.of(event("ev-b2", 70, "(service b) has reached a steady state.")))));
    eventually().until(() -> notifier.stats().pending() == 0 && notifier.stats().delivered() == 6);

    assertThat(topLevelPosts()).hasSize(1);
    Map<String, String> first = form(topLevelPosts().get(0));
    assertThat(first).containsEntry("channel", "dev-envs").containsKey("blocks");
    assertThat(visible(topLevelPosts().get(0)))
        .contains(
            "Waking seed",
            "Requested by alice: standup at 9",
            "ev-a1",
            "(service a) has started 1 tasks");

    List<LoggedRequest> updates = requests("chat.update");
    assertThat(updates).hasSize(2);
    assertThat(updates)
        .allSatisfy(
            u ->
                assertThat(form(u))
                    .containsEntry("channel", CHANNEL_ID)
                    .containsEntry("ts", PARENT_TS)
                    .containsKey("blocks"));
    assertThat(visible(updates.get(0)))
        .contains(
            "*b*",
            "desiredCount 3",
            "runningCount 1",
            "failedTasks 2",
            "ev-b1",
            "(service b) has started 3 tasks");
    assertThat(visible(updates.get(1)))
        .contains(
            "seed is awake",
            "*a*",
            "*b*",
            "desiredCount 3 · runningCount 3 · failedTasks 2",
            "latest event `ev-b2` at <!date^",
            "|2026-11-29T07:01:10Z>: (service b) has reached a steady state.",
            "Requested by alice: standup at 9");

    List<LoggedRequest> replies = replies();
    assertThat(replies).hasSize(3);
    assertThat(replies)
        .allSatisfy(
            r ->
                assertThat(form(r))
                    .containsEntry("thread_ts", PARENT_TS)
                    .containsEntry("channel", CHANNEL_ID));
    assertThat(replies.stream().map(r -> form(r).get("text")))
        .containsExactly(
            ":arrow_forward: Tier 0 is ready: a",
            ":arrow_forward: Tier 1 is ready: b",
            ":sunny: seed is awake");
    assertThat(notifier.stats().givenUp()).isZero();
  }

  @Test
  void announce_degraded_replyNamesTheServiceItsFailedTasksAndLastEvent() {
    SlackNotifier notifier = notifier(b -> b);
    NotifySpec notify = new NotifySpec(Optional.of("dev-envs"), List.of("U0ONCALL"));

    notifier.announce(
        wake(
            "seed",
            Phase.DEGRADED,
            1,
            List.of(
                transition(TransitionKind.DEGRADED, 1, "b did not become ready within 5m", "b")),
            notify,
            List.of(),
            service("a", 0, true, 1, 1, 0, Optional.empty()),
            service(
                "b",
                1,
                false,
                3,
                0,
                4,
                Optional.of(
                    event(
                        "ev-b9",
                        300,
                        "(service b) is unable to consistently start tasks successfully.")))));
    eventually().until(() -> notifier.stats().pending() == 0 && notifier.stats().delivered() == 2);

    assertThat(visible(topLevelPosts().get(0)))
        .contains("seed is degraded", "<@U0ONCALL>", "failedTasks 4");
    assertThat(replies()).hasSize(1);
    Map<String, String> reply = form(replies().get(0));
    assertThat(reply).containsEntry("thread_ts", PARENT_TS);
    assertThat(reply.get("text"))
        .isEqualTo(
            ":warning: b did not become ready within 5m — b: failedTasks 4, last event:"
                + " (service b) is unable to consistently start tasks successfully. <@U0ONCALL>");
  }

  @Test
  void announce_desiredItemInvalid_postsOneMessageNamingTheFix_withMarkupFromTheItemInert() {
    SlackNotifier notifier = notifier(b -> b.defaultChannel("dev-envs"));
    EnvironmentSpec spec =
        Manifests.parse(
                "shop.yaml",
                """
                apiVersion: daybreak.dev/v1
                kind: Environment
                metadata: {name: shop}
                spec:
                  cluster: dev
                  services:
                    - {name: a, replicas: 1}
                """)
            .get(0)
            .spec();
    String problem =
        "the desired item of environment 'shop' cannot be used: attribute 'state' is"
            + " '<!channel> AWAKEN'; expected AWAKE or ASLEEP. Fix it with `daybreak wake shop`";
    Instant now = Instant.parse("2026-11-30T08:00:00Z");
    Plan plan = InvalidDesired.plan("shop", "state", problem, EnvironmentStatus.initial(), now);
    Plan again = InvalidDesired.plan("shop", "state", problem, plan.status(), now.plusSeconds(60));

    notifier.announce(Announcement.ofInvalidDesired(spec, plan));
    notifier.announce(Announcement.ofInvalidDesired(spec, again));
    eventually().until(() -> notifier.stats().pending() == 0 && notifier.stats().delivered() == 1);

    assertThat(topLevelPosts()).hasSize(1);
    assertThat(replies()).isEmpty();
    assertThat(requests("chat.update")).isEmpty();
    String visible = visible(topLevelPosts().get(0));
    assertThat(visible)
        .contains(":warning: shop: the desired item cannot be used")
        .contains("DesiredStateInvalid")
        .contains("`daybreak wake shop`")
        .contains("&lt;!channel&gt; AWAKEN")
        .doesNotContain("<!channel>");
  }

  @Test
  void deliver_slackAnswers429_waitsAtLeastRetryAfterBeforeTheRetry() {
    slack.stubFor(
        post("/api/chat.postMessage")
            .withRequestBody(notContaining("thread_ts"))
            .inScenario("rate limit")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
            .willSetStateTo("lifted"));
    slack.stubFor(
        post("/api/chat.postMessage")
            .withRequestBody(notContaining("thread_ts"))
            .inScenario("rate limit")
            .whenScenarioStateIs("lifted")
            .willReturn(okJson(postedJson(PARENT_TS))));
    SlackNotifier notifier = notifier(b -> b);

    notifier.announce(startOf("seed"));

    eventually().until(() -> notifier.stats().delivered() == 1);
    List<LoggedRequest> posts = topLevelPosts();
    assertThat(posts).hasSize(2);
    long waitedMillis =
        posts.get(1).getLoggedDate().getTime() - posts.get(0).getLoggedDate().getTime();
    assertThat(waitedMillis).isGreaterThanOrEqualTo(1_000);
    assertThat(notifier.stats().retried()).isEqualTo(1);
    assertThat(notifier.stats().givenUp()).isZero();
  }

  @Test
  void deliver_slackAnswers500Twice_retriesThenSucceedsAndUpdatesTheRightMessage() {
    slack.stubFor(
        post("/api/chat.postMessage")
            .withRequestBody(notContaining("thread_ts"))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(500))
            .willSetStateTo("one failure"));
    slack.stubFor(
        post("/api/chat.postMessage")
            .withRequestBody(notContaining("thread_ts"))
            .inScenario("flaky")
            .whenScenarioStateIs("one failure")
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("healthy"));
    slack.stubFor(
        post("/api/chat.postMessage")
            .withRequestBody(notContaining("thread_ts"))
            .inScenario("flaky")
            .whenScenarioStateIs("healthy")
            .willReturn(okJson(postedJson(PARENT_TS))));
    SlackNotifier notifier = notifier(b -> b);

    notifier.announce(startOf("seed"));
    eventually().until(() -> notifier.stats().delivered() == 1);
    notifier.announce(
        wake("seed", Phase.WAKING, 1, List.of(), service("a", 0, true, 1, 1, 0, Optional.empty())));
    eventually().until(() -> notifier.stats().delivered() == 2);

    assertThat(topLevelPosts()).hasSize(3);
    assertThat(requests("chat.update"))
        .singleElement()
        .satisfies(u -> assertThat(form(u)).containsEntry("ts", PARENT_TS));
    assertThat(notifier.stats().retried()).isEqualTo(2);
    assertThat(notifier.stats().givenUp()).isZero();
  }

  /** The HTTP timeout of the test where Slack hangs (and answers only after twice as long). */
  private static final Duration HANG_TIMEOUT = Duration.ofSeconds(5);

  @Test
  void announce_slackHangs_returnsAtOnceAndGivesUpOnOldMessagesCountingThem() {
    slack.resetAll();
    slack.stubFor(
        post(urlPathMatching("/api/.*"))
            .willReturn(okJson(postedJson(PARENT_TS)).withFixedDelay(10_000)));
    SlackNotifier notifier =
        notifier(
            b ->
                b.httpTimeout(HANG_TIMEOUT)
                    .maxAge(Duration.ofMillis(500))
                    .maxAttempts(3)
                    .drainTimeout(Duration.ZERO));

    long start = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      notifier.announce(startOf("env-" + i));
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    // Any announce that waited for Slack would take at least the HTTP timeout; the timeout is long
    // enough that 100 announces that do not wait stay well under it on a busy machine.
    assertThat(elapsed).isLessThan(HANG_TIMEOUT);
    eventually().until(() -> notifier.stats().givenUp() == 100);
    assertThat(notifier.stats().delivered()).isZero();
    assertThat(notifier.stats().pending()).isZero();
  }

  @Test
  void announce_updatesWhileThePostIsInFlight_onlyTheLatestContentIsSentAsOneUpdate() {
    stubPost(okJson(postedJson(PARENT_TS)).withFixedDelay(1_000));
    SlackNotifier notifier = notifier(b -> b);

    notifier.announce(
        wake(
            "seed",
            Phase.WAKING,
            0,
            List.of(transition(TransitionKind.WAKE_STARTED, 0, "Waking seed")),
            service("a", 0, false, 1, 0, 0, Optional.of(event("ev-0", 0, "progress-0")))));
    eventually().until(() -> notifier.stats().inFlight() == 1);
    for (int i = 1; i <= 9; i++) {
      notifier.announce(
          wake(
              "seed",
              Phase.WAKING,
              0,
              List.of(),
              service("a", 0, false, 1, 0, 0, Optional.of(event("ev-" + i, i, "progress-" + i)))));
    }
    eventually().until(() -> notifier.stats().pending() == 0 && notifier.stats().delivered() == 2);

    assertThat(topLevelPosts())
        .singleElement()
        .satisfies(p -> assertThat(visible(p)).contains("progress-0"));
    assertThat(requests("chat.update"))
        .singleElement()
        .satisfies(u -> assertThat(visible(u)).contains("progress-9").doesNotContain("progress-5"));
  }

  @Test
  void announce_outboxFull_dropsNewMessagesAndCountsThem() {
    stubPost(okJson(postedJson(PARENT_TS)).withFixedDelay(1_000));
    SlackNotifier notifier = notifier(b -> b.outboxCapacity(2).drainTimeout(Duration.ZERO));

    for (int i = 0; i < 5; i++) {
      notifier.announce(startOf("env-" + i));
    }

    assertThat(notifier.stats().pending()).isEqualTo(2);
    assertThat(notifier.stats().dropped()).isEqualTo(3);
  }

  @Test
  void announce_withoutTransitionsForAnUnknownOperation_postsNothing() {
    SlackNotifier notifier = notifier(b -> b);

    notifier.announce(
        wake("seed", Phase.AWAKE, -1, List.of(), service("a", 0, true, 1, 1, 0, Optional.empty())));

    eventually().until(() -> notifier.stats().pending() == 0);
    assertThat(topLevelPosts()).isEmpty();
    notifier.announce(startOf("seed"));
    eventually().until(() -> notifier.stats().delivered() == 1);
    assertThat(topLevelPosts())
        .singleElement()
        .satisfies(p -> assertThat(visible(p)).contains("Waking seed"));
  }

  @Test
  void announce_passWithUnchangedContent_sendsNoUpdate() {
    SlackNotifier notifier = notifier(b -> b);
    notifier.announce(startOf("seed"));
    eventually().until(() -> notifier.stats().delivered() == 1 && notifier.stats().pending() == 0);

    notifier.announce(
        wake(
            "seed", Phase.WAKING, 0, List.of(), service("a", 0, false, 1, 0, 0, Optional.empty())));

    assertThat(notifier.stats().pending()).isZero();
    notifier.close();
    assertThat(requests("chat.update")).isEmpty();
  }

  @Test
  void deliver_slackRefusesTheChannel_givesUpAtOnceWithoutRetrying() {
    stubPost(okJson("{\"ok\":false,\"error\":\"channel_not_found\"}"));
    SlackNotifier notifier = notifier(b -> b);

    notifier.announce(startOf("seed"));

    eventually().until(() -> notifier.stats().givenUp() == 1);
    assertThat(topLevelPosts()).hasSize(1);
    assertThat(notifier.stats().retried()).isZero();
  }

  @Test
  void deliver_messageDeletedInSlack_postsANewMessageInsteadOfUpdating() {
    slack.stubFor(
        post("/api/chat.update")
            .willReturn(okJson("{\"ok\":false,\"error\":\"message_not_found\"}")));
    SlackNotifier notifier = notifier(b -> b);
    notifier.announce(startOf("seed"));
    eventually().until(() -> notifier.stats().delivered() == 1);

    notifier.announce(
        wake("seed", Phase.WAKING, 1, List.of(), service("a", 0, true, 1, 1, 0, Optional.empty())));

    eventually().until(() -> notifier.stats().delivered() == 2);
    assertThat(requests("chat.update")).hasSize(1);
    assertThat(topLevelPosts()).hasSize(2);
    assertThat(visible(topLevelPosts().get(1))).contains("runningCount 1");
  }

  @Test
  void deliver_posted_recordsTheThreadInTheStore() {
    SlackNotifier notifier = notifier(b -> b);

    notifier.announce(startOf("seed"));

    eventually().until(() -> store.notificationThread("seed").isPresent());
    NotificationThread thread = store.notificationThread("seed").orElseThrow();
    assertThat(thread.operationId()).isEqualTo(startOf("seed").operationId());
    assertThat(thread.operationStartedAt()).isEqualTo(Fixtures.STARTED);
    assertThat(thread.channel()).isEqualTo(CHANNEL_ID);
    assertThat(thread.ts()).isEqualTo(PARENT_TS);
  }

  @Test
  void announce_afterARestart_updatesTheRecordedMessageAndRepliesInItsThread_postingNoOther() {
    SlackNotifier before = notifier(b -> b);
    before.announce(startOf("seed"));
    eventually().until(() -> store.notificationThread("seed").isPresent());
    before.close();
    SlackNotifier after = notifier(b -> b);

    after.announce(
        wake(
            "seed", Phase.WAKING, 0, List.of(), service("a", 0, false, 1, 0, 0, Optional.empty())));
    after.announce(
        wake(
            "seed",
            Phase.WAKING,
            1,
            List.of(transition(TransitionKind.TIER_DONE, 0, "Tier 0 is ready: a", "a")),
            service("a", 0, true, 1, 1, 0, Optional.empty())));

    eventually()
        .until(() -> after.stats().pending() == 0 && requests("chat.postMessage").size() == 2);
    assertThat(topLevelPosts()).as("only the first process posted a message").hasSize(1);
    List<LoggedRequest> updates = requests("chat.update");
    assertThat(updates)
        .isNotEmpty()
        .allSatisfy(
            u -> {
              assertThat(form(u).get("ts")).isEqualTo(PARENT_TS);
              assertThat(form(u).get("channel")).isEqualTo(CHANNEL_ID);
            });
    assertThat(visible(updates.get(updates.size() - 1))).contains("runningCount 1");
    assertThat(replies())
        .singleElement()
        .satisfies(r -> assertThat(form(r).get("thread_ts")).isEqualTo(PARENT_TS));
  }

  @Test
  void announce_withoutTransitions_forAnOperationRecordedByAnotherProcess_updatesItsMessage() {
    store.recordNotificationThread(
        new NotificationThread(
            "seed",
            startOf("seed").operationId(),
            Fixtures.STARTED,
            CHANNEL_ID,
            "1699999999.000900",
            Fixtures.STARTED));
    SlackNotifier notifier = notifier(b -> b);

    notifier.announce(
        wake("seed", Phase.AWAKE, -1, List.of(), service("a", 0, true, 1, 1, 0, Optional.empty())));

    eventually().until(() -> notifier.stats().delivered() == 1);
    assertThat(topLevelPosts()).isEmpty();
    assertThat(requests("chat.update"))
        .singleElement()
        .satisfies(u -> assertThat(form(u).get("ts")).isEqualTo("1699999999.000900"));
  }

  @Test
  void close_pendingMessages_areDeliveredBeforeItReturns() {
    SlackNotifier notifier = notifier(b -> b.drainTimeout(Duration.ofSeconds(10)));
    notifier.announce(startOf("seed"));

    notifier.close();

    assertThat(notifier.stats().delivered()).isEqualTo(1);
    assertThat(topLevelPosts()).hasSize(1);
  }

  private static Announcement startOf(String environment) {
    return wake(
        environment,
        Phase.WAKING,
        0,
        List.of(transition(TransitionKind.WAKE_STARTED, 0, "Waking " + environment)),
        service("a", 0, false, 1, 0, 0, Optional.empty()));
  }
}
