package dev.daybreak.ecssim.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

/** Writing HTTP responses. */
final class Exchanges {

  static final String AWS_JSON = "application/x-amz-json-1.1";

  private Exchanges() {}

  static void send(HttpExchange exchange, int status, String contentType, Object body)
      throws IOException {
    byte[] bytes;
    try {
      bytes = EcsJson.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IOException("cannot write the response as JSON", e);
    }
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static void sendEmpty(HttpExchange exchange, int status) throws IOException {
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }
}
