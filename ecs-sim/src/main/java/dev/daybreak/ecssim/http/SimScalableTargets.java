package dev.daybreak.ecssim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.daybreak.ecssim.AutoScaling;
import dev.daybreak.ecssim.ScalableTargetView;
import dev.daybreak.ecssim.ScalingException;
import dev.daybreak.ecssim.Suspension;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code /_sim/scalable-targets}: {@code GET} lists every scalable target; {@code POST} with {@code
 * {"cluster": "dev", "service": "b", "minCapacity": 2, "maxCapacity": 4, "suspendedState":
 * {"dynamicScalingInSuspended": false, ...}}} declares one (set-up: not logged, with
 * RegisterScalableTarget's validation and effect on the service's desiredCount).
 */
final class SimScalableTargets {

  private static final String JSON = "application/json";

  private SimScalableTargets() {}

  static void list(HttpExchange exchange, AutoScaling scaling) throws IOException {
    ArrayNode out = EcsJson.MAPPER.createArrayNode();
    scaling.targets().forEach(t -> out.add(write(t)));
    Exchanges.send(exchange, 200, JSON, out);
  }

  static void declare(HttpExchange exchange, AutoScaling scaling) throws IOException {
    JsonNode body;
    try (InputStream in = exchange.getRequestBody()) {
      body = EcsJson.MAPPER.readTree(in.readAllBytes());
    } catch (IOException e) {
      Exchanges.send(
          exchange, 400, JSON, EcsJson.object().put("message", "body is not JSON: " + e));
      return;
    }
    String problem = problem(body);
    if (!problem.isEmpty()) {
      Exchanges.send(exchange, 400, JSON, EcsJson.object().put("message", problem));
      return;
    }
    JsonNode s = body.path("suspendedState");
    try {
      ScalableTargetView t =
          scaling.declare(
              body.get("cluster").asText(),
              body.get("service").asText(),
              body.get("minCapacity").intValue(),
              body.get("maxCapacity").intValue(),
              new Suspension(
                  s.path("dynamicScalingInSuspended").asBoolean(false),
                  s.path("dynamicScalingOutSuspended").asBoolean(false),
                  s.path("scheduledScalingSuspended").asBoolean(false)));
      Exchanges.send(exchange, 200, JSON, write(t));
    } catch (ScalingException e) {
      Exchanges.send(
          exchange,
          400,
          JSON,
          EcsJson.object().put("error", e.error().name()).put("message", e.getMessage()));
    }
  }

  private static String problem(JsonNode body) {
    if (body == null || !body.isObject()) {
      return "expected a JSON object with cluster, service, minCapacity, maxCapacity"
          + " and optionally suspendedState";
    }
    for (String f : new String[] {"cluster", "service"}) {
      if (!body.path(f).isTextual()) {
        return f + " must be a string, e.g. {\"cluster\": \"dev\", \"service\": \"b\", ...}";
      }
    }
    for (String f : new String[] {"minCapacity", "maxCapacity"}) {
      if (!body.path(f).canConvertToInt() || !body.path(f).isIntegralNumber()) {
        return f + " must be an integer, e.g. \"minCapacity\": 2";
      }
    }
    if (body.has("suspendedState") && !body.get("suspendedState").isObject()) {
      return "suspendedState must be an object of dynamicScalingInSuspended,"
          + " dynamicScalingOutSuspended and scheduledScalingSuspended (booleans)";
    }
    return "";
  }

  private static ObjectNode write(ScalableTargetView t) {
    ObjectNode n =
        EcsJson.object()
            .put("resourceId", t.resourceId())
            .put("minCapacity", t.minCapacity())
            .put("maxCapacity", t.maxCapacity());
    n.putObject("suspendedState")
        .put("dynamicScalingInSuspended", t.suspended().dynamicIn())
        .put("dynamicScalingOutSuspended", t.suspended().dynamicOut())
        .put("scheduledScalingSuspended", t.suspended().scheduled());
    return n;
  }
}
