package dev.daybreak.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One-time tokens (Slack request signatures) recorded in the state table, so a request accepted by
 * one Lambda container or controller replica is refused by every other one. Each token is one item,
 * {@code (replay#<sha256 of the token>, replay)}, written with a single conditional put: it
 * succeeds only when the item is absent or its {@value #EXPIRES_AT} has passed. {@value
 * #EXPIRES_AT} is the table's TTL attribute (epoch seconds, as DynamoDB's TTL requires), so
 * DynamoDB deletes old tokens by itself; the condition does not rely on that deletion, which can
 * lag by days.
 */
public final class ReplayLedger {

  /** The partition key prefix of token items. */
  public static final String PREFIX = "replay#";

  /** The sort key of token items. */
  public static final String SORT_KEY = "replay";

  /**
   * When a token may be forgotten, in epoch seconds: the table's TTL attribute (deploy/ enables TTL
   * on it).
   */
  public static final String EXPIRES_AT = "expiresAt";

  private final Table table;
  private final Clock clock;

  private ReplayLedger(Table table, Clock clock) {
    this.table = Objects.requireNonNull(table, "table");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The ledger kept in the same table as {@code store}.
   *
   * @throws IllegalArgumentException when the store is not a DynamoDB or in-memory one
   */
  public static ReplayLedger on(StateStore store, Clock clock) {
    if (store instanceof TableStateStore tableStore) {
      return new ReplayLedger(tableStore.table(), clock);
    }
    throw new IllegalArgumentException(
        "replayed requests are recorded in the state table; expected a DynamoDB or in-memory"
            + " store, found "
            + store.getClass().getName());
  }

  /**
   * Records {@code token} until {@code expiry}.
   *
   * @return false when it was recorded before and has not expired (a replay); nothing is written
   * @throws StoreException when the table cannot be reached
   */
  public boolean firstSeen(String token, Instant expiry) {
    long now = clock.instant().getEpochSecond();
    try {
      table.update(
          PREFIX + sha256(token),
          SORT_KEY,
          Map.of(EXPIRES_AT, Items.n(expiry.getEpochSecond())),
          Set.of(),
          WriteCondition.any(
              new WriteCondition.NotExists(EXPIRES_AT),
              new WriteCondition.AtMost(EXPIRES_AT, now)));
      return true;
    } catch (Table.ConditionFailedException seen) {
      return false;
    }
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
