package dev.daybreak.store;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A DynamoDB condition expression as a value: rendered to an expression for DynamoDB, evaluated
 * against the item for the in-memory table, so both stores decide every conditional write the same
 * way. Only the functions DynamoDB (and dynalite) define are offered.
 */
sealed interface WriteCondition {

  /** True when the condition holds for {@code item} (empty when the item does not exist). */
  boolean test(Map<String, AttributeValue> item);

  /** No condition: the write always goes through. */
  record Always() implements WriteCondition {
    @Override
    public boolean test(Map<String, AttributeValue> item) {
      return true;
    }
  }

  /** {@code attribute_exists(name)}. */
  record Exists(String name) implements WriteCondition {
    @Override
    public boolean test(Map<String, AttributeValue> item) {
      return item.containsKey(name);
    }
  }

  /** {@code attribute_not_exists(name)}. */
  record NotExists(String name) implements WriteCondition {
    @Override
    public boolean test(Map<String, AttributeValue> item) {
      return !item.containsKey(name);
    }
  }

  /** {@code name = value}: same type and same value. */
  record EqualTo(String name, AttributeValue value) implements WriteCondition {
    @Override
    public boolean test(Map<String, AttributeValue> item) {
      return value.equals(item.get(name));
    }
  }

  /** {@code attribute_type(name, type)}, e.g. type {@code N}. */
  record HasType(String name, AttributeValue.Type type) implements WriteCondition {
    @Override
    public boolean test(Map<String, AttributeValue> item) {
      AttributeValue value = item.get(name);
      return value != null && value.type() == type;
    }
  }

  /** {@code size(name) = size} for a list attribute. */
  record ListSize(String name, int size) implements WriteCondition {
    @Override
    public boolean test(Map<String, AttributeValue> item) {
      AttributeValue value = item.get(name);
      return value != null && value.type() == AttributeValue.Type.L && value.l().size() == size;
    }
  }

  /** {@code contains(name, element)} for a list attribute. */
  record ListContains(String name, AttributeValue element) implements WriteCondition {
    @Override
    public boolean test(Map<String, AttributeValue> item) {
      AttributeValue value = item.get(name);
      return value != null && value.type() == AttributeValue.Type.L && value.l().contains(element);
    }
  }

  /** {@code name <= value} for a number attribute; false when it is absent or not a number. */
  record AtMost(String name, long value) implements WriteCondition {
    @Override
    public boolean test(Map<String, AttributeValue> item) {
      AttributeValue current = item.get(name);
      return current != null
          && current.type() == AttributeValue.Type.N
          && new BigDecimal(current.n()).compareTo(BigDecimal.valueOf(value)) <= 0;
    }
  }

  /** {@code NOT c}. */
  record Not(WriteCondition condition) implements WriteCondition {
    @Override
    public boolean test(Map<String, AttributeValue> item) {
      return !condition.test(item);
    }
  }

  /** {@code a AND b AND ...}. */
  record All(List<WriteCondition> conditions) implements WriteCondition {
    public All {
      conditions = List.copyOf(conditions);
    }

    @Override
    public boolean test(Map<String, AttributeValue> item) {
      return conditions.stream().allMatch(c -> c.test(item));
    }
  }

  /** {@code a OR b OR ...}. */
  record Any(List<WriteCondition> conditions) implements WriteCondition {
    public Any {
      conditions = List.copyOf(conditions);
    }

    @Override
    public boolean test(Map<String, AttributeValue> item) {
      return conditions.stream().anyMatch(c -> c.test(item));
    }
  }

  static WriteCondition always() {
    return new Always();
  }

  static WriteCondition all(WriteCondition... conditions) {
    return new All(List.of(conditions));
  }

  static WriteCondition any(WriteCondition... conditions) {
    return new Any(List.of(conditions));
  }

  /**
   * {@code name} holds exactly {@code expected} (absent when empty). Lists are compared as size
   * plus membership because DynamoDB-compatible servers do not all compare lists with {@code =};
   * for the short lists of distinct names daybreak stores that is the same test.
   */
  static WriteCondition unchanged(String name, Optional<AttributeValue> expected) {
    if (expected.isEmpty()) {
      return new NotExists(name);
    }
    AttributeValue value = expected.get();
    if (value.type() != AttributeValue.Type.L) {
      return new EqualTo(name, value);
    }
    List<WriteCondition> parts = new ArrayList<>();
    parts.add(new ListSize(name, value.l().size()));
    for (AttributeValue element : value.l()) {
      if (element.type() == AttributeValue.Type.S || element.type() == AttributeValue.Type.N) {
        parts.add(new ListContains(name, element));
      }
    }
    return new All(parts);
  }

  /** Renders conditions as DynamoDB expressions, collecting the placeholders they use. */
  final class Renderer {
    private final Placeholders placeholders;

    Renderer(Placeholders placeholders) {
      this.placeholders = Objects.requireNonNull(placeholders);
    }

    /** The expression, or empty for {@link Always}. */
    Optional<String> render(WriteCondition condition) {
      return condition instanceof Always ? Optional.empty() : Optional.of(expression(condition));
    }

    private String expression(WriteCondition condition) {
      if (condition instanceof Exists c) {
        return "attribute_exists(" + placeholders.name(c.name()) + ")";
      } else if (condition instanceof NotExists c) {
        return "attribute_not_exists(" + placeholders.name(c.name()) + ")";
      } else if (condition instanceof EqualTo c) {
        return placeholders.name(c.name()) + " = " + placeholders.value(c.value());
      } else if (condition instanceof HasType c) {
        return "attribute_type("
            + placeholders.name(c.name())
            + ", "
            + placeholders.value(AttributeValue.fromS(c.type().name()))
            + ")";
      } else if (condition instanceof ListSize c) {
        return "size("
            + placeholders.name(c.name())
            + ") = "
            + placeholders.value(AttributeValue.fromN(Integer.toString(c.size())));
      } else if (condition instanceof ListContains c) {
        return "contains("
            + placeholders.name(c.name())
            + ", "
            + placeholders.value(c.element())
            + ")";
      } else if (condition instanceof AtMost c) {
        return placeholders.name(c.name())
            + " <= "
            + placeholders.value(AttributeValue.fromN(Long.toString(c.value())));
      } else if (condition instanceof Not c) {
        return "NOT (" + expression(c.condition()) + ")";
      } else if (condition instanceof All c) {
        return join(c.conditions(), " AND ");
      } else if (condition instanceof Any c) {
        return join(c.conditions(), " OR ");
      }
      throw new IllegalStateException("a condition that cannot be rendered: " + condition);
    }

    private String join(List<WriteCondition> conditions, String operator) {
      List<String> parts = new ArrayList<>();
      for (WriteCondition condition : conditions) {
        if (!(condition instanceof Always)) {
          parts.add("(" + expression(condition) + ")");
        }
      }
      if (parts.isEmpty()) {
        throw new IllegalArgumentException("an empty AND/OR has no DynamoDB expression");
      }
      return String.join(operator, parts);
    }
  }
}
