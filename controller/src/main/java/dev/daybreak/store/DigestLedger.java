package dev.daybreak.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which weekly savings digests were sent, recorded in the state table so that, of every controller
 * replica and every restart, exactly one sends a channel's digest for a week. Each (channel, week)
 * is one item, {@code (digest#<channel>, <week>)}, claimed with a single conditional put as {@link
 * ReplayLedger} records tokens: it succeeds only when the item is absent or its {@value
 * ReplayLedger#EXPIRES_AT} (the table's TTL attribute) has passed.
 */
public final class DigestLedger {

  /** The partition key prefix of digest items. */
  public static final String PREFIX = "digest#";

  private final Table table;
  private final Clock clock;

  private DigestLedger(Table table, Clock clock) {
    this.table = Objects.requireNonNull(table, "table");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The ledger kept in the same table as {@code store}.
   *
   * @throws IllegalArgumentException when the store is not a DynamoDB or in-memory one
   */
  public static DigestLedger on(StateStore store, Clock clock) {
    if (store instanceof TableStateStore tableStore) {
      return new DigestLedger(tableStore.table(), clock);
    }
    throw new IllegalArgumentException(
        "sent digests are recorded in the state table; expected a DynamoDB or in-memory store,"
            + " found "
            + store.getClass().getName());
  }

  /**
   * Claims the digest of {@code channel} for {@code week} (e.g. {@code 2026-W50}) until {@code
   * expiry}.
   *
   * @return false when it was claimed before (by this or another process) and has not expired;
   *     nothing is written then
   * @throws StoreException when the table cannot be reached
   */
  public boolean claim(String channel, String week, Instant expiry) {
    long now = clock.instant().getEpochSecond();
    try {
      table.update(
          PREFIX + channel,
          week,
          Map.of(ReplayLedger.EXPIRES_AT, Items.n(expiry.getEpochSecond())),
          Set.of(),
          WriteCondition.any(
              new WriteCondition.NotExists(ReplayLedger.EXPIRES_AT),
              new WriteCondition.AtMost(ReplayLedger.EXPIRES_AT, now)));
      return true;
    } catch (Table.ConditionFailedException claimed) {
      return false;
    }
  }
}
