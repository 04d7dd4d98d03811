package dev.daybreak.chatops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.daybreak.store.InMemoryStateStore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JDK HTTP front end of chat-ops, on a real server on loopback. */
class SlackHttpHandlerTest {

  private static final Pattern TIMING = Pattern.compile("app;dur=(\\d+\\.\\d{3})");

  private final Clock clock = Clock.systemUTC();
  private final ChatOps chatOps =
      new ChatOps(
          new Commands(
              new InMemoryStateStore(clock),
              new ChatOpsSettings(ZoneOffset.UTC, List.of(), List.of()),
              clock,
              env -> {}));
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
    chatOps.close();
  }

  @Test
  void everyAnswer_namesItsOwnHandlingTime_inAServerTimingHeader() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        SlackApp.PATH,
        new SlackHttpHandler(
            SlackApp.endpoint(
                new SigningSecret("8f742231b10e8888abcd99yyyzzz85a5"),
                chatOps,
                clock,
                RequestGuard.DEFAULT_MAX_BODY_BYTES)));
    server.start();
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + SlackApp.PATH);
    HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get =
        http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> unsigned =
        http.send(
            HttpRequest.newBuilder(uri)
                .header("Content-Type", FormBody.FORM)
                .POST(HttpRequest.BodyPublishers.ofString("command=%2Fdaybreak&text=status"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(unsigned.statusCode()).isEqualTo(401);
    for (HttpResponse<String> response : List.of(get, unsigned)) {
      String header = response.headers().firstValue(SlackHttpHandler.SERVER_TIMING).orElseThrow();
      Matcher m = TIMING.matcher(header);
      assertThat(m.matches()).as("Server-Timing %s", header).isTrue();
      assertThat(Double.parseDouble(m.group(1))).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void serverTiming_isMillisecondsWithThreeDecimals_whateverTheLocale() {
    assertThat(SlackHttpHandler.serverTiming(Duration.ofNanos(1_234_567_891)))
        .isEqualTo("app;dur=1234.568");
    assertThat(SlackHttpHandler.serverTiming(Duration.ZERO)).isEqualTo("app;dur=0.000");
  }
}
