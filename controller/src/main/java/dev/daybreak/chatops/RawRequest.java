package dev.daybreak.chatops;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as any front end hands it over (the embedded server, a Lambda Function URL).
 *
 * @param path the request path
 * @param query the raw query string, if any
 * @param headers the headers, names in any case
 * @param body the raw body, exactly as received (the signature covers these bytes)
 * @param remoteAddress the peer, for logs
 */
public record RawRequest(
    String path,
    Optional<String> query,
    Map<String, List<String>> headers,
    byte[] body,
    String remoteAddress) {

  public RawRequest {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
    headers = Map.copyOf(headers);
    body = body.clone();
    Objects.requireNonNull(remoteAddress, "remoteAddress");
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The first value of the header named {@code name}, compared without case. */
  public Optional<String> header(String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
        .map(e -> e.getValue().get(0))
        .findFirst();
  }
}
