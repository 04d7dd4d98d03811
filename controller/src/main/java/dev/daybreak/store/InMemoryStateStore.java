package dev.daybreak.store;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The state store in memory, for the sandbox and tests: the same items, conditions and audit as
 * {@link DynamoDbStateStore}, kept in this process only (nothing survives it). Thread-safe.
 *
 * <p>The {@code ...ByHand} methods do what a person with a DynamoDB client can do to the table (no
 * condition, no version bump), so the sandbox and tests can show how daybreak treats hand edits.
 */
public final class InMemoryStateStore extends TableStateStore {

  public InMemoryStateStore(Clock clock) {
    super(new InMemoryTable(), clock);
  }

  /**
   * A store whose audit entries expire after {@code auditRetention} ({@code --audit-retention}).
   */
  public InMemoryStateStore(Clock clock, Duration auditRetention) {
    super(new InMemoryTable(), clock, auditRetention);
  }

  /**
   * {@code aws dynamodb update-item} on the environment's desired item: sets and removes
   * attributes, creating the item if needed.
   */
  public void updateDesiredByHand(
      String environment, Map<String, AttributeValue> set, Set<String> remove) {
    updateItemByHand(Items.pk(environment), Items.DESIRED, set, remove);
  }

  /** {@code aws dynamodb update-item} on any item of the table. */
  public void updateItemByHand(
      String pk, String sk, Map<String, AttributeValue> set, Set<String> remove) {
    table().update(pk, sk, set, remove, WriteCondition.always());
  }

  /** {@code aws dynamodb delete-item} on any item of the table. */
  public void deleteItemByHand(String pk, String sk) {
    ((InMemoryTable) table()).delete(pk, sk);
  }

  /** What the operations so far would have cost on DynamoDB (read and write units). */
  public Capacity.Consumed consumed() {
    return ((InMemoryTable) table()).capacity().consumed();
  }

  /** {@code aws dynamodb scan}: every item, in key order. */
  public List<Map<String, AttributeValue>> scanByHand() {
    return ((InMemoryTable) table()).scanAll();
  }
}
