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
 * A table in memory with DynamoDB's conditional-write semantics and its index {@link
 * Items#BY_SORT_KEY_INDEX}. One lock serialises every operation, so each write checks its condition
 * and applies atomically, as DynamoDB does per item. Every operation is charged to {@link
 * #capacity()} as DynamoDB would charge it ({@link Capacity}).
 */
final class InMemoryTable implements Table {

  private final Object lock = new Object();

  /** pk -> sk -> item, sort keys ordered as DynamoDB orders them (for the ASCII keys used here). */
  private final Map<String, TreeMap<String, Map<String, AttributeValue>>> partitions =
      new TreeMap<>();

  /**
   * The index's spec, desired and status partitions: sk -> pk -> the item's projection (the only
   * ones the store queries; every other item is charged for its index write but not kept twice).
   */
  private final Map<String, TreeMap<String, Map<String, AttributeValue>>> bySortKey =
      Map.of(
          Items.SPEC,
          new TreeMap<>(),
          Items.DESIRED,
          new TreeMap<>(),
          Items.STATUS,
          new TreeMap<>());

  private final Capacity capacity = new Capacity();

  /** What the operations so far would have cost on DynamoDB. */
  Capacity capacity() {
    return capacity;
  }

  @Override
  public Optional<Map<String, AttributeValue>> get(String pk, String sk) {
    synchronized (lock) {
      Optional<Map<String, AttributeValue>> item =
          Optional.ofNullable(partitions.getOrDefault(pk, new TreeMap<>()).get(sk));
      capacity.chargeRead(Capacity.getItemUnits(item.map(Capacity::itemSize).orElse(0L), true));
      return item;
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
      long before = current.isEmpty() ? 0 : Capacity.itemSize(current);
      if (!condition.test(current)) {
        // A failed condition is charged too (DynamoDB: the item's size, at least one unit).
        capacity.chargeWrite(Capacity.writeUnits(before));
        throw new ConditionFailedException(pk, sk);
      }
      Map<String, AttributeValue> next = new LinkedHashMap<>(current);
      next.put(Items.PK, AttributeValue.fromS(pk));
      next.put(Items.SK, AttributeValue.fromS(sk));
      next.putAll(set);
      remove.forEach(next::remove);
      Map<String, AttributeValue> stored = Collections.unmodifiableMap(next);
      partition.put(sk, stored);
      capacity.chargeWrite(Capacity.writeUnits(Math.max(before, Capacity.itemSize(stored))));
      index(pk, sk, stored);
    }
  }

  /** Keeps the index up to date, charging its write as DynamoDB does. */
  private void index(String pk, String sk, Map<String, AttributeValue> after) {
    Map<String, AttributeValue> projection = project(after);
    capacity.chargeWrite(Capacity.writeUnits(Capacity.itemSize(projection)));
    Optional.ofNullable(bySortKey.get(sk)).ifPresent(p -> p.put(pk, projection));
  }

  /** The keys and {@link DesiredItem#projected()}: the index's projection. */
  private static Map<String, AttributeValue> project(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> projection = new LinkedHashMap<>();
    for (String name : List.of(Items.PK, Items.SK)) {
      projection.put(name, item.get(name));
    }
    for (String name : DesiredItem.projected()) {
      Optional.ofNullable(item.get(name)).ifPresent(v -> projection.put(name, v));
    }
    return Collections.unmodifiableMap(projection);
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
      capacity.chargeRead(
          Capacity.pagedReadUnits(found.stream().map(Capacity::itemSize).toList(), true));
      return found;
    }
  }

  @Override
  public List<Map<String, AttributeValue>> scanSortKeys(Set<String> sortKeys) {
    synchronized (lock) {
      List<Map<String, AttributeValue>> found = new ArrayList<>();
      List<Long> passedOver = new ArrayList<>();
      for (Map<String, Map<String, AttributeValue>> partition : partitions.values()) {
        for (Map<String, AttributeValue> item : partition.values()) {
          passedOver.add(Capacity.itemSize(item));
        }
        sortKeys.forEach(sk -> Optional.ofNullable(partition.get(sk)).ifPresent(found::add));
      }
      capacity.chargeRead(Capacity.pagedReadUnits(passedOver, true));
      return found;
    }
  }

  @Override
  public List<Map<String, AttributeValue>> queryBySortKeys(Set<String> sortKeys) {
    synchronized (lock) {
      List<Map<String, AttributeValue>> found = new ArrayList<>();
      for (String sk : sortKeys) {
        TreeMap<String, Map<String, AttributeValue>> partition = bySortKey.get(sk);
        if (partition == null) {
          throw new IllegalArgumentException(
              "the in-memory index keeps the spec, desired and status items only, not " + sk);
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>(partition.values());
        capacity.chargeRead(
            Capacity.pagedReadUnits(items.stream().map(Capacity::itemSize).toList(), false));
        found.addAll(items);
      }
      return found;
    }
  }

  /** Deletes an item, as {@code DeleteItem} without a condition would. */
  void delete(String pk, String sk) {
    synchronized (lock) {
      Optional.ofNullable(partitions.get(pk)).map(p -> p.remove(sk));
      Optional.ofNullable(bySortKey.get(sk)).map(p -> p.remove(pk));
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
