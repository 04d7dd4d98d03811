package dev.daybreak.ecssim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.LoadBalancer;
import dev.daybreak.ecssim.SimException;
import dev.daybreak.ecssim.TargetHealthChange;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The simulator's health endpoints:
 *
 * <ul>
 *   <li>{@code GET /_sim/target-health}: every change of a target's health, oldest first ({@code
 *       at}, {@code targetGroupArn}, {@code cluster}, {@code service}, {@code taskArn}, {@code
 *       targetId}, {@code port}, {@code state}, {@code reason}); {@code state} is {@code
 *       deregistered} once a target left its group.
 *   <li>{@code POST /_sim/health-checks}: {@code {"cluster": "c", "service": "s", "loadBalancers":
 *       [{"targetGroupArn": ..., "containerName": ..., "containerPort": 80}],
 *       "containerHealthCheck": true}} gives a service target groups and/or a container health
 *       check, as its CreateService would have.
 *   <li>{@code POST /_sim/delete-target-group}: {@code {"targetGroupArn": ...}} deletes a target
 *       group with its targets, as DeleteTargetGroup would (404 when there is none); services that
 *       name it keep naming it, and DescribeTargetHealth answers {@code TargetGroupNotFound}.
 *   <li>{@code GET /_sim/health-faults}, {@code POST /_sim/health-faults}: {@code {"unhealthy":
 *       ["s"]}}, the ECS services whose target and container health checks fail (a POST replaces
 *       the list; an empty list makes every check pass).
 * </ul>
 */
final class HealthInspection {

  private static final String JSON = "application/json";

  private final EcsSimulator sim;

  HealthInspection(EcsSimulator sim) {
    this.sim = sim;
  }

  void targetHealth(HttpExchange exchange) throws IOException {
    ArrayNode out = EcsJson.MAPPER.createArrayNode();
    for (TargetHealthChange c : sim.targetHealthHistory()) {
      ObjectNode n = out.addObject();
      n.put("at", c.at().toString());
      n.put("targetGroupArn", c.targetGroupArn());
      n.put("cluster", c.cluster());
      n.put("service", c.service());
      n.put("taskArn", c.taskArn());
      n.put("targetId", c.targetId());
      n.put("port", c.port());
      n.put("state", c.state());
      c.reason().ifPresent(r -> n.put("reason", r));
    }
    Exchanges.send(exchange, 200, JSON, out);
  }

  void healthFaults(HttpExchange exchange) throws IOException {
    ObjectNode out = EcsJson.object();
    ArrayNode list = out.putArray("unhealthy");
    sim.unhealthyServices().stream().sorted().forEach(list::add);
    Exchanges.send(exchange, 200, JSON, out);
  }

  void postHealthFaults(HttpExchange exchange) throws IOException {
    JsonNode body = body(exchange);
    JsonNode unhealthy = body == null ? null : body.get("unhealthy");
    if (unhealthy == null || !unhealthy.isArray()) {
      badRequest(exchange, "expected {\"unhealthy\": [\"service\", ...]}");
      return;
    }
    Set<String> services = new LinkedHashSet<>();
    for (JsonNode s : unhealthy) {
      if (!s.isTextual()) {
        badRequest(exchange, "unhealthy must list ECS service names, found " + s);
        return;
      }
      services.add(s.asText());
    }
    sim.setUnhealthyServices(services);
    healthFaults(exchange);
  }

  void postHealthChecks(HttpExchange exchange) throws IOException {
    JsonNode body = body(exchange);
    if (body == null || !body.path("cluster").isTextual() || !body.path("service").isTextual()) {
      badRequest(
          exchange,
          "expected {\"cluster\": ..., \"service\": ..., \"loadBalancers\": [{\"targetGroupArn\":"
              + " ..., \"containerName\": ..., \"containerPort\": 80}], \"containerHealthCheck\":"
              + " true}");
      return;
    }
    List<LoadBalancer> loadBalancers;
    try {
      loadBalancers = new RequestReader(body).loadBalancers("loadBalancers");
    } catch (BadRequest e) {
      badRequest(exchange, e.getMessage());
      return;
    }
    try {
      sim.setHealthChecks(
          body.get("cluster").asText(),
          body.get("service").asText(),
          loadBalancers,
          body.path("containerHealthCheck").asBoolean(false));
    } catch (SimException e) {
      badRequest(exchange, e.error().name() + ": " + e.getMessage());
      return;
    }
    Exchanges.sendEmpty(exchange, 204);
  }

  void postDeleteTargetGroup(HttpExchange exchange) throws IOException {
    JsonNode body = body(exchange);
    if (body == null || !body.path("targetGroupArn").isTextual()) {
      badRequest(exchange, "expected {\"targetGroupArn\": \"arn:aws:elasticloadbalancing:...\"}");
      return;
    }
    String arn = body.get("targetGroupArn").asText();
    try {
      sim.deleteTargetGroup(arn);
    } catch (SimException e) {
      Exchanges.send(
          exchange,
          404,
          JSON,
          EcsJson.object().put("message", e.error().name() + ": no target group " + arn));
      return;
    }
    Exchanges.sendEmpty(exchange, 204);
  }

  private static JsonNode body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      JsonNode n = EcsJson.MAPPER.readTree(in.readAllBytes());
      return n != null && n.isObject() ? n : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static void badRequest(HttpExchange exchange, String message) throws IOException {
    Exchanges.send(exchange, 400, JSON, EcsJson.object().put("message", message));
  }
}
