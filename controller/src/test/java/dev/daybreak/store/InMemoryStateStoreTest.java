package dev.daybreak.store;

import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The store contract against the in-memory store. */
final class InMemoryStateStoreTest extends StateStoreContract {

  private InMemoryStateStore memory;

  @Override
  protected StateStore newStore(MutableClock clock) {
    memory = new InMemoryStateStore(clock);
    return memory;
  }

  @Override
  protected void updateItemByHand(
      String pk, String sk, Map<String, AttributeValue> set, Set<String> remove) {
    memory.updateItemByHand(pk, sk, set, remove);
  }

  @Override
  protected void deleteItemByHand(String pk, String sk) {
    memory.deleteItemByHand(pk, sk);
  }

  @Override
  protected List<Map<String, AttributeValue>> scanByHand() {
    return memory.scanByHand();
  }
}
