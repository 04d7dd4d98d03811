package dev.daybreak.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daybreak.chatops.RawRequest;
import dev.daybreak.chatops.RawResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Lambda Function URL request (payload format 2.0) in and out of the chat-ops adapter, the same
 * {@link RawRequest}/{@link RawResponse} the embedded HTTP server uses, so Slack requests get the
 * same signature checks and handlers either way.
 */
final class FunctionUrl {

  private FunctionUrl() {}

  /** Whether {@code event} is a Function URL (HTTP) invocation rather than a scheduled one. */
  static boolean isRequest(JsonNode event) {
    return event.has("requestContext") && event.path("requestContext").has("http");
  }

  /**
   * Whether the request came through a Function URL whose auth type is {@code AWS_IAM}: Lambda then
   * puts the signing caller in {@code requestContext.authorizer.iam} ("Invoking Lambda function
   * URLs", request payload). A URL with auth type {@code NONE}, such as Slack's, never carries it,
   * and a caller cannot forge the request context.
   */
  static boolean iamAuthorized(JsonNode event) {
    return event.path("requestContext").path("authorizer").path("iam").isObject();
  }

  /** The request's HTTP method, e.g. {@code GET}. */
  static String method(JsonNode event) {
    return event.path("requestContext").path("http").path("method").asText("GET");
  }

  static RawRequest request(JsonNode event) {
    Map<String, List<String>> headers = new HashMap<>();
    event
        .path("headers")
        .fields()
        .forEachRemaining(e -> headers.put(e.getKey(), List.of(e.getValue().asText())));
    String body = event.path("body").asText("");
    byte[] bytes =
        event.path("isBase64Encoded").asBoolean(false)
            ? Base64.getDecoder().decode(body)
            : body.getBytes(StandardCharsets.UTF_8);
    return new RawRequest(
        event.path("rawPath").asText("/"),
        Optional.ofNullable(event.path("rawQueryString").asText(null)).filter(q -> !q.isEmpty()),
        headers,
        bytes,
        event.path("requestContext").path("http").path("sourceIp").asText("unknown"));
  }

  static ObjectNode response(RawResponse response) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("statusCode", response.status());
    ObjectNode headers = out.putObject("headers");
    response.headers().forEach((name, values) -> headers.put(name, String.join(",", values)));
    out.put("body", response.body());
    out.put("isBase64Encoded", false);
    return out;
  }
}
