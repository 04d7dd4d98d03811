package dev.daybreak.chatops;

import java.util.List;
import java.util.Map;

/**
 * What a front end sends back.
 *
 * @param status the HTTP status
 * @param headers the headers to set (including {@code Content-Type})
 * @param body the body, UTF-8
 */
public record RawResponse(int status, Map<String, List<String>> headers, String body) {

  public RawResponse {
    headers = Map.copyOf(headers);
    body = body == null ? "" : body;
  }

  /** A plain-text response. */
  static RawResponse text(int status, String body) {
    return new RawResponse(
        status, Map.of("Content-Type", List.of("text/plain; charset=utf-8")), body);
  }
}
