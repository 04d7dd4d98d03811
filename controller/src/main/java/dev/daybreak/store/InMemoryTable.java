package dev.daybreak.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A table in memory with DynamoDB's conditional-write semantics. One lock serialises every
 * operation, so each write checks its condition and applies atomically, as DynamoDB does per item.
 */
final class InMemoryTable implements Table {

  private final Object lock = new Object();

  /** pk -> sk -> item, sort keys ordered as DynamoDB orders them (for the ASCII keys used here). */
  private final Map<String, TreeMap<String, Map<String, AttributeValue>>> partitions =
      new TreeMap<>();

  @Override
  public Optional<Map<String, AttributeValue>> get(String pk, String sk) {
    synchronized (lock) {
      return Optional.ofNullable(partitions.getOrDefault(pk, new TreeMap<>()).get(sk));
    }
  }

  @Override
  public void update(
      String pk,
      String sk,
      Map<String, AttributeValue> set,
      Set<String> remove,
      WriteCondition condition) {
    synchronized (lock) {
      TreeMap<String, Map<String, AttributeValue>> partition =
          partitions.computeIfAbsent(pk, k -> new TreeMap<>());
      Map<String, AttributeValue> current = partition.getOrDefault(sk, Map.of());
      if (!condition.test(current)) {
        throw new ConditionFailedException(pk, sk);
      }
      Map<String, AttributeValue> next = new LinkedHashMap<>(current);
      next.put(Items.PK, AttributeValue.fromS(pk));
      next.put(Items.SK, AttributeValue.fromS(sk));
      next.putAll(set);
      remove.forEach(next::remove);
      partition.put(sk, Collections.unmodifiableMap(next));
    }
  }

  @Override
  public List<Map<String, AttributeValue>> query(
      String pk, SortKeys sortKeys, boolean descending, int limit) {
    synchronized (lock) {
      TreeMap<String, Map<String, AttributeValue>> partition =
          partitions.getOrDefault(pk, new TreeMap<>());
      List<Map<String, AttributeValue>> found = new ArrayList<>();
      for (Map.Entry<String, Map<String, AttributeValue>> entry :
          (descending ? partition.descendingMap() : partition).entrySet()) {
        if (sortKeys.includes(entry.getKey())) {
          found.add(entry.getValue());
          if (limit > 0 && found.size() == limit) {
            break;
          }
        }
      }
      return found;
    }
  }

  @Override
  public List<Map<String, AttributeValue>> scanSortKeys(Set<String> sortKeys) {
    synchronized (lock) {
      List<Map<String, AttributeValue>> found = new ArrayList<>();
      for (Map<String, Map<String, AttributeValue>> partition : partitions.values()) {
        sortKeys.forEach(sk -> Optional.ofNullable(partition.get(sk)).ifPresent(found::add));
      }
      return found;
    }
  }

  /** Deletes an item, as {@code DeleteItem} without a condition would. */
  void delete(String pk, String sk) {
    synchronized (lock) {
      Optional.ofNullable(partitions.get(pk)).ifPresent(p -> p.remove(sk));
    }
  }

  /** Every item, in key order. */
  List<Map<String, AttributeValue>> scanAll() {
    synchronized (lock) {
      List<Map<String, AttributeValue>> all = new ArrayList<>();
      partitions.values().forEach(p -> all.addAll(p.values()));
      return all;
    }
  }
}
