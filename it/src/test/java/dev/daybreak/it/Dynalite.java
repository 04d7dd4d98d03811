package dev.daybreak.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A dynalite server (the DynamoDB stand-in, installed from {@code it/package-lock.json}) on a free
 * loopback port. Started as {@code node node_modules/dynalite/cli.js}: one process, which a plain
 * kill stops, with tables ACTIVE at once ({@code --createTableMs 0}). In memory by default; {@link
 * #startPersistent} keeps the data in a LevelDB directory ({@code --path}), so a server that was
 * killed can be {@link #restart restarted} on the same port with the same data. It runs with {@code
 * it/dynalite-guard.cjs} preloaded: dynalite itself dies when a client aborts a request mid-way (an
 * SDK client closed while a call is in flight), where DynamoDB drops that request.
 */
public final class Dynalite implements AutoCloseable {

  private static final int START_ATTEMPTS = 3;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final URI endpoint;
  private final int port;
  private final Optional<Path> dataDirectory;

  private Dynalite(Process process, int port, Optional<Path> dataDirectory) {
    this.process = process;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
    this.port = port;
    this.dataDirectory = dataDirectory;
  }

  /** Starts dynalite in memory and waits until it answers {@code GET /} with 200. */
  public static Dynalite start() {
    return startOnFreePort(Optional.empty());
  }

  /**
   * Starts dynalite with its data in {@code dataDirectory} (LevelDB, dynalite's {@code --path}):
   * what it acknowledged survives a kill of the process, so {@link #restart} finds it again.
   */
  public static Dynalite startPersistent(Path dataDirectory) {
    return startOnFreePort(Optional.of(dataDirectory));
  }

  private static Dynalite startOnFreePort(Optional<Path> dataDirectory) {
    IllegalStateException failure = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        return launch(freePort(), dataDirectory);
      } catch (IllegalStateException e) {
        failure = e;
      }
    }
    throw failure;
  }

  /**
   * Kills the server at once (SIGKILL, as a crash would), without the chance to flush or answer
   * requests in flight; returns when the process is gone. Clients then get connection errors.
   */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("dynalite on port " + port + " did not die within 10 s");
    }
  }

  /** Whether the server process is running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Starts a new server on this one's port with this one's data, once this one is stopped, and
   * waits until it answers; clients built for {@link #endpoint()} work against it unchanged.
   *
   * @throws IllegalStateException when this server is still running or keeps no data on disk
   */
  public Dynalite restart() {
    if (process.isAlive()) {
      throw new IllegalStateException(
          "dynalite on port " + port + " is still running: kill() or close() it first");
    }
    if (dataDirectory.isEmpty()) {
      throw new IllegalStateException(
          "dynalite on port " + port + " kept its data in memory: use startPersistent to restart");
    }
    return launch(port, dataDirectory);
  }

  private static Dynalite launch(int port, Optional<Path> dataDirectory) {
    Path cli = itDirectory().resolve("node_modules/dynalite/cli.js");
    if (!Files.isRegularFile(cli)) {
      throw new IllegalStateException(
          cli + " is missing: run 'npm ci' in it/ (the Maven build does it when it is missing)");
    }
    Path log = itDirectory().resolve("target/dynalite-" + port + ".log");
    List<String> command =
        new ArrayList<>(
            List.of(
                "node",
                "-r",
                itDirectory().resolve("dynalite-guard.cjs").toString(),
                cli.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--createTableMs",
                "0",
                "--deleteTableMs",
                "0",
                "--updateTableMs",
                "0"));
    try {
      Files.createDirectories(log.getParent());
      if (dataDirectory.isPresent()) {
        Files.createDirectories(dataDirectory.get());
        command.addAll(List.of("--path", dataDirectory.get().toString()));
      }
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      await()
          .atMost(START_TIMEOUT)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> !process.isAlive() || answers(endpoint));
      if (process.isAlive()) {
        return new Dynalite(process, port, dataDirectory);
      }
      throw new IllegalStateException(
          "dynalite exited with " + process.exitValue() + ": " + Files.readString(log));
    } catch (IOException e) {
      throw new IllegalStateException("cannot start dynalite with node: " + e, e);
    }
  }

  /** Where the server listens, e.g. {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    return endpoint;
  }

  /** A client as daybreak builds them: URL-connection HTTP, placeholder credentials. */
  public DynamoDbClient newClient() {
    return DynamoDbClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
        .endpointOverride(endpoint)
        .build();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static boolean answers(URI endpoint) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(2)).GET().build(),
                  HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free loopback port", e);
    }
  }

  /** The it/ module directory: the build passes {@code daybreak.root}; else the working dir. */
  private static Path itDirectory() {
    String root = System.getProperty("daybreak.root");
    return root != null
        ? Path.of(root, "it").toAbsolutePath().normalize()
        : Path.of("").toAbsolutePath();
  }
}
