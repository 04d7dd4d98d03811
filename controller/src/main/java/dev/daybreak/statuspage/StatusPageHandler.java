package dev.daybreak.statuspage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.daybreak.time.Monotonic;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status page on the controller's HTTP server: the pages of {@link StatusPage}, and {@code GET
 * /events?path=PAGE}, a Server-Sent Events stream that sends the page's new {@code <main>} whenever
 * it renders differently. Renders are shared by every open page on the same path for {@link
 * #FRESH}, so open tabs cost the store and ECS reads per distinct page, not per tab.
 */
public final class StatusPageHandler implements HttpHandler, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StatusPageHandler.class);

  /**
   * How often an open stream looks for a change; with {@link #FRESH}, a change shows within 2 s.
   */
  static final Duration POLL = Duration.ofMillis(400);

  /** How long one rendering of a page serves every stream following it. */
  static final Duration FRESH = Duration.ofMillis(800);

  /** A comment line this often keeps proxies from closing an idle stream. */
  static final Duration KEEPALIVE = Duration.ofSeconds(15);

  /** Streams open at once; more are refused with 503 (each holds a thread). */
  static final int MAX_STREAMS = 32;

  /** Distinct pages whose renderings are kept. */
  private static final int MAX_CACHED = 64;

  private record Rendering(long at, String main) {}

  private final StatusPage page;
  private final Monotonic monotonic;
  private final Map<String, Rendering> renderings = new ConcurrentHashMap<>();
  private final Semaphore streams = new Semaphore(MAX_STREAMS);
  private final CountDownLatch closing = new CountDownLatch(1);

  public StatusPageHandler(StatusPage page) {
    this(page, Monotonic.system());
  }

  StatusPageHandler(StatusPage page, Monotonic monotonic) {
    this.page = page;
    this.monotonic = monotonic;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    if (!"GET".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "GET");
      try (exchange) {
        send(
            exchange,
            new StatusPage.Response(
                405, StatusPage.headers("text/plain; charset=utf-8"), "only GET\n"));
      }
      return;
    }
    if (uri.getPath().equals("/events")) {
      stream(exchange, StatusPage.parameter(Optional.ofNullable(uri.getRawQuery()), "path"));
      return;
    }
    try (exchange) {
      StatusPage.Response response;
      try {
        response = page.get(uri.getPath(), Optional.ofNullable(uri.getRawQuery()));
      } catch (RuntimeException e) {
        LOG.warn("status page {} failed", uri.getPath(), e);
        response =
            new StatusPage.Response(
                500,
                StatusPage.headers("text/plain; charset=utf-8"),
                "the status page could not be rendered: " + e.getMessage() + "\n");
      }
      send(exchange, response);
    }
  }

  private void stream(HttpExchange exchange, Optional<String> target) throws IOException {
    Optional<URI> followed = target.flatMap(StatusPageHandler::pageUri);
    if (followed.isEmpty()) {
      try (exchange) {
        send(
            exchange,
            new StatusPage.Response(
                400,
                StatusPage.headers("text/plain; charset=utf-8"),
                "/events needs ?path= a page of this site: / (with ?l=SELECTOR) or /env/NAME\n"));
      }
      return;
    }
    if (!streams.tryAcquire()) {
      try (exchange) {
        send(
            exchange,
            new StatusPage.Response(
                503,
                StatusPage.headers("text/plain; charset=utf-8"),
                "too many open status pages (" + MAX_STREAMS + "); reload later\n"));
      }
      return;
    }
    Thread thread =
        new Thread(
            () -> {
              try (exchange) {
                follow(exchange, followed.get());
              } catch (IOException e) {
                LOG.debug("a status page stream ended: {}", e.getMessage());
              } catch (RuntimeException e) {
                LOG.warn("a status page stream failed", e);
              } finally {
                streams.release();
              }
            },
            "daybreak-status-events");
    thread.setDaemon(true);
    thread.start();
  }

  /** Sends the page's {@code <main>} at once and again whenever it changes, until closed. */
  private void follow(HttpExchange exchange, URI target) throws IOException {
    Map<String, String> headers = StatusPage.headers("text/event-stream; charset=utf-8");
    headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    out.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
    String sent = null;
    long lastWrite = monotonic.nanos();
    while (closing.getCount() > 0) {
      String main = rendering(target);
      if (!main.equals(sent)) {
        out.write(event("page", main));
        out.flush();
        sent = main;
        lastWrite = monotonic.nanos();
      } else if (monotonic.nanos() - lastWrite > KEEPALIVE.toNanos()) {
        out.write(": keepalive\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        lastWrite = monotonic.nanos();
      }
      try {
        if (closing.await(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The page's {@code <main>}, rendered at most once per {@link #FRESH} for all streams. */
  private String rendering(URI target) {
    String key = target.toString();
    if (renderings.size() > MAX_CACHED) {
      renderings.clear();
    }
    return renderings
        .compute(
            key,
            (k, cached) -> {
              long now = monotonic.nanos();
              if (cached != null && now - cached.at() < FRESH.toNanos()) {
                return cached;
              }
              return new Rendering(
                  now, page.main(target.getPath(), Optional.ofNullable(target.getRawQuery())));
            })
        .main();
  }

  /** One SSE event; every line of {@code data} becomes a {@code data:} line. */
  static byte[] event(String name, String data) {
    StringBuilder b = new StringBuilder("event: ").append(name).append('\n');
    for (String line : data.split("\r\n|\r|\n", -1)) {
      b.append("data: ").append(line).append('\n');
    }
    return b.append('\n').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The page a stream follows, when {@code path} is one of this site's pages. */
  private static Optional<URI> pageUri(String path) {
    try {
      URI uri = new URI(path);
      if (uri.getScheme() != null || uri.getAuthority() != null || uri.getPath() == null) {
        return Optional.empty();
      }
      return StatusPage.isPage(uri.getPath()) ? Optional.of(uri) : Optional.empty();
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static void send(HttpExchange exchange, StatusPage.Response response) throws IOException {
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(response.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Ends every open stream (their pages reconnect to whoever serves next). */
  @Override
  public void close() {
    closing.countDown();
  }
}
