package dev.daybreak.chatops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.daybreak.time.Monotonic;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Mounts a {@link SlackEndpoint} on the JDK's HTTP server: {@code POST} only; reads at most one
 * byte more than the body limit, so an oversized body is refused without buffering it.
 *
 * <p>Every response carries how long this replica took to answer, from reading the request to
 * sending the status, as a W3C {@code Server-Timing: app;dur=<milliseconds>} header: Slack gives a
 * command three seconds to be acknowledged, and the header lets an operator (or a test) see this
 * replica's share of that budget apart from the network's.
 */
public final class SlackHttpHandler implements HttpHandler {

  /** The response header naming this replica's handling time ("Server Timing", W3C). */
  public static final String SERVER_TIMING = "Server-Timing";

  private final SlackEndpoint endpoint;
  private final Monotonic monotonic = Monotonic.system();

  public SlackHttpHandler(SlackEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long started = monotonic.nanos();
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        send(exchange, RawResponse.text(405, "only POST\n"), started);
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(endpoint.maxBodyBytes() + 1);
      }
      Map<String, List<String>> headers = new HashMap<>(exchange.getRequestHeaders());
      RawRequest request =
          new RawRequest(
              exchange.getRequestURI().getPath(),
              Optional.ofNullable(exchange.getRequestURI().getRawQuery()),
              headers,
              body,
              String.valueOf(exchange.getRemoteAddress()));
      send(exchange, endpoint.handle(request), started);
    }
  }

  private void send(HttpExchange exchange, RawResponse response, long started) throws IOException {
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    response.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
    exchange
        .getResponseHeaders()
        .set(SERVER_TIMING, serverTiming(Duration.ofNanos(monotonic.nanos() - started)));
    exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** {@code app;dur=12.345}: the handling time in milliseconds, as Server-Timing writes it. */
  static String serverTiming(Duration took) {
    return String.format(Locale.ROOT, "app;dur=%.3f", took.toNanos() / 1e6);
  }
}
