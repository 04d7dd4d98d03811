package dev.daybreak.store;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code #name} and {@code :value} placeholders of one DynamoDB request. Every attribute name
 * goes through a placeholder, so reserved words such as {@code state} and {@code status} need no
 * special care.
 */
final class Placeholders {
  private final Map<String, String> names = new LinkedHashMap<>();
  private final Map<String, AttributeValue> values = new LinkedHashMap<>();

  /** The placeholder for an attribute name, e.g. {@code #n0}. */
  String name(String attribute) {
    for (Map.Entry<String, String> entry : names.entrySet()) {
      if (entry.getValue().equals(attribute)) {
        return entry.getKey();
      }
    }
    String placeholder = "#n" + names.size();
    names.put(placeholder, attribute);
    return placeholder;
  }

  /** A fresh placeholder for a value, e.g. {@code :v0}. */
  String value(AttributeValue value) {
    String placeholder = ":v" + values.size();
    values.put(placeholder, value);
    return placeholder;
  }

  /** The {@code ExpressionAttributeNames}, or null when there are none (as the SDK expects). */
  Map<String, String> names() {
    return names.isEmpty() ? null : Map.copyOf(names);
  }

  /** The {@code ExpressionAttributeValues}, or null when there are none (as the SDK expects). */
  Map<String, AttributeValue> values() {
    return values.isEmpty() ? null : Map.copyOf(values);
  }
}
