package dev.daybreak.it.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.daybreak.ecs.EcsClients;
import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.ecs.ElbClients;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecs.SdkEcsGateway;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.time.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;

/** The ECS simulator served on a free loopback port, and clients for it. */
final class EcsSimFixture implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  final EcsSimulator sim;
  final EcsSimServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Runnable> closers = new ArrayList<>();

  private EcsSimFixture(EcsSimulator sim, EcsSimServer server) {
    this.sim = sim;
    this.server = server;
  }

  static EcsSimFixture start(SimSettings settings, Clock clock) {
    EcsSimulator sim = new EcsSimulator(settings, clock);
    try {
      return new EcsSimFixture(sim, EcsSimServer.start(sim, 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI endpoint() {
    return server.endpoint();
  }

  /** A raw SDK client (no retries, app id {@code it}), closed with the fixture. */
  EcsClient client() {
    EcsClient client = EcsClients.create(EcsEndpoint.simulator(endpoint()), "it");
    closers.add(client::close);
    return client;
  }

  /** The gateway under test, on the real clock, closed with the fixture. */
  SdkEcsGateway gateway(GatewaySettings settings) {
    SdkEcsGateway gateway =
        new SdkEcsGateway(
            EcsClients.create(EcsEndpoint.simulator(endpoint()), EcsClients.APP_ID),
            ElbClients.create(EcsEndpoint.simulator(endpoint()), EcsClients.APP_ID),
            settings,
            Clock.systemUTC(),
            Sleeper.system());
    closers.add(gateway::close);
    return gateway;
  }

  /** {@code GET /_sim/calls}. */
  List<JsonNode> calls() {
    List<JsonNode> out = new ArrayList<>();
    get("/_sim/calls").forEach(out::add);
    return out;
  }

  /** The calls of one operation. */
  List<JsonNode> calls(String op) {
    return calls().stream().filter(c -> op.equals(c.path("op").asText())).toList();
  }

  /** {@code DELETE /_sim/calls}. */
  void clearCalls() {
    send(HttpRequest.newBuilder(endpoint().resolve("/_sim/calls")).DELETE().build());
  }

  JsonNode get(String path) {
    return send(HttpRequest.newBuilder(endpoint().resolve(path)).GET().build());
  }

  JsonNode post(String path, String json) {
    return send(
        HttpRequest.newBuilder(endpoint().resolve(path))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private JsonNode send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    closers.forEach(Runnable::run);
    server.close();
  }
}
