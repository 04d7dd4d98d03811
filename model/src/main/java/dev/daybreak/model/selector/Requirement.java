package dev.daybreak.model.selector;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One requirement of a label selector, e.g. {@code tier!=dev} or {@code team in (shop, pay)}.
 *
 * @param key the label key
 * @param operator how the label is compared
 * @param values the values compared with: one for {@code =} and {@code !=}, at least one for {@code
 *     in} and {@code notin}, none for the existence tests
 */
public record Requirement(String key, Operator operator, Set<String> values) {

  /** How a requirement tests a label (the semantics of Kubernetes' label selectors). */
  public enum Operator {
    /** {@code key=value} or {@code key==value}: the label is present with that value. */
    EQUALS("="),
    /** {@code key!=value}: the label is absent, or present with another value. */
    NOT_EQUALS("!="),
    /** {@code key in (a, b)}: the label is present with one of the values. */
    IN("in"),
    /** {@code key notin (a, b)}: the label is absent, or present with none of the values. */
    NOT_IN("notin"),
    /** {@code key}: the label is present, whatever its value. */
    EXISTS(""),
    /** {@code !key}: the label is absent. */
    DOES_NOT_EXIST("!");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }
  }

  public Requirement {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(operator, "operator");
    values = Set.copyOf(values);
  }

  /** Whether labels with these keys and values meet this requirement. */
  public boolean matches(Map<String, String> labels) {
    String value = labels.get(key);
    return switch (operator) {
      case EQUALS, IN -> value != null && values.contains(value);
      case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
      case EXISTS -> value != null;
      case DOES_NOT_EXIST -> value == null;
    };
  }

  /** The requirement in selector syntax, values sorted: {@code team in (pay,shop)}. */
  @Override
  public String toString() {
    String sorted = String.join(",", new TreeSet<>(values));
    return switch (operator) {
      case EQUALS, NOT_EQUALS -> key + operator.symbol + sorted;
      case IN, NOT_IN -> key + " " + operator.symbol + " (" + sorted + ")";
      case EXISTS -> key;
      case DOES_NOT_EXIST -> operator.symbol + key;
    };
  }
}
