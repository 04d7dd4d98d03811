package dev.daybreak.savings;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.savings.Downtime;
import dev.daybreak.model.savings.TaskSize;
import dev.daybreak.slack.BotToken;
import dev.daybreak.slack.SlackNotifier;
import dev.daybreak.slack.SlackSettings;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.time.ExecutorScheduler;
import dev.daybreak.time.ManualClock;
import dev.daybreak.time.ManualScheduler;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The weekly savings digest on a virtual clock, over the in-memory store, posted by the real
 * SlackNotifier (real Slack SDK) to a Web API mock on 127.0.0.1.
 */
class WeeklyDigestTest {

  /** Sunday noon UTC; the digest is due Monday 2026-12-07 09:00 UTC for the week of 11-30. */
  private static final Instant SUNDAY_NOON = Instant.parse("2026-12-06T12:00:00Z");

  private static final Instant MONDAY_NINE = Instant.parse("2026-12-07T09:00:00Z");

  /** The hand-checked task: 0.5 vCPU, 1 GB, x86 Linux on Fargate. */
  private static final Optional<TaskSize> HALF_VCPU = Optional.of(TaskSize.linuxX86(512, 1024));

  private final ManualClock clock = new ManualClock(SUNDAY_NOON);
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final InMemoryStateStore store = new InMemoryStateStore(clock);
  private final SavingsService savings =
      new SavingsService(store, Pricing.builtIn(Optional.of("us-east-1")), clock);
  private final ExecutorScheduler slackScheduler = new ExecutorScheduler("test-digest-slack");
  private final List<AutoCloseable> closing = new ArrayList<>();
  private final List<Instant> handedOver = Collections.synchronizedList(new ArrayList<>());
  private WireMockServer slack;

  @BeforeEach
  void startSlack() {
    slack = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    slack.start();
    slack.stubFor(
        post("/api/chat.postMessage")
            .willReturn(okJson("{\"ok\":true,\"channel\":\"C0SHOPDEV1\",\"ts\":\"1.000100\"}")));
  }

