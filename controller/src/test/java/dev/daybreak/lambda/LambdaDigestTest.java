package dev.daybreak.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.util.Modules;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.savings.Downtime;
import dev.daybreak.model.savings.TaskSize;
import dev.daybreak.runtime.Lifecycle;
import dev.daybreak.runtime.SimulatorModule;
import dev.daybreak.slack.BotToken;
import dev.daybreak.slack.Notifier;
import dev.daybreak.slack.SlackNotifier;
import dev.daybreak.slack.SlackSettings;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.time.ExecutorScheduler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The serverless mode sends the weekly savings digest too: each scheduled invocation checks once,
 * and the claim in the state table keeps it to one message per channel and week.
 */
class LambdaDigestTest {

  private static final Instant MONDAY_NINE_THIRTY = Instant.parse("2026-12-07T09:30:00Z");

  private static final String SCHEDULED_EVENT =
      """
      {"version": "0", "id": "1", "detail-type": "Scheduled Event", "source": "aws.events",
       "account": "123456789012", "time": "2026-12-07T09:30:00Z", "region": "us-east-1",
       "resources": ["arn:aws:events:us-east-1:123456789012:rule/daybreak"], "detail": {}}
      """;

  private final Clock clock = Clock.fixed(MONDAY_NINE_THIRTY, ZoneOffset.UTC);
  private final InMemoryStateStore store = new InMemoryStateStore(clock);
  private final ExecutorScheduler slackScheduler = new ExecutorScheduler("test-lambda-digest");
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
  void stop() {
    slackScheduler.close();
    slack.stop();
  }

  @Test
  void scheduledInvocations_onMonday_postLastWeeksDigestOnce() throws Exception {
    store.applySpec(
        Manifests.parse(
                "shop.yaml",
                """
                apiVersion: daybreak.dev/v1
                kind: Environment
                metadata: {name: shop}
                spec:
                  cluster: dev
                  services: [{name: api}]
                  notify:
                    slack:
                      channel: "#shop-dev"
                      digest: weekly
                """)
            .get(0));
    // The hand-checked task (0.5 vCPU, 1 GB, x86 Linux) down 14 h last Tuesday: $0.3456.
    Instant from = Instant.parse("2026-12-01T20:00:00Z");
    store.recordDowntimes(
        "shop",
        List.of(
            new Downtime(
                "api",
                from,
                from.plus(Duration.ofHours(14)),
                1,
                Optional.of(TaskSize.linuxX86(512, 1024)))));
    EcsSimulator sim = new EcsSimulator(SimSettings.builder().build(), clock);
    sim.provision("dev", List.of("api"));

    try (EcsSimServer server = EcsSimServer.start(sim, 0)) {
      for (int invocation = 0; invocation < 2; invocation++) {
        new LambdaHandler(
                env -> withSlack(SimulatorModule.realTime(server, clock, store)),
                // As deploy/ sets it on the function; the prices are the region's.
                Map.of("DAYBREAK_REGION", "us-east-1"))
            .handleRequest(
                new ByteArrayInputStream(SCHEDULED_EVENT.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(),
                new LambdaHandlerTest.TestContext(Duration.ofSeconds(60)));
      }
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> posted().size() == 1);
    assertThat(posted().get(0))
        .contains("week of 2026-11-30 to 2026-12-06")
        .contains("• shop: $0.35 (14.0 task-hours)");
    assertThat(posted()).as("the second invocation finds the week claimed").hasSize(1);
  }

  private List<String> posted() {
    return slack.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage"))).stream()
        .map(r -> text(r.getBodyAsString()))
        .toList();
  }

  private static String text(String form) {
    for (String pair : form.split("&")) {
      if (pair.startsWith("text=")) {
        return URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  /** The simulator's seams with a real Slack notifier posting to the mock on 127.0.0.1. */
  private Module withSlack(Module simulator) {
    return Modules.override(simulator)
        .with(
            new AbstractModule() {
              @Provides
              @Singleton
              Notifier notifier(Lifecycle lifecycle) {
                return lifecycle.own(
                    "Slack notifier",
                    SlackNotifier.create(
                        SlackSettings.builder()
                            .apiUrl(URI.create("http://127.0.0.1:" + slack.port() + "/api"))
                            .retry(Duration.ofMillis(20), Duration.ofMillis(200))
                            .httpTimeout(Duration.ofSeconds(5))
                            .build(),
                        new BotToken("xoxb-test-token"),
                        store,
                        Clock.systemUTC(),
                        slackScheduler));
              }
            });
  }
}
