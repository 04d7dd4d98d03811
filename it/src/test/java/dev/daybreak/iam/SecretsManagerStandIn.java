package dev.daybreak.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS Secrets Manager as daybreak's deployed role meets it, for the ECS simulator's port ({@code
 * EcsSimServer.route("secretsmanager.", ...)}): awsJson1_1, {@code X-Amz-Target:
 * secretsmanager.<Operation>}, errors as HTTP 400 with {@code __type} and {@code Message} (the
 * service model, botocore's {@code secretsmanager/2017-10-17}).
 *
 * <ul>
 *   <li>Every call is first authorized by {@code authorizer} (the role's policy, evaluated by
 *       {@link PolicyEvaluator}), as IAM does before the service looks at the secret: anything but
 *       {@link Decision#ALLOW} is {@code AccessDeniedException} ("... is not authorized to perform:
 *       ACTION on resource: ARN because no identity-based policy allows the ACTION action").
 *   <li>{@code GetSecretValue} of a secret created without a value (CloudFormation's {@code
 *       AWS::SecretsManager::Secret} with neither {@code SecretString} nor {@code
 *       GenerateSecretString}, as deploy/ creates the Slack secrets) has no {@code AWSCURRENT}
 *       version: {@code ResourceNotFoundException} ("Secrets Manager can't find the specified
 *       secret value for staging label: AWSCURRENT"), the same error as for a secret that does not
 *       exist.
 *   <li>{@code DescribeSecret} answers {@code ARN} and {@code Name}; other operations are {@code
 *       UnknownOperationException} here (daybreak uses none).
 * </ul>
 */
public final class SecretsManagerStandIn implements HttpHandler {

  /** The awsJson target prefix of Secrets Manager. */
  public static final String TARGET_PREFIX = "secretsmanager.";

  private static final Pattern SCOPE =
      Pattern.compile("Credential=[^/]+/\\d{8}/([a-z0-9-]+)/secretsmanager/aws4_request");

  private record Secret(String arn, String name, Optional<String> value) {}

  private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
  private final Function<AwsCall, Decision> authorizer;
  private final String principal;

  /**
   * @param authorizer IAM's decision for a call
   * @param principal who the caller is in AccessDenied messages ({@code
   *     arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION})
   */
  public SecretsManagerStandIn(Function<AwsCall, Decision> authorizer, String principal) {
    this.authorizer = authorizer;
    this.principal = principal;
  }

  /** Creates (or replaces) the secret at {@code arn}, with no value: as deploy/ creates it. */
  public void createEmpty(String arn) {
    secrets.put(arn, new Secret(arn, nameOf(arn), Optional.empty()));
  }

  /** Puts a value into an existing secret (what {@code put-secret-value} does). */
  public void putValue(String arn, String value) {
    Secret secret = secrets.get(arn);
    if (secret == null) {
      throw new IllegalArgumentException("no secret " + arn);
    }
    secrets.put(arn, new Secret(arn, secret.name(), Optional.of(value)));
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String operation = target.substring(TARGET_PREFIX.length());
      JsonNode body;
      try (InputStream in = exchange.getRequestBody()) {
        body = CallLog.JSON.readTree(in.readAllBytes());
      }
      String id = body.path("SecretId").asText("");
      Optional<Secret> secret = find(id);
      String region = region(exchange);
      String resource = secret.map(Secret::arn).orElse(id);
      AwsCall call =
          new AwsCall(
              "secretsmanager",
              operation,
              region,
              List.of(resource),
              Map.of("aws:RequestedRegion", region),
              AwsCall.CONTROLLER);
      if (authorizer.apply(call) != Decision.ALLOW) {
        error(
            exchange,
            "AccessDeniedException",
            "User: "
                + principal
                + " is not authorized to perform: "
                + call.action()
                + " on resource: "
                + resource
                + " because no identity-based policy allows the "
                + call.action()
                + " action");
        return;
      }
      switch (operation) {
        case "GetSecretValue" -> {
          if (secret.isEmpty()) {
            error(
                exchange,
                "ResourceNotFoundException",
                "Secrets Manager can't find the specified secret.");
          } else if (secret.get().value().isEmpty()) {
            error(
                exchange,
                "ResourceNotFoundException",
                "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
          } else {
            ObjectNode out = CallLog.JSON.createObjectNode();
            out.put("ARN", secret.get().arn());
            out.put("Name", secret.get().name());
            out.put(
                "VersionId",
                UUID.nameUUIDFromBytes(secret.get().value().get().getBytes(StandardCharsets.UTF_8))
                    .toString());
            out.put("SecretString", secret.get().value().get());
            out.putArray("VersionStages").add("AWSCURRENT");
            out.put("CreatedDate", 1.7e9);
            send(exchange, 200, out);
          }
        }
        case "DescribeSecret" -> {
          if (secret.isEmpty()) {
            error(
                exchange,
                "ResourceNotFoundException",
                "Secrets Manager can't find the specified secret.");
          } else {
            ObjectNode out = CallLog.JSON.createObjectNode();
            out.put("ARN", secret.get().arn());
            out.put("Name", secret.get().name());
            send(exchange, 200, out);
          }
        }
        default -> error(exchange, "UnknownOperationException", "Unknown operation " + target);
      }
    }
  }

  private Optional<Secret> find(String id) {
    Secret byArn = secrets.get(id);
    if (byArn != null) {
      return Optional.of(byArn);
    }
    return secrets.values().stream().filter(s -> s.name().equals(id)).findFirst();
  }

  /** The secret's name: the ARN's resource after {@code secret:}, less the six-character suffix. */
  private static String nameOf(String arn) {
    String resource = arn.substring(arn.indexOf(":secret:") + ":secret:".length());
    return resource.matches(".*-[A-Za-z0-9]{6}")
        ? resource.substring(0, resource.length() - 7)
        : resource;
  }

  private static String region(HttpExchange exchange) {
    Matcher m =
        SCOPE.matcher(
            Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse(""));
    return m.find() ? m.group(1) : "us-east-1";
  }

  private static void error(HttpExchange exchange, String type, String message) throws IOException {
    ObjectNode out = CallLog.JSON.createObjectNode();
    out.put("__type", type);
    out.put("Message", message);
    send(exchange, 400, out);
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = CallLog.JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
