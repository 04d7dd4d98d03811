package dev.daybreak.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The controller's one embedded HTTP server: {@code GET /healthz} (alive), {@code GET /readyz}
 * (able to do its part), {@code GET /metrics} (Prometheus text format); the Slack endpoint mounts
 * here too. Port 0 picks a free port.
 */
public final class HttpEndpoints implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;

  private HttpEndpoints(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** The Prometheus text exposition format's content type. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /** Starts serving {@code /healthz} only on {@code address:port}. */
  public static HttpEndpoints start(String address, int port) throws IOException {
    return start(address, port, () -> "", () -> Readiness.ready("no readiness checks"));
  }

  /**
   * Starts serving on {@code address:port}.
   *
   * @param metrics the current scrape in Prometheus text format
   * @param readiness whether this replica is ready; 503 when it is not
   */
  public static HttpEndpoints start(
      String address, int port, Supplier<String> metrics, Supplier<Readiness> readiness)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
    ExecutorService executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "daybreak-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/healthz", get(() -> new Response(200, PLAIN_TEXT, "ok\n")));
    server.createContext(
        "/readyz",
        get(
            () -> {
              Readiness r = readiness.get();
              return new Response(r.ready() ? 200 : 503, PLAIN_TEXT, r.detail() + "\n");
            }));
    server.createContext("/metrics", get(() -> new Response(200, PROMETHEUS_TEXT, metrics.get())));
    server.start();
    return new HttpEndpoints(server, executor);
  }

  /**
   * Serves {@code path} (and everything below it) with {@code handler} beside {@code /healthz}.
   *
   * @throws IllegalArgumentException when the path is already served
   */
  public HttpEndpoints mount(String path, HttpHandler handler) {
    server.createContext(path, handler);
    return this;
  }

  /** The port actually bound. */
  public int port() {
    return server.getAddress().getPort();
  }

  private static final String PLAIN_TEXT = "text/plain; charset=utf-8";

  private record Response(int status, String contentType, String body) {}

  private static HttpHandler get(Supplier<Response> response) {
    return exchange -> {
      try (exchange) {
        if (!"GET".equals(exchange.getRequestMethod())) {
          respond(exchange, new Response(405, PLAIN_TEXT, "only GET\n"));
          return;
        }
        Response r;
        try {
          r = response.get();
        } catch (RuntimeException e) {
          r = new Response(500, PLAIN_TEXT, "failed: " + e.getMessage() + "\n");
        }
        respond(exchange, r);
      }
    };
  }

  private static void respond(HttpExchange exchange, Response response) throws IOException {
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    int status = response.status();
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
