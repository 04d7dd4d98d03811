package dev.daybreak.ecssim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daybreak.ecssim.Faults;
import dev.daybreak.model.DurationRange;
import dev.daybreak.model.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Faults} as JSON, for {@code /_sim/faults}:
 *
 * <pre>{@code
 * {
 *   "errorRate":   {"DescribeServices": 0.2, "*": 0.01},
 *   "throttleRate": {"*": 0.2},
 *   "latency":     {"UpdateService": "300ms"},
 *   "failToStart": ["c", "b:2"],                         // services, or task definitions
 *   "blackout":    {"startsIn": "10s", "lasts": "1m"}   // or {"from": ISO-8601, "until": ISO-8601}
 * }
 * }</pre>
 *
 * Every member is optional; what is absent is off.
 */
final class FaultsJson {

  private FaultsJson() {}

  /**
   * Reads faults; relative blackouts start from {@code now} (simulation time).
   *
   * @throws IllegalArgumentException naming the member that is wrong and what would be valid
   */
  static Faults read(JsonNode body, Instant now) {
    if (!body.isObject()) {
      throw new IllegalArgumentException("faults must be a JSON object");
    }
    Map<String, Double> errorRates = rates(body, "errorRate");
    Map<String, Double> throttleRates = rates(body, "throttleRate");
    Map<String, Duration> latencies = new HashMap<>();
    body.path("latency")
        .properties()
        .forEach(e -> latencies.put(e.getKey(), duration("latency." + e.getKey(), e.getValue())));
    Set<String> failToStart = new LinkedHashSet<>();
    body.path("failToStart")
        .forEach(
            s -> {
              if (!s.isTextual()) {
                throw new IllegalArgumentException(
                    "failToStart must be a list of service names or task definitions (family:revision)");
              }
              failToStart.add(s.asText());
            });
    return new Faults(
        errorRates, latencies, failToStart, blackout(body.path("blackout"), now), throttleRates);
  }

  private static Map<String, Double> rates(JsonNode body, String member) {
    Map<String, Double> rates = new HashMap<>();
    body.path(member)
        .properties()
        .forEach(
            e -> {
              if (!e.getValue().isNumber()) {
                throw new IllegalArgumentException(
                    member + "." + e.getKey() + " must be a number in [0, 1]");
              }
              rates.put(e.getKey(), e.getValue().asDouble());
            });
    return rates;
  }

  static ObjectNode write(Faults faults) {
    ObjectNode n = EcsJson.object();
    ObjectNode rates = n.putObject("errorRate");
    faults.errorRates().forEach(rates::put);
    ObjectNode throttles = n.putObject("throttleRate");
    faults.throttleRates().forEach(throttles::put);
    ObjectNode latency = n.putObject("latency");
    faults.latencies().forEach((op, d) -> latency.put(op, Durations.format(d)));
    faults.failToStart().stream().sorted().forEach(n.putArray("failToStart")::add);
    faults
        .blackout()
        .ifPresent(
            b ->
                n.putObject("blackout")
                    .put("from", b.from().toString())
                    .put("until", b.until().toString()));
    return n;
  }

  private static Optional<Faults.Blackout> blackout(JsonNode b, Instant now) {
    if (b.isMissingNode() || b.isNull()) {
      return Optional.empty();
    }
    if (b.has("from") || b.has("until")) {
      return Optional.of(
          new Faults.Blackout(
              instant("blackout.from", b.path("from")),
              instant("blackout.until", b.path("until"))));
    }
    Instant from = now.plus(duration("blackout.startsIn", b.path("startsIn")));
    return Optional.of(
        new Faults.Blackout(from, from.plus(duration("blackout.lasts", b.path("lasts")))));
  }

  private static Duration duration(String member, JsonNode v) {
    if (!v.isTextual()) {
      throw new IllegalArgumentException(
          member + " must be a duration such as \"500ms\" or \"1m\"");
    }
    try {
      return DurationRange.nonNegative().parse(v.asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(member + ": " + e.getMessage(), e);
    }
  }

  private static Instant instant(String member, JsonNode v) {
    try {
      return Instant.parse(v.asText());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          member + " must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, was " + v, e);
    }
  }
}
