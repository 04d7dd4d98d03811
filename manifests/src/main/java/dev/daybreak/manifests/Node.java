package dev.daybreak.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daybreak.model.DurationRange;
import dev.daybreak.model.Durations;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A value of a manifest document under validation. Every typed read reports a wrong value where it
 * was written and returns empty, so a reader can go on and find the next problem.
 */
final class Node {

  private static final int SHOWN_CHARACTERS = 60;

  private final JsonNode json;
  private final FieldPath path;
  private final LocatedDocument document;
  private final Problems problems;

  private Node(JsonNode json, FieldPath path, LocatedDocument document, Problems problems) {
    this.json = json;
    this.path = path;
    this.document = document;
    this.problems = problems;
  }

  static Node root(LocatedDocument document, Problems problems) {
    return new Node(document.root(), FieldPath.ROOT, document, problems);
  }

  FieldPath path() {
    return path;
  }

  JsonNode json() {
    return json;
  }

  /** Reports a problem with this value. */
  void error(String message) {
    problems.add(document.valueAt(path), path, message);
  }

  /** Reports a problem with the value at {@code at}, a path of this value's document. */
  void errorAt(FieldPath at, String message) {
    problems.add(document.valueAt(at), at, message);
  }

  /** Reports a problem with the key that names this value (unknown field, missing field). */
  void keyError(String message) {
    problems.add(document.keyAt(path), path, message);
  }

  /**
   * Reports that a field of this mapping is missing, at the key that names the mapping (the
   * document's start for the root).
   */
  void missing(String field, String message) {
    problems.add(document.keyAt(path), path.child(field), message);
  }

  Node child(String key) {
    return new Node(json.path(key), path.child(key), document, problems);
  }

  /**
   * This value as a mapping of the given fields.
   *
   * @param fields the fields the mapping may hold, in the order messages list them
   * @param extensions whether fields starting with {@code x-} are allowed (and ignored)
   */
  Optional<Fields> mapping(List<String> fields, boolean extensions) {
    if (!json.isObject()) {
      error("expected a mapping with " + String.join(", ", fields) + "; found " + describe(json));
      return Optional.empty();
    }
    for (String name : (Iterable<String>) json::fieldNames) {
      if (!fields.contains(name) && !(extensions && name.startsWith("x-"))) {
        child(name)
            .keyError(
                "unknown field '"
                    + name
                    + "'"
                    + Suggestions.didYouMean(name, fields)
                    + "; valid fields here: "
                    + String.join(", ", fields)
                    + (extensions ? ", and x-* extensions" : ""));
      }
    }
    return Optional.of(new Fields(this));
  }

  /** This value's items, if it is a sequence. */
  Optional<List<Node>> list(String expected) {
    if (!json.isArray()) {
      error("expected " + expected + "; found " + describe(json));
      return Optional.empty();
    }
    List<Node> items = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      items.add(new Node(json.get(i), path.index(i), document, problems));
    }
    return Optional.of(items);
  }

  /**
   * Every item read by {@code item}, if this is a sequence and every item is valid; each invalid
   * item has reported itself.
   */
  <T> Optional<List<T>> listOf(String expected, Function<Node, Optional<T>> item) {
    Optional<List<Node>> nodes = list(expected);
    if (nodes.isEmpty()) {
      return Optional.empty();
    }
    List<T> values = new ArrayList<>();
    boolean valid = true;
    for (Node node : nodes.get()) {
      Optional<T> value = item.apply(node);
      value.ifPresent(values::add);
      valid &= value.isPresent();
    }
    return valid ? Optional.of(List.copyOf(values)) : Optional.empty();
  }

  /** Like {@link #listOf}, and also reports each value that is listed a second time. */
  <T> Optional<List<T>> uniqueListOf(String expected, Function<Node, Optional<T>> item) {
    Set<T> seen = new HashSet<>();
    return listOf(
        expected,
        node ->
            item.apply(node)
                .filter(
                    value -> {
                      if (seen.add(value)) {
                        return true;
                      }
                      node.error(
                          "'" + shorten(node.json().asText()) + "' is listed twice; list it once");
                      return false;
                    }));
  }

  Optional<String> string() {
    if (!json.isTextual()) {
      error("expected a string; found " + describe(json));
      return Optional.empty();
    }
    return Optional.of(json.textValue());
  }

  /** One of {@code choices}; {@code what} names the kind of value in messages. */
  Optional<String> oneOf(String what, List<String> choices) {
    Optional<String> text = string();
    if (text.isPresent() && !choices.contains(text.get())) {
      error(
          "unknown "
              + what
              + " '"
              + shorten(text.get())
              + "'"
              + Suggestions.didYouMean(text.get(), choices)
              + "; valid: "
              + String.join(", ", choices));
      return Optional.empty();
    }
    return text;
  }

  /** A whole number within {@code [min, max]}. */
  Optional<Integer> integer(int min, int max) {
    String range = "a whole number from " + min + " to " + max;
    if (!json.isIntegralNumber()) {
      error("expected " + range + "; found " + describe(json));
      return Optional.empty();
    }
    BigInteger value = json.bigIntegerValue();
    if (value.compareTo(BigInteger.valueOf(min)) < 0) {
      error(value + " is below the minimum of " + min + "; expected " + range);
      return Optional.empty();
    }
    if (value.compareTo(BigInteger.valueOf(max)) > 0) {
      error(value + " is above the limit of " + max + "; expected " + range);
      return Optional.empty();
    }
    return Optional.of(value.intValueExact());
  }

  /** A duration within {@code [min, max]}, written in the {@link Durations} grammar. */
  Optional<Duration> duration(Duration min, Duration max) {
    DurationRange range = DurationRange.between(min, max);
    if (json.isNumber()) {
      error(
          "expected "
              + range.describe()
              + "; found a number ("
              + json.asText()
              + ") without a unit: write it as, e.g., "
              + json.asText()
              + "s or "
              + json.asText()
              + "m");
      return Optional.empty();
    }
    Optional<String> text = string();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(range.parse(text.get()));
    } catch (IllegalArgumentException e) {
      error(e.getMessage());
      return Optional.empty();
    }
  }

  /** How a value is named in messages: {@code a string ('abc')}, {@code a list}. */
  static String describe(JsonNode value) {
    if (value.isTextual()) {
      return "a string ('" + shorten(value.textValue()) + "')";
    }
    if (value.isNumber()) {
      return "a number (" + value.asText() + ")";
    }
    if (value.isBoolean()) {
      return "a boolean (" + value.asText() + ")";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    return value.isMissingNode() ? "nothing" : "no value (null)";
  }

  /** A user's text, shortened for a message. */
  static String shorten(String text) {
    return text.length() <= SHOWN_CHARACTERS
        ? text
        : text.substring(0, SHOWN_CHARACTERS) + "... (" + text.length() + " characters)";
  }
}
