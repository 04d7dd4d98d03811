package dev.daybreak.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A table that reads the real one and never writes it: a write is checked against the item as this
 * table shows it (with DynamoDB's conditional semantics) and kept in memory, where later reads see
 * it. So the store's one body of logic runs unchanged in a dry run, and its status, leases and
 * audit evolve in memory only.
 *
 * <p>Someone else may write the real item meanwhile (a person editing the desired item, the real
 * controller writing a status): a remembered write stands only while the real item is still the one
 * it was made over, so the dry run never hides a change made in the real table. Some partitions are
 * its own (the shard leases), and some items in every partition (the Slack thread records): those
 * it neither reads from nor writes to the real table, so a dry run never waits for, nor takes, a
 * lease the real controller holds, and never finds (and so never edits) a Slack message the real
 * controller posted.
 */
final class DryRunTable implements Table {

  /** A write kept in memory, with the real item it was made over (empty: there was none). */
  private record Written(
      Optional<Map<String, AttributeValue>> over, Map<String, AttributeValue> item) {}

  private final Table real;
  private final Predicate<String> ownPartition;
  private final Set<String> ownSortKeys;
  private final Consumer<String> onWrite;
  private final Object lock = new Object();
  private final Map<String, TreeMap<String, Written>> written = new TreeMap<>();

  /**
   * @param real the table to read
   * @param ownPartition whether a partition key is the dry run's own, never read from {@code real}
   * @param ownSortKeys sort keys whose items are the dry run's own in every partition, never read
   *     from {@code real}
   * @param onWrite told the key ({@code pk/sk}) of every write kept in memory instead
   */
  DryRunTable(
      Table real,
      Predicate<String> ownPartition,
      Set<String> ownSortKeys,
      Consumer<String> onWrite) {
    this.real = real;
    this.ownPartition = ownPartition;
    this.ownSortKeys = Set.copyOf(ownSortKeys);
    this.onWrite = onWrite;
  }

  @Override
  public Optional<Map<String, AttributeValue>> get(String pk, String sk) {
    Optional<Map<String, AttributeValue>> item = realGet(pk, sk);
    synchronized (lock) {
      return current(pk, sk, item);
    }
  }

  @Override
  public void update(
      String pk,
      String sk,
      Map<String, AttributeValue> set,
      Set<String> remove,
      WriteCondition condition) {
    Optional<Map<String, AttributeValue>> realItem = realGet(pk, sk);
    synchronized (lock) {
      Map<String, AttributeValue> now = current(pk, sk, realItem).orElse(Map.of());
      if (!condition.test(now)) {
        throw new ConditionFailedException(pk, sk);
      }
      Map<String, AttributeValue> next = new LinkedHashMap<>(now);
      next.put(Items.PK, AttributeValue.fromS(pk));
      next.put(Items.SK, AttributeValue.fromS(sk));
      next.putAll(set);
      remove.forEach(next::remove);
      written
          .computeIfAbsent(pk, k -> new TreeMap<>())
          .put(sk, new Written(realItem, Map.copyOf(next)));
    }
    onWrite.accept(pk + "/" + sk);
  }

  @Override
  public List<Map<String, AttributeValue>> query(
      String pk, SortKeys sortKeys, boolean descending, int limit) {
    List<Map<String, AttributeValue>> found =
        ownPartition.test(pk) ? List.of() : real.query(pk, sortKeys, descending, limit);
    TreeMap<String, Map<String, AttributeValue>> merged = new TreeMap<>();
    synchronized (lock) {
      for (Map<String, AttributeValue> item : found) {
        String sk = item.get(Items.SK).s();
        if (ownSortKeys.contains(sk)) {
          continue;
        }
        current(pk, sk, Optional.of(item)).ifPresent(i -> merged.put(sk, i));
      }
      written.getOrDefault(pk, new TreeMap<>()).entrySet().stream()
          .filter(e -> sortKeys.includes(e.getKey()) && e.getValue().over().isEmpty())
          .forEach(e -> merged.putIfAbsent(e.getKey(), e.getValue().item()));
    }
    List<Map<String, AttributeValue>> items =
        new ArrayList<>((descending ? merged.descendingMap() : merged).values());
    return limit > 0 && items.size() > limit ? items.subList(0, limit) : items;
  }

  @Override
  public List<Map<String, AttributeValue>> scanSortKeys(Set<String> sortKeys) {
    List<Map<String, AttributeValue>> found = real.scanSortKeys(sortKeys);
    Map<String, Map<String, AttributeValue>> merged = new TreeMap<>();
    synchronized (lock) {
      for (Map<String, AttributeValue> item : found) {
        String pk = item.get(Items.PK).s();
        String sk = item.get(Items.SK).s();
        if (own(pk, sk)) {
          continue;
        }
        current(pk, sk, Optional.of(item)).ifPresent(i -> merged.put(pk + "\u0000" + sk, i));
      }
      written.forEach(
          (pk, items) ->
              items.forEach(
                  (sk, w) -> {
                    if (sortKeys.contains(sk) && w.over().isEmpty()) {
                      merged.putIfAbsent(pk + "\u0000" + sk, w.item());
                    }
                  }));
    }
    List<Map<String, AttributeValue>> items = new ArrayList<>(merged.values());
    items.sort(Comparator.comparing(i -> i.get(Items.PK).s()));
    return items;
  }

  /**
   * A dry run reads spec and desired items strongly consistent, whole, from the table, so that what
   * it kept in memory over an item can be told apart from a newer real item ({@link #current}
   * compares whole items, which the index does not project): a whole-table scan, paid for as such,
   * for as long as the dry run runs.
   */
  @Override
  public List<Map<String, AttributeValue>> queryBySortKeys(Set<String> sortKeys) {
    return scanSortKeys(sortKeys);
  }

  private Optional<Map<String, AttributeValue>> realGet(String pk, String sk) {
    return own(pk, sk) ? Optional.empty() : real.get(pk, sk);
  }

  /** Whether the item is the dry run's own: never read from the real table. */
  private boolean own(String pk, String sk) {
    return ownPartition.test(pk) || ownSortKeys.contains(sk);
  }

  /**
   * The item as this table shows it: the write kept in memory while the real item is still the one
   * it was made over, else the real item (and the stale write is forgotten).
   */
  private Optional<Map<String, AttributeValue>> current(
      String pk, String sk, Optional<Map<String, AttributeValue>> realItem) {
    TreeMap<String, Written> partition = written.get(pk);
    Written w = partition == null ? null : partition.get(sk);
    if (w == null) {
      return realItem;
    }
    if (w.over().equals(realItem)) {
      return Optional.of(w.item());
    }
    partition.remove(sk);
    return realItem;
  }
}
