package dev.daybreak.manifests;

import java.util.Optional;
import java.util.function.Function;

/** The fields of a mapping under validation (unknown fields have already been reported). */
final class Fields {

  private final Node mapping;

  Fields(Node mapping) {
    this.mapping = mapping;
  }

  Node node() {
    return mapping;
  }

  boolean has(String name) {
    return mapping.json().has(name);
  }

  /** The field's value; empty when absent, or when it is null (reported: null is never valid). */
  Optional<Node> optional(String name) {
    if (!has(name)) {
      return Optional.empty();
    }
    Node value = mapping.child(name);
    if (value.json().isNull()) {
      value.error("has no value; give it one or remove the key");
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /**
   * The field read by {@code reader}, or {@code fallback} when the field is absent; empty when it
   * is present but not valid (already reported).
   */
  <T> Optional<T> read(String name, Function<Node, Optional<T>> reader, T fallback) {
    if (!has(name)) {
      return Optional.of(fallback);
    }
    return optional(name).flatMap(reader);
  }

  /** The field's value; reported where the mapping is written when it is missing. */
  Optional<Node> required(String name, String expected) {
    if (!has(name)) {
      mapping.missing(name, "is required: " + expected);
      return Optional.empty();
    }
    return optional(name);
  }
}
