package dev.daybreak.ecssim.http;

import com.sun.net.httpserver.HttpExchange;
import dev.daybreak.ecssim.EcsError;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.SimException;
import dev.daybreak.ecssim.TargetHealthView;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Elastic Load Balancing v2 on the simulator's port, in its real protocol, the AWS Query protocol
 * (botocore's {@code elbv2/2015-12-01} model: {@code protocol: query}): {@code POST /} with a
 * form-encoded body {@code Action=DescribeTargetHealth&Version=2015-12-01&TargetGroupArn=...}
 * (optionally {@code Targets.member.N.Id} and {@code .Port}); the answer is XML in the namespace
 * {@code http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/}, with the output wrapped in
 * {@code DescribeTargetHealthResult}; errors are {@code <ErrorResponse><Error><Type>, <Code>,
 * <Message>} with the error's HTTP status ({@code TargetGroupNotFound}: 400). Signatures are not
 * checked.
 */
final class ElbQueryHandler {

  static final String NAMESPACE = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
  static final String VERSION = "2015-12-01";

  private final EcsSimulator sim;

  ElbQueryHandler(EcsSimulator sim) {
    this.sim = sim;
  }

  void handle(HttpExchange exchange, String caller) throws IOException {
    Map<String, String> form;
    try (InputStream in = exchange.getRequestBody()) {
      form = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    String action = form.getOrDefault("Action", "");
    if (!"DescribeTargetHealth".equals(action)) {
      sim.recordRejected(caller, action, Optional.empty(), EcsError.UnknownOperationException);
      error(
          exchange,
          400,
          "Sender",
          "InvalidAction",
          "The action "
              + action
              + " is not valid for this web service (ecs-sim serves"
              + " DescribeTargetHealth of Elastic Load Balancing v2).");
      return;
    }
    if (!VERSION.equals(form.get("Version"))) {
      sim.recordRejected(caller, action, Optional.empty(), EcsError.InvalidParameterException);
      error(
          exchange,
          400,
          "Sender",
          "InvalidParameterValue",
          "Version must be " + VERSION + ", was " + form.get("Version") + ".");
      return;
    }
    String group = form.get("TargetGroupArn");
    if (group == null || group.isEmpty()) {
      sim.recordRejected(caller, action, Optional.empty(), EcsError.InvalidParameterException);
      error(
          exchange,
          400,
          "Sender",
          "ValidationError",
          "1 validation error detected: Value null at 'targetGroupArn' failed to satisfy"
              + " constraint: Member must not be null");
      return;
    }
    List<String> ids = new ArrayList<>();
    for (int n = 1; form.containsKey("Targets.member." + n + ".Id"); n++) {
      ids.add(form.get("Targets.member." + n + ".Id"));
    }
    try {
      List<TargetHealthView> targets = sim.describeTargetHealth(caller, group, ids);
      send(exchange, 200, describeTargetHealth(targets));
    } catch (SimException e) {
      switch (e.error()) {
        case TargetGroupNotFound ->
            error(exchange, 400, "Sender", "TargetGroupNotFound", e.getMessage());
        case ThrottlingException -> error(exchange, 400, "Sender", "Throttling", "Rate exceeded");
        default -> error(exchange, 500, "Receiver", "InternalFailure", e.getMessage());
      }
    }
  }

  private static String describeTargetHealth(List<TargetHealthView> targets) {
    StringBuilder xml = new StringBuilder();
    xml.append("<DescribeTargetHealthResponse xmlns=\"").append(NAMESPACE).append("\">");
    xml.append("<DescribeTargetHealthResult><TargetHealthDescriptions>");
    for (TargetHealthView t : targets) {
      xml.append("<member><Target>");
      element(xml, "Id", t.id());
      if (t.port() > 0) {
        element(xml, "Port", Integer.toString(t.port()));
      }
      xml.append("</Target>");
      if (t.port() > 0) {
        element(xml, "HealthCheckPort", Integer.toString(t.port()));
      }
      xml.append("<TargetHealth>");
      element(xml, "State", t.state());
      t.reason().ifPresent(r -> element(xml, "Reason", r));
      t.description().ifPresent(d -> element(xml, "Description", d));
      xml.append("</TargetHealth></member>");
    }
    xml.append("</TargetHealthDescriptions></DescribeTargetHealthResult>");
    xml.append("<ResponseMetadata>");
    element(xml, "RequestId", UUID.randomUUID().toString());
    xml.append("</ResponseMetadata></DescribeTargetHealthResponse>");
    return xml.toString();
  }

  private static void error(
      HttpExchange exchange, int status, String type, String code, String message)
      throws IOException {
    StringBuilder xml = new StringBuilder();
    xml.append("<ErrorResponse xmlns=\"").append(NAMESPACE).append("\"><Error>");
    element(xml, "Type", type);
    element(xml, "Code", code);
    element(xml, "Message", message);
    xml.append("</Error>");
    element(xml, "RequestId", UUID.randomUUID().toString());
    xml.append("</ErrorResponse>");
    send(exchange, status, xml.toString());
  }

  static void send(HttpExchange exchange, int status, String xml) throws IOException {
    byte[] bytes =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/xml");
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static void element(StringBuilder xml, String name, String text) {
    xml.append('<').append(name).append('>');
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> xml.append("&lt;");
        case '>' -> xml.append("&gt;");
        case '&' -> xml.append("&amp;");
        case '"' -> xml.append("&quot;");
        default -> xml.append(c);
      }
    }
    xml.append("</").append(name).append('>');
  }

  /** An {@code application/x-www-form-urlencoded} body, as parameter names to values. */
  static Map<String, String> parse(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }
}
