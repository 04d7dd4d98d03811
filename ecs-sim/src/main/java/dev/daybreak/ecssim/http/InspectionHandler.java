package dev.daybreak.ecssim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.daybreak.ecssim.CallRecord;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.Faults;
import dev.daybreak.ecssim.ServiceSummary;
import java.io.IOException;
import java.io.InputStream;

/**
 * The simulator's own endpoints, for tests, benchmarks and people:
 *
 * <ul>
 *   <li>{@code GET /_sim/calls}: every API call received, oldest first; {@code DELETE} clears it.
 *   <li>{@code GET /_sim/services}: each service's counts and failedTasks.
 *   <li>{@code GET /_sim/faults}, {@code POST /_sim/faults}: the injected faults (see {@link
 *       FaultsJson}); a POST replaces them all.
 *   <li>{@code GET /_sim/time}: the simulation time.
 *   <li>{@code POST /_sim/events}: records a service event, {@code {"cluster": "dev", "service":
 *       "b", "message": "..."}}, as if ECS had.
 *   <li>{@code /_sim/target-health}, {@code /_sim/health-checks}, {@code /_sim/health-faults},
 *       {@code /_sim/delete-target-group}: target health, target groups and container health checks
 *       (see {@link HealthInspection}).
 *   <li>{@code GET /_sim/scalable-targets}, {@code POST /_sim/scalable-targets}: Application Auto
 *       Scaling's targets; a POST declares one (see {@link SimScalableTargets}).
 * </ul>
 */
final class InspectionHandler implements HttpHandler {

  private static final String JSON = "application/json";

  private final EcsSimulator sim;
  private final HealthInspection health;

  InspectionHandler(EcsSimulator sim) {
    this.sim = sim;
    this.health = new HealthInspection(sim);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
      switch (route) {
        case "GET /_sim/calls" -> {
          exchange
              .getResponseHeaders()
              .set("X-Ecs-Sim-Dropped-Calls", Long.toString(sim.droppedCalls()));
          Exchanges.send(exchange, 200, JSON, calls());
        }
        case "DELETE /_sim/calls" -> {
          sim.clearCalls();
          Exchanges.sendEmpty(exchange, 204);
        }
        case "GET /_sim/services" -> Exchanges.send(exchange, 200, JSON, services());
        case "GET /_sim/faults" ->
            Exchanges.send(exchange, 200, JSON, FaultsJson.write(sim.faults()));
        case "POST /_sim/faults" -> postFaults(exchange);
        case "POST /_sim/events" -> postEvent(exchange);
        case "GET /_sim/target-health" -> health.targetHealth(exchange);
        case "GET /_sim/health-faults" -> health.healthFaults(exchange);
        case "POST /_sim/health-faults" -> health.postHealthFaults(exchange);
        case "POST /_sim/health-checks" -> health.postHealthChecks(exchange);
        case "POST /_sim/delete-target-group" -> health.postDeleteTargetGroup(exchange);
        case "GET /_sim/scalable-targets" -> SimScalableTargets.list(exchange, sim.autoScaling());
        case "POST /_sim/scalable-targets" ->
            SimScalableTargets.declare(exchange, sim.autoScaling());
        case "GET /_sim/time" ->
            Exchanges.send(exchange, 200, JSON, EcsJson.object().put("now", sim.now().toString()));
        default ->
            Exchanges.send(
                exchange,
                404,
                JSON,
                EcsJson.object()
                    .put(
                        "message",
                        "no such endpoint: "
                            + route
                            + "; try GET /_sim/calls, /_sim/services, /_sim/faults, /_sim/time,"
                            + " /_sim/target-health, /_sim/health-faults,"
                            + " POST /_sim/health-checks, POST /_sim/delete-target-group,"
                            + " /_sim/scalable-targets, POST /_sim/events"));
      }
    }
  }

  private void postFaults(HttpExchange exchange) throws IOException {
    Faults faults;
    try (InputStream in = exchange.getRequestBody()) {
      JsonNode body = EcsJson.MAPPER.readTree(in.readAllBytes());
      faults = FaultsJson.read(body, sim.now());
    } catch (IOException | IllegalArgumentException e) {
      Exchanges.send(exchange, 400, JSON, EcsJson.object().put("message", e.getMessage()));
      return;
    }
    sim.setFaults(faults);
    Exchanges.send(exchange, 200, JSON, FaultsJson.write(faults));
  }

  private void postEvent(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      JsonNode body = EcsJson.MAPPER.readTree(in.readAllBytes());
      for (String field : java.util.List.of("cluster", "service", "message")) {
        if (!body.path(field).isTextual()) {
          throw new IllegalArgumentException(
              "expected {\"cluster\": ..., \"service\": ..., \"message\": ...} (strings), '"
                  + field
                  + "' is missing or not a string");
        }
      }
      sim.injectEvent(
          body.get("cluster").asText(), body.get("service").asText(), body.get("message").asText());
    } catch (IOException | IllegalArgumentException e) {
      Exchanges.send(exchange, 400, JSON, EcsJson.object().put("message", e.getMessage()));
      return;
    } catch (dev.daybreak.ecssim.SimException e) {
      Exchanges.send(exchange, 400, JSON, EcsJson.object().put("message", e.getMessage()));
      return;
    }
    Exchanges.sendEmpty(exchange, 204);
  }

  private ArrayNode calls() {
    ArrayNode out = EcsJson.MAPPER.createArrayNode();
    for (CallRecord c : sim.calls()) {
      ObjectNode n = out.addObject();
      n.put("at", c.at().toString());
      n.put("op", c.op());
      c.cluster().ifPresent(cluster -> n.put("cluster", cluster));
      ArrayNode services = n.putArray("services");
      c.services().forEach(services::add);
      c.desiredCount().ifPresent(d -> n.put("desiredCount", d));
      n.put("outcome", c.outcome());
      n.put("caller", c.caller());
    }
    return out;
  }

  private ArrayNode services() {
    ArrayNode out = EcsJson.MAPPER.createArrayNode();
    for (ServiceSummary s : sim.services()) {
      out.addObject()
          .put("cluster", s.cluster())
          .put("service", s.service())
          .put("status", s.status())
          .put("desiredCount", s.desiredCount())
          .put("runningCount", s.runningCount())
          .put("pendingCount", s.pendingCount())
          .put("failedTasks", s.failedTasks());
    }
    return out;
  }
}
