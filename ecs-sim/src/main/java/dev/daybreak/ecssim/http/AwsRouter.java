package dev.daybreak.ecssim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells the AWS services served on the simulator's one port apart, as the DESIGN asks: by the
 * service name in the SigV4 credential scope ({@code
 * Credential=KEY/DATE/REGION/SERVICE/aws4_request} in the {@code Authorization} header) or, for an
 * unsigned call, by the content type (the Query protocol is form-encoded, awsJson1_1 is {@code
 * application/x-amz-json-1.1}). Elastic Load Balancing v2 ({@code elasticloadbalancing}) goes to
 * {@link ElbQueryHandler}; everything else to the awsJson1_1 handler (ECS, or another awsJson
 * service by its target prefix).
 */
final class AwsRouter implements HttpHandler {

  private static final Pattern SCOPE =
      Pattern.compile("Credential=[^/,\\s]+/\\d{8}/[^/,\\s]+/([^/,\\s]+)/aws4_request");

  private final HttpHandler ecs;
  private final ElbQueryHandler elb;

  AwsRouter(HttpHandler ecs, ElbQueryHandler elb) {
    this.ecs = ecs;
    this.elb = elb;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (isElb(exchange)) {
      try (exchange) {
        elb.handle(
            exchange, Callers.fromUserAgent(exchange.getRequestHeaders().getFirst("User-Agent")));
      }
      return;
    }
    ecs.handle(exchange);
  }

  private static boolean isElb(HttpExchange exchange) {
    if (!"POST".equals(exchange.getRequestMethod())
        || !"/".equals(exchange.getRequestURI().getPath())) {
      return false;
    }
    Optional<String> service =
        signingService(exchange.getRequestHeaders().getFirst("Authorization"));
    if (service.isPresent()) {
      return service.get().equals("elasticloadbalancing");
    }
    String type =
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
    return type.startsWith("application/x-www-form-urlencoded");
  }

  /** The service name of a SigV4 {@code Authorization} header's credential scope. */
  static Optional<String> signingService(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    Matcher m = SCOPE.matcher(authorization);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
