package dev.daybreak.ecssim.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.SimWorlds;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulator on HTTP, on the loopback interface only: ECS's awsJson1_1 protocol, Elastic Load
 * Balancing v2's and STS's Query protocol at {@code POST /} (told apart by {@link WorldRouter} and
 * {@link AwsRouter}; the AWS SDKs and the AWS CLI work against it with any credentials), in as many
 * accounts and regions as {@link SimWorlds} holds, and inspection and fault injection of the home
 * world under {@code /_sim/}.
 */
public final class EcsSimServer implements AutoCloseable {

  /** Threads answering requests: enough for a storm of concurrent callers on a small machine. */
  private static final int THREADS = 32;

  /**
   * The JDK server writes a response's headers and body separately; with Nagle's algorithm on, the
   * body then waits for the client's delayed ACK, and every call takes 40 ms more than it should.
   * Real ECS answers in milliseconds, so the simulator turns TCP_NODELAY on (the JDK server reads
   * this property once, when its first server is created), unless the JVM was told otherwise.
   */
  private static final String NODELAY = "sun.net.httpserver.nodelay";

  static {
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, HttpHandler> otherServices;

  private EcsSimServer(
      HttpServer server, ExecutorService executor, Map<String, HttpHandler> otherServices) {
    this.server = server;
    this.executor = executor;
    this.otherServices = otherServices;
  }

  /**
   * Serves {@code sim} on 127.0.0.1.
   *
   * @param port the port, or 0 for a free one (see {@link #port()})
   * @throws IOException when the port cannot be bound
   */
  public static EcsSimServer start(EcsSimulator sim, int port) throws IOException {
    return start(SimWorlds.of(sim), port);
  }

  /**
   * Serves {@code worlds} on 127.0.0.1: each call goes to the account of its access key and the
   * region of its credential scope, and STS's AssumeRole moves between accounts; inspection under
   * {@code /_sim/} is of the home world.
   *
   * @param port the port, or 0 for a free one (see {@link #port()})
   * @throws IOException when the port cannot be bound
   */
  public static EcsSimServer start(SimWorlds worlds, int port) throws IOException {
    EcsSimulator sim = worlds.home();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            THREADS,
            r -> {
              Thread t = new Thread(r, "ecs-sim-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    Map<String, HttpHandler> otherServices = new ConcurrentHashMap<>();
    server.createContext("/", new WorldRouter(worlds, otherServices));
    server.createContext("/_sim/", new InspectionHandler(sim));
    server.start();
    return new EcsSimServer(server, executor, otherServices);
  }

  /**
   * Serves another awsJson service on this port: requests whose {@code X-Amz-Target} starts with
   * {@code targetPrefix} (for example {@code secretsmanager.}) go to {@code handler}, so one
   * endpoint URL stands in for several AWS services, as the simulator's clients expect.
   *
   * @throws IllegalArgumentException for a blank prefix or ECS's own
   */
  public void route(String targetPrefix, HttpHandler handler) {
    if (targetPrefix.isBlank() || targetPrefix.startsWith(AwsJsonHandler.TARGET_PREFIX)) {
      throw new IllegalArgumentException("'" + targetPrefix + "' is not another service's prefix");
    }
    otherServices.put(targetPrefix, handler);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The endpoint to give an AWS client, e.g. {@code http://127.0.0.1:4567}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** Stops answering; calls in flight are dropped. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
