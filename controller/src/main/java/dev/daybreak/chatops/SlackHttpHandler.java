package dev.daybreak.chatops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mounts a {@link SlackEndpoint} on the JDK's HTTP server: {@code POST} only; reads at most one
 * byte more than the body limit, so an oversized body is refused without buffering it.
 */
public final class SlackHttpHandler implements HttpHandler {

  private final SlackEndpoint endpoint;

  public SlackHttpHandler(SlackEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        send(exchange, RawResponse.text(405, "only POST\n"));
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
      send(exchange, endpoint.handle(request));
    }
  }

  private static void send(HttpExchange exchange, RawResponse response) throws IOException {
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    response.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
    exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
