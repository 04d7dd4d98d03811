package dev.daybreak.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.daybreak.http.HttpEndpoints;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The status page on the controller's embedded HTTP server, over real HTTP on loopback. */
class StatusPageHandlerTest {

  private final Fixture fixture = new Fixture(true);
  private final StatusPageHandler handler = new StatusPageHandler(fixture.page);
  private final HttpEndpoints server;
  private final HttpClient http = HttpClient.newHttpClient();

  StatusPageHandlerTest() throws Exception {
    server = HttpEndpoints.start("127.0.0.1", 0).mount("/", handler);
  }

  @AfterEach
  void stop() {
    handler.close();
    server.close();
  }

  private URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  @Test
  void pages_areServedBesideHealthzWithTheSecurityHeaders() throws Exception {
    HttpResponse<String> page =
        http.send(HttpRequest.newBuilder(uri("/")).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(uri("/healthz")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .contains(StatusPage.CONTENT_SECURITY_POLICY);
    assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(page.body()).contains("data-env=\"seed\"");
    assertThat(health.body()).isEqualTo("ok\n");
  }

  @Test
  void aPost_is405() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri("/")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
  }

  @Test
  void events_sendThePageAtOnceAndAgainWithinTwoSecondsOfAStoreChange() {
    List<String> lines = new CopyOnWriteArrayList<>();
    CompletableFuture<HttpResponse<Stream<String>>> stream =
        http.sendAsync(
            HttpRequest.newBuilder(uri("/events?path=%2F")).build(),
            HttpResponse.BodyHandlers.ofLines());
    stream.thenAccept(r -> r.body().forEach(lines::add));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> lines.stream().anyMatch(l -> l.contains("data-env=\"seed\"")));
    assertThat(stream.join().headers().firstValue("Content-Type"))
        .contains("text/event-stream; charset=utf-8");
    assertThat(lines).contains("event: page");
    assertThat(lines).noneMatch(l -> l.contains("phase-waking"));

    fixture.seedWakingTierTwo();

    await()
        .atMost(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> lines.stream().anyMatch(l -> l.contains("phase-waking")));
    assertThat(lines)
        .allMatch(
            l ->
                l.isEmpty()
                    || l.startsWith("data: ")
                    || l.startsWith("event: ")
                    || l.startsWith("retry: "));
  }

  @Test
  void events_ofAnEnvironmentPage_sendANewEcsEventWithinTwoSeconds() {
    List<String> lines = new CopyOnWriteArrayList<>();
    http.sendAsync(
            HttpRequest.newBuilder(uri("/events?path=%2Fenv%2Fseed")).build(),
            HttpResponse.BodyHandlers.ofLines())
        .thenAccept(r -> r.body().forEach(lines::add));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> lines.stream().anyMatch(l -> l.contains("data-service=\"a\"")));

    fixture.sim.injectEvent("dev", "c", "(service c) was unable to place a task.");

    await()
        .atMost(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> lines.stream().anyMatch(l -> l.contains("was unable to place a task")));
  }

  @Test
  void events_forAPathOutsideTheSite_is400() throws Exception {
    for (String path : List.of("http%3A%2F%2Fevil.example%2F", "%2Fmetrics", "")) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri("/events?path=" + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isEqualTo(400);
    }
  }

  @Test
  void sseEvent_putsEveryLineOfTheDataOnADataLine() {
    assertThat(new String(StatusPageHandler.event("page", "<main>\na\r\nb</main>")))
        .isEqualTo("event: page\ndata: <main>\ndata: a\ndata: b</main>\n\n");
  }
}