  @AfterEach
  void stopAll() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
    slackScheduler.close();
    slack.stop();
  }

  private void apply(String name, String slackLines) {
    store.applySpec(
        Manifests.parse(
                name + ".yaml",
                """
                apiVersion: daybreak.dev/v1
                kind: Environment
                metadata: {name: %s}
                spec:
                  cluster: dev
                  services: [{name: api}]
                  notify:
                    slack:
                      channel: "#shop-dev"
                %s
                """
                    .formatted(name, slackLines))
            .get(0));
  }

  /** {@code hours} of the hand-checked task kept down on Tuesday of last week. */
  private void downLastWeek(String environment, int hours) {
    Instant from = Instant.parse("2026-12-01T20:00:00Z");
    store.recordDowntimes(
        environment,
        List.of(new Downtime("api", from, from.plus(Duration.ofHours(hours)), 1, HALF_VCPU)));
  }

  /** A controller replica's digest, posting through its own real Slack notifier. */
  private WeeklyDigest replica() {
    SlackNotifier notifier =
        SlackNotifier.create(
            SlackSettings.builder()
                .apiUrl(URI.create("http://127.0.0.1:" + slack.port() + "/api"))
                .retry(Duration.ofMillis(20), Duration.ofMillis(200))
                .httpTimeout(Duration.ofSeconds(5))
                .build(),
            new BotToken("xoxb-test-token"),
            store,
            Clock.systemUTC(),
            slackScheduler);
    closing.add(notifier);
    WeeklyDigest digest =
        new WeeklyDigest(
            store,
            savings,
            (key, channel, text) -> {
              handedOver.add(clock.instant());
              notifier.post(key, channel, text);
            },
            Optional.empty(),
            clock,
            scheduler);
    closing.add(digest);
    return digest;
  }

  private List<String> postedTexts() {
    return slack.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage"))).stream()
        .map(WeeklyDigestTest::text)
        .toList();
  }

  private static String text(LoggedRequest r) {
    for (String pair : r.getBodyAsString().split("&")) {
      if (pair.startsWith("text=")) {
        return URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  @Test
  void digest_mondayNine_listsEachOptedInEnvironmentsLastWeekToTheCentAndTheTotal() {
    apply("shop", "      digest: weekly");
    apply("pay", "      digest: weekly");
    apply("quiet", "");
    // 14 x (0.5 x 0.04048 + 1 x 0.004445) = $0.3456, the hand-checked figure.
    downLastWeek("shop", 14);
    downLastWeek("pay", 28);
    downLastWeek("quiet", 14);
    replica().start();

    scheduler.advance(Duration.between(SUNDAY_NOON, MONDAY_NINE).minusMinutes(1));
    assertThat(handedOver).as("nothing before Monday 09:00").isEmpty();
    scheduler.advance(Duration.ofHours(3));

    assertThat(handedOver).containsExactly(MONDAY_NINE);
    await().atMost(Duration.ofSeconds(20)).until(() -> postedTexts().size() == 1);
    assertThat(postedTexts().get(0))
        .contains("week of 2026-11-30 to 2026-12-06")
        .contains("• pay: $0.69 (28.0 task-hours)")
        .contains("• shop: $0.35 (14.0 task-hours)")
        .contains("*Total: $1.04* (42.0 task-hours, 2 environments; Fargate prices of ")
        .contains(savings.pricing().table().date().toString())
        .doesNotContain("quiet");
    assertThat(slack.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage"))).get(0))
        .extracting(r -> r.getBodyAsString())
        .asString()
        .contains("channel=%23shop-dev");
  }

  @Test
  void twoReplicasAndARestart_inTheSameWeek_postOnce() {
    apply("shop", "      digest: weekly");
    downLastWeek("shop", 14);
    replica().start();
    replica().start();

    scheduler.advance(Duration.between(SUNDAY_NOON, MONDAY_NINE).plusHours(5));
    List<WeeklyDigest.Sent> afterRestart = replica().runOnce();

    assertThat(handedOver).containsExactly(MONDAY_NINE);
    assertThat(afterRestart).isEmpty();
    await().atMost(Duration.ofSeconds(20)).until(() -> postedTexts().size() == 1);

    // The next week is a new claim: one more digest, at the next Monday 09:00.
    scheduler.advance(Duration.ofDays(7));
    assertThat(handedOver).containsExactly(MONDAY_NINE, MONDAY_NINE.plus(Duration.ofDays(7)));
    await().atMost(Duration.ofSeconds(20)).until(() -> postedTexts().size() == 2);
    assertThat(postedTexts().get(1))
        .contains("week of 2026-12-07 to 2026-12-13")
        .contains("• shop: $0.00 (0.0 task-hours)");
  }

  @Test
  void environmentsWithoutDigestWeekly_getNoDigest() {
    apply("quiet", "");
    apply("muted", "      digest: \"off\"");
    downLastWeek("quiet", 14);
    downLastWeek("muted", 14);
    WeeklyDigest digest = replica().start();

    scheduler.advance(Duration.ofDays(8));

    assertThat(handedOver).isEmpty();
    assertThat(digest.runOnce()).isEmpty();
    assertThat(slack.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage")))).isEmpty();
  }

  @Test
  void lastDue_isMondayNineInTheEnvironmentsTimeZone_andWeeksAreIso() {
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    // Monday 2026-12-07 09:00 in Tokyo is 00:00 UTC; in UTC it is nine hours later.
    assertThat(WeeklyDigest.lastDue(tokyo, Instant.parse("2026-12-06T23:59:00Z")))
        .isEqualTo(LocalDate.of(2026, 11, 30));
    assertThat(WeeklyDigest.lastDue(tokyo, Instant.parse("2026-12-07T00:00:00Z")))
        .isEqualTo(LocalDate.of(2026, 12, 7));
    assertThat(WeeklyDigest.lastDue(ZoneId.of("UTC"), Instant.parse("2026-12-07T08:59:59Z")))
        .isEqualTo(LocalDate.of(2026, 11, 30));
    assertThat(WeeklyDigest.isoWeek(LocalDate.of(2026, 12, 7))).isEqualTo("2026-W50");
    assertThat(WeeklyDigest.isoWeek(LocalDate.of(2026, 12, 28))).isEqualTo("2026-W53");
    assertThat(WeeklyDigest.isoWeek(LocalDate.of(2027, 1, 4))).isEqualTo("2027-W01");
  }
}
