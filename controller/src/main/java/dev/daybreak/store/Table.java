package dev.daybreak.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The few operations of one DynamoDB table the store is written against, with DynamoDB's semantics:
 * one implementation calls DynamoDB, the other keeps items in memory. Items are maps of SDK
 * attribute values, so both see exactly the same data, including items edited by hand.
 */
interface Table {

  /** A strongly consistent read of one item. */
  Optional<Map<String, AttributeValue>> get(String pk, String sk);

  /**
   * {@code UpdateItem}: sets and removes attributes (creating the item if it does not exist) when
   * {@code condition} holds for the item as it is; attributes not named are left alone.
   *
   * @throws ConditionFailedException when the condition does not hold; nothing was written
   */
  void update(
      String pk,
      String sk,
      Map<String, AttributeValue> set,
      Set<String> remove,
      WriteCondition condition);

  /**
   * The items of one partition whose sort keys fall in a range, strongly consistent, in sort-key
   * order (or reversed), at most {@code limit} of them (0 for all).
   */
  List<Map<String, AttributeValue>> query(
      String pk, SortKeys sortKeys, boolean descending, int limit);

  /**
   * Every item whose sort key is one of {@code sortKeys}, across all partitions, in one scan: a
   * scan is charged for every item it passes over, so reading two kinds of item together costs what
   * reading one costs.
   */
  List<Map<String, AttributeValue>> scanSortKeys(Set<String> sortKeys);

  /**
   * Every item whose sort key is one of {@code sortKeys}, read by one Query per sort key of the
   * index {@link Items#BY_SORT_KEY_INDEX}: eventually consistent (a global secondary index has no
   * other kind of read), and charged for those items only, however many others the table holds.
   * Items come with the keys and the attributes {@link DesiredItem#projected()} names.
   */
  List<Map<String, AttributeValue>> queryBySortKeys(Set<String> sortKeys);

  /** A sort-key range of a query. */
  sealed interface SortKeys {
    /** Sort keys that start with {@code prefix}. */
    record BeginsWith(String prefix) implements SortKeys {}

    /** Sort keys from {@code low} to {@code high}, both included. */
    record Between(String low, String high) implements SortKeys {}

    /** True when {@code sk} is in the range. */
    default boolean includes(String sk) {
      if (this instanceof BeginsWith b) {
        return sk.startsWith(b.prefix());
      }
      Between between = (Between) this;
      return sk.compareTo(between.low()) >= 0 && sk.compareTo(between.high()) <= 0;
    }
  }

  /** A conditional write found the item not as expected. Nothing was written. */
  final class ConditionFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConditionFailedException(String pk, String sk) {
      super("the condition on item (" + pk + ", " + sk + ") did not hold");
    }
  }
}
