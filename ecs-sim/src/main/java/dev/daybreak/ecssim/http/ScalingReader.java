package dev.daybreak.ecssim.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads an Application Auto Scaling request's members; a member of the wrong JSON type is {@link
 * Malformed} (answered as ValidationException, naming the member).
 */
final class ScalingReader {

  /** A member is missing or of the wrong type. */
  static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  private final JsonNode body;

  ScalingReader(JsonNode body) {
    this.body = body;
  }

  boolean has(String field) {
    return member(field).isPresent();
  }

  String required(String field) {
    return string(field)
        .orElseThrow(
            () ->
                new Malformed(
                    "1 validation error detected: Value null at '"
                        + field
                        + "' failed to satisfy constraint: Member must not be null"));
  }

  Optional<String> string(String field) {
    return member(field)
        .map(
            v -> {
              if (!v.isTextual()) {
                throw new Malformed(field + " must be a string.");
              }
              return v.asText();
            });
  }

  OptionalInt integer(String field) {
    Optional<JsonNode> v = member(field);
    if (v.isEmpty()) {
      return OptionalInt.empty();
    }
    if (!v.get().isIntegralNumber() || !v.get().canConvertToInt()) {
      throw new Malformed(field + " must be an integer.");
    }
    return OptionalInt.of(v.get().intValue());
  }

  Optional<Boolean> bool(String field) {
    return member(field)
        .map(
            v -> {
              if (!v.isBoolean()) {
                throw new Malformed(field + " must be true or false.");
              }
              return v.booleanValue();
            });
  }

  List<String> strings(String field) {
    Optional<JsonNode> v = member(field);
    if (v.isEmpty()) {
      return List.of();
    }
    if (!v.get().isArray()) {
      throw new Malformed(field + " must be a list of strings.");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : v.get()) {
      if (!item.isTextual()) {
        throw new Malformed(field + " must be a list of strings.");
      }
      out.add(item.asText());
    }
    return out;
  }

  /** awsJson timestamps: epoch seconds, possibly with a fraction. */
  Optional<Instant> timestamp(String field) {
    return member(field)
        .map(
            v -> {
              if (!v.isNumber()) {
                throw new Malformed(field + " must be a timestamp (epoch seconds).");
              }
              BigDecimal millis = v.decimalValue().movePointRight(3);
              return Instant.ofEpochMilli(millis.longValue());
            });
  }

  ScalingReader nested(String field) {
    Optional<JsonNode> v = member(field);
    if (v.isPresent() && !v.get().isObject()) {
      throw new Malformed(field + " must be an object.");
    }
    return new ScalingReader(v.orElse(EcsJson.object()));
  }

  String json(String field) {
    return member(field).map(JsonNode::toString).orElse("{}");
  }

  private Optional<JsonNode> member(String field) {
    return EcsJson.member(body, field);
  }
}
