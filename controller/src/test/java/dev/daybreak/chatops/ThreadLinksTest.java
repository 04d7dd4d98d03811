package dev.daybreak.chatops;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.Phase;
import dev.daybreak.model.State;
import dev.daybreak.slack.BotToken;
import dev.daybreak.slack.Permalinks;
import dev.daybreak.slack.SlackSettings;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.NotificationThread;
import dev.daybreak.time.ManualClock;
import dev.daybreak.time.ManualScheduler;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which thread a write leads to, and how it is linked. */
class ThreadLinksTest {

  private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");
  private static final Instant STARTED = T0.plusSeconds(1);
  private static final Optional<String> ACME = Optional.of("acme");

  private final ManualClock clock = new ManualClock(T0);
  private final InMemoryStateStore store = new InMemoryStateStore(clock);

  private ThreadLinks links(Permalinks permalinks) {
    return new ThreadLinks(
        store, permalinks, clock, new ManualScheduler(clock), ThreadLinks.DEFAULT_WAIT);
  }

  @Test
  void find_threadOfTheCurrentOperationRecorded_linksItInTheArchiveForm() {
    status(State.AWAKE, STARTED);
    record("seed/wake/" + STARTED);

    assertThat(links(Permalinks.archiveOnly()).find("seed", State.AWAKE, ACME))
        .contains("https://acme.slack.com/archives/C0DEVENVS/p1700000000000100");
  }

  @Test
  void find_beforeTheControllerTookTheWriteUp_findsNothing() {
    status(State.ASLEEP, T0.minus(Duration.ofHours(10)));
    record("seed/sleep/" + T0.minus(Duration.ofHours(10)));

    assertThat(links(Permalinks.archiveOnly()).find("seed", State.AWAKE, ACME)).isEmpty();
  }

  @Test
  void find_statusMovedOnButThreadNotPostedYet_findsNothing() {
    record("seed/sleep/" + T0.minus(Duration.ofHours(10)));
    status(State.AWAKE, STARTED);

    assertThat(links(Permalinks.archiveOnly()).find("seed", State.AWAKE, ACME)).isEmpty();
    assertThat(links(Permalinks.archiveOnly()).find("nosuchenv", State.AWAKE, ACME)).isEmpty();
  }

  @Test
  void find_withoutAWorkspaceDomainOrBotToken_hasNoLinkToGive() {
    status(State.AWAKE, STARTED);
    record("seed/wake/" + STARTED);

    assertThat(links(Permalinks.archiveOnly()).find("seed", State.AWAKE, Optional.empty()))
        .isEmpty();
  }

  @Test
  void find_withABotToken_asksSlackForThePermalink_andFallsBackWhenSlackRefuses() {
    WireMockServer slack = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    slack.start();
    SlackSettings settings =
        SlackSettings.builder()
            .apiUrl(URI.create("http://127.0.0.1:" + slack.port() + "/api/"))
            .build();
    status(State.AWAKE, STARTED);
    record("seed/wake/" + STARTED);
    try (ThreadLinks links = links(Permalinks.viaApi(settings, new BotToken("xoxb-test")))) {
      slack.stubFor(
          post("/api/chat.getPermalink")
              .willReturn(
                  okJson(
                      "{\"ok\":true,\"channel\":\"C0DEVENVS\",\"permalink\":"
                          + "\"https://acme.slack.com/archives/C0DEVENVS/p1700000000000100"
                          + "?thread_ts=1700000000.000100\"}")));

      assertThat(links.find("seed", State.AWAKE, ACME))
          .contains(
              "https://acme.slack.com/archives/C0DEVENVS/p1700000000000100"
                  + "?thread_ts=1700000000.000100");

      slack.stubFor(
          post("/api/chat.getPermalink")
              .willReturn(okJson("{\"ok\":false,\"error\":\"missing_scope\"}")));

      assertThat(links.find("seed", State.AWAKE, ACME))
          .contains("https://acme.slack.com/archives/C0DEVENVS/p1700000000000100");
    } finally {
      slack.stop();
    }
  }

  @Test
  void nextPoll_doublesUpToTwoSeconds_andNeverPastTheDeadline() {
    ThreadLinks links = links(Permalinks.archiveOnly());
    Instant deadline = T0.plus(Duration.ofSeconds(5));

    assertThat(links.nextPoll(Duration.ofMillis(250), deadline)).isEqualTo(Duration.ofMillis(500));
    assertThat(links.nextPoll(Duration.ofSeconds(1), deadline)).isEqualTo(Duration.ofSeconds(2));
    assertThat(links.nextPoll(Duration.ofSeconds(2), deadline)).isEqualTo(Duration.ofSeconds(2));
    clock.advance(Duration.ofMillis(4_700));
    assertThat(links.nextPoll(Duration.ofSeconds(2), deadline)).isEqualTo(Duration.ofMillis(300));
    clock.advance(Duration.ofSeconds(1));
    assertThat(links.nextPoll(Duration.ofSeconds(2), deadline)).isEqualTo(Duration.ZERO);
  }

  private void status(State target, Instant startedAt) {
    long version = store.status("seed").map(s -> s.version()).orElse(0L);
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
        version);
  }

  private void record(String operationId) {
    Instant startedAt = Instant.parse(operationId.substring(operationId.lastIndexOf('/') + 1));
    store.recordNotificationThread(
        new NotificationThread(
            "seed", operationId, startedAt, "C0DEVENVS", "1700000000.000100", startedAt));
  }
}
