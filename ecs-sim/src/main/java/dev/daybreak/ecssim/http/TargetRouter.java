package dev.daybreak.ecssim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /} for every awsJson service the port serves: a request goes to the service whose
 * {@code X-Amz-Target} prefix it carries ({@code secretsmanager.GetSecretValue}), else to ECS, as
 * one AWS endpoint per service would answer it.
 */
final class TargetRouter implements HttpHandler {

  private final HttpHandler ecs;
  private final Map<String, HttpHandler> services;

  TargetRouter(HttpHandler ecs) {
    this(ecs, new ConcurrentHashMap<>());
  }

  /** A router whose other services are {@code services}, shared with the other worlds' routers. */
  TargetRouter(HttpHandler ecs, Map<String, HttpHandler> services) {
    this.ecs = ecs;
    this.services = services;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String target =
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
    for (Map.Entry<String, HttpHandler> service : services.entrySet()) {
      if (target.startsWith(service.getKey())) {
        service.getValue().handle(exchange);
        return;
      }
    }
    ecs.handle(exchange);
  }
}
