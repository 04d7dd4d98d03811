package dev.daybreak.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
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

  @Test
  void scanDesired_costsTheSameReadUnits_withAYearOfAuditHistory() {
    for (int e = 0; e < 20; e++) {
      store.applySpec(manifest("env-" + e, 1));
      store.writeDesired("env-" + e, awake("alice"), 0, Via.CLI);
    }
    double fresh = readUnitsOfOneScan();
    for (int e = 0; e < 20; e++) {
      for (int flip = 1; flip <= 730; flip++) {
        store.writeDesired(
            "env-" + e, flip % 2 == 0 ? awake("alice") : asleep("bob"), flip, Via.CLI);
      }
    }
    assertThat(store.audit("env-0", 1000)).hasSize(731);

    assertThat(readUnitsOfOneScan()).isEqualTo(fresh);
    assertThat(store.scanDesired().environments()).hasSize(20);
  }

  private double readUnitsOfOneScan() {
    Capacity.Consumed before = memory.consumed();
    store.scanDesired();
    return memory.consumed().minus(before).readUnits();
  }

  @Test
  void auditEntries_expireAfterTheRetention_throughTheTableTtlAttribute() {
    InMemoryStateStore kept = new InMemoryStateStore(clock, Duration.ofDays(30));
    kept.writeDesired(ENV, awake("alice"), 0, Via.CLI);

    Map<String, AttributeValue> audit =
        kept.scanByHand().stream()
            .filter(i -> i.get("sk").s().startsWith("audit#"))
            .findFirst()
            .orElseThrow();

    assertThat(audit.get(ReplayLedger.EXPIRES_AT).n())
        .isEqualTo(String.valueOf(T0.plus(Duration.ofDays(30)).getEpochSecond()));
    assertThat(kept.scanByHand())
        .filteredOn(i -> !i.get("sk").s().startsWith("audit#"))
        .noneMatch(i -> i.containsKey(ReplayLedger.EXPIRES_AT));
  }

  @Test
  void auditRetention_thatIsNotPositive_isRefused() {
    assertThatThrownBy(() -> new InMemoryStateStore(clock, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be positive (such as 400d)");
  }
}
