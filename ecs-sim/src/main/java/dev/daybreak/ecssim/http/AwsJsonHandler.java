package dev.daybreak.ecssim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.daybreak.ecssim.EcsError;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.Operation;
import dev.daybreak.ecssim.SimException;
import dev.daybreak.time.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ECS's awsJson1_1 protocol: {@code POST /} with {@code X-Amz-Target:
 * AmazonEC2ContainerServiceV20141113.<Operation>} and a JSON body; answers 200 with the output
 * shape, or the error's HTTP status with {@code {"__type": ..., "message": ...}}. Signatures are
 * not checked, so any credentials work.
 */
final class AwsJsonHandler implements HttpHandler {

  static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";

  private static final Logger LOG = LoggerFactory.getLogger(AwsJsonHandler.class);

  private final EcsSimulator sim;
  private final EcsApi api;

  AwsJsonHandler(EcsSimulator sim, EcsApi api) {
    this.sim = sim;
    this.api = api;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      answer(exchange);
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    try {
      if (!"/".equals(exchange.getRequestURI().getPath())) {
        Exchanges.send(
            exchange,
            404,
            "application/json",
            EcsJson.object().put("message", "no such path; ECS is served at POST /"));
        return;
      }
      String caller = Callers.fromUserAgent(exchange.getRequestHeaders().getFirst("User-Agent"));
      String target =
          Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
      String opName =
          target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target;
      Optional<Operation> op =
          "POST".equals(exchange.getRequestMethod()) && target.startsWith(TARGET_PREFIX)
              ? Operation.named(opName)
              : Optional.empty();
      JsonNode body;
      try (InputStream in = exchange.getRequestBody()) {
        byte[] bytes = in.readAllBytes();
        body = bytes.length == 0 ? EcsJson.object() : EcsJson.MAPPER.readTree(bytes);
      } catch (IOException e) {
        reject(
            exchange,
            caller,
            opName,
            Optional.empty(),
            EcsError.SerializationException,
            "The request body is not JSON.");
        return;
      }
      Optional<String> cluster = Optional.ofNullable(body.get("cluster")).map(JsonNode::asText);
      if (op.isEmpty()) {
        reject(
            exchange,
            caller,
            opName,
            cluster,
            EcsError.UnknownOperationException,
            "Unknown operation '" + target + "'.");
        return;
      }
      if (!body.isObject()) {
        reject(
            exchange,
            caller,
            opName,
            cluster,
            EcsError.SerializationException,
            "The request body must be a JSON object.");
        return;
      }
      delay(sim.faults().latency(op.get()));
      try {
        Exchanges.send(
            exchange,
            200,
            Exchanges.AWS_JSON,
            api.invoke(op.get(), new RequestReader(body), caller));
      } catch (BadRequest e) {
        reject(exchange, caller, opName, cluster, e.error(), e.getMessage());
      } catch (SimException e) {
        error(exchange, e.error(), e.getMessage());
      }
    } catch (RuntimeException e) {
      LOG.error("ecs-sim failed to answer a call", e);
      error(exchange, EcsError.ServerException, "ecs-sim failed: " + e);
    }
  }

  private void reject(
      HttpExchange exchange,
      String caller,
      String op,
      Optional<String> cluster,
      EcsError error,
      String message)
      throws IOException {
    sim.recordRejected(caller, op, cluster, error);
    error(exchange, error, message);
  }

  private static void error(HttpExchange exchange, EcsError error, String message)
      throws IOException {
    Exchanges.send(
        exchange,
        error.httpStatus(),
        Exchanges.AWS_JSON,
        EcsJson.object().put("__type", error.name()).put("message", message));
  }

  private static void delay(Duration latency) {
    try {
      Sleeper.system().sleep(latency);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
