package dev.daybreak.ecssim.http;

import com.sun.net.httpserver.HttpExchange;
import dev.daybreak.ecssim.SimWorlds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * AWS STS's AssumeRole on the simulator's port, in its real protocol, the AWS Query protocol
 * (botocore's {@code sts/2011-06-15} model: {@code protocol: query}): {@code POST /} with a
 * form-encoded body {@code Action=AssumeRole&Version=2011-06-15&RoleArn=...&RoleSessionName=...}
 * (optionally {@code ExternalId}, {@code DurationSeconds}); the answer is XML in the namespace
 * {@code https://sts.amazonaws.com/doc/2011-06-15/}, the output ({@code Credentials}, {@code
 * AssumedRoleUser}, {@code PackedPolicySize}) wrapped in {@code AssumeRoleResult}; errors are
 * {@code <ErrorResponse><Error><Type>, <Code>, <Message>} with the HTTP status ({@code
 * AccessDenied}: 403). The caller is the access key id of the request's signature, which is not
 * checked otherwise.
 */
final class StsQueryHandler {

  static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
  static final String VERSION = "2011-06-15";

  private final SimWorlds worlds;

  StsQueryHandler(SimWorlds worlds) {
    this.worlds = worlds;
  }

  void handle(HttpExchange exchange, String callerKey) throws IOException {
    Map<String, String> form;
    try (InputStream in = exchange.getRequestBody()) {
      form = ElbQueryHandler.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    String action = form.getOrDefault("Action", "");
    if (!"AssumeRole".equals(action)) {
      error(
          exchange,
          400,
          "Sender",
          "InvalidAction",
          "Could not find operation "
              + action
              + " for version "
              + VERSION
              + " (ecs-sim serves AssumeRole of STS)");
      return;
    }
    if (!VERSION.equals(form.get("Version"))) {
      error(exchange, 400, "Sender", "InvalidAction", "Version must be " + VERSION);
      return;
    }
    for (String required : new String[] {"RoleArn", "RoleSessionName"}) {
      if (!form.containsKey(required)) {
        error(
            exchange,
            400,
            "Sender",
            "MissingParameter",
            "The request must contain the parameter " + required);
        return;
      }
    }
    Optional<Duration> duration;
    try {
      duration =
          Optional.ofNullable(form.get("DurationSeconds"))
              .map(Long::parseLong)
              .map(Duration::ofSeconds);
    } catch (NumberFormatException e) {
      error(exchange, 400, "Sender", "ValidationError", "DurationSeconds is not a number");
      return;
    }
    SimWorlds.Session session;
    try {
      session =
          worlds.assumeRole(
              callerKey,
              form.get("RoleArn"),
              form.get("RoleSessionName"),
              Optional.ofNullable(form.get("ExternalId")),
              duration);
    } catch (SimWorlds.StsException e) {
      error(exchange, e.status(), "Sender", e.code(), e.getMessage());
      return;
    }
    StringBuilder xml = new StringBuilder();
    xml.append("<AssumeRoleResponse xmlns=\"").append(NAMESPACE).append("\">");
    xml.append("<AssumeRoleResult><Credentials>");
    ElbQueryHandler.element(xml, "AccessKeyId", session.accessKeyId());
    ElbQueryHandler.element(xml, "SecretAccessKey", session.secretAccessKey());
    ElbQueryHandler.element(xml, "SessionToken", session.sessionToken());
    ElbQueryHandler.element(
        xml,
        "Expiration",
        DateTimeFormatter.ISO_INSTANT.format(session.expiration().truncatedTo(ChronoUnit.SECONDS)));
    xml.append("</Credentials><AssumedRoleUser>");
    ElbQueryHandler.element(
        xml,
        "AssumedRoleId",
        "AROA" + session.accessKeyId().substring(4) + ":" + session.sessionName());
    ElbQueryHandler.element(xml, "Arn", session.assumedRoleArn());
    xml.append("</AssumedRoleUser>");
    ElbQueryHandler.element(xml, "PackedPolicySize", "0");
    xml.append("</AssumeRoleResult><ResponseMetadata>");
    ElbQueryHandler.element(xml, "RequestId", UUID.randomUUID().toString());
    xml.append("</ResponseMetadata></AssumeRoleResponse>");
    ElbQueryHandler.send(exchange, 200, xml.toString());
  }

  private static void error(
      HttpExchange exchange, int status, String type, String code, String message)
      throws IOException {
    StringBuilder xml = new StringBuilder();
    xml.append("<ErrorResponse xmlns=\"").append(NAMESPACE).append("\"><Error>");
    ElbQueryHandler.element(xml, "Type", type);
    ElbQueryHandler.element(xml, "Code", code);
    ElbQueryHandler.element(xml, "Message", message);
    xml.append("</Error>");
    ElbQueryHandler.element(xml, "RequestId", UUID.randomUUID().toString());
    xml.append("</ErrorResponse>");
    ElbQueryHandler.send(exchange, status, xml.toString());
  }
}
