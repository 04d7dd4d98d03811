package dev.daybreak.store;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link LeaseStore} over the same {@link Table} as the state store, so it works on DynamoDB and in
 * memory alike. Only single-item conditional writes are used (dynalite has no transactions):
 *
 * <ul>
 *   <li>acquire: {@code epoch} and {@code renewedAt} (and {@code owner}) exactly as observed, or
 *       the item absent; sets the owner and {@code epoch + 1};
 *   <li>renew and release: {@code owner = me AND epoch = mine}.
 * </ul>
 */
public final class TableLeaseStore implements LeaseStore {

  static final String LEASE_PREFIX = "lease#";
  static final String LEASE = "lease";
  static final String OWNER = "owner";
  static final String EPOCH = "epoch";
  static final String RENEWED_AT = "renewedAt";
  static final String REPLICAS = "replicas";
  static final String REPLICA_PREFIX = "replica#";
  static final String HEARTBEAT_AT = "heartbeatAt";

  private final Table table;

  private TableLeaseStore(Table table) {
    this.table = Objects.requireNonNull(table, "table");
  }

  /** The leases kept in the same table as {@code store}. */
  public static LeaseStore on(StateStore store) {
    if (store instanceof TableStateStore tableStore) {
      return new TableLeaseStore(tableStore.table());
    }
    throw new IllegalArgumentException(
        "leases live in the state table; expected a DynamoDB or in-memory store, found "
            + store.getClass().getName());
  }

  @Override
  public Optional<LeaseRecord> read(int shard) {
    return table.get(pk(shard), LEASE).map(item -> record(shard, item));
  }

  @Override
  public LeaseRecord acquire(int shard, String replica, Optional<LeaseRecord> seen, Instant now) {
    long epoch = seen.map(LeaseRecord::epoch).orElse(0L) + 1;
    WriteCondition condition =
        seen.map(
                s ->
                    WriteCondition.all(
                        new WriteCondition.EqualTo(EPOCH, Items.n(s.epoch())),
                        new WriteCondition.EqualTo(RENEWED_AT, Items.instant(s.renewedAt())),
                        WriteCondition.unchanged(OWNER, s.owner().map(Items::s))))
            .orElse(new WriteCondition.NotExists(EPOCH));
    write(
        shard,
        Map.of(OWNER, Items.s(replica), EPOCH, Items.n(epoch), RENEWED_AT, Items.instant(now)),
        Set.of(),
        condition,
        "acquired by another replica");
    return new LeaseRecord(shard, Optional.of(replica), epoch, now);
  }

  @Override
  public LeaseRecord renew(LeaseRecord held, Instant now) {
    write(
        held.shard(),
        Map.of(RENEWED_AT, Items.instant(now)),
        Set.of(),
        holds(held),
        "taken over by another replica");
    return new LeaseRecord(held.shard(), held.owner(), held.epoch(), now);
  }

  @Override
  public void release(LeaseRecord held, Instant now) {
    write(
        held.shard(),
        Map.of(RENEWED_AT, Items.instant(now)),
        Set.of(OWNER),
        holds(held),
        "taken over by another replica");
  }

  @Override
  public void heartbeat(String replica, Instant now) {
    table.update(
        REPLICAS,
        REPLICA_PREFIX + replica,
        Map.of(HEARTBEAT_AT, Items.instant(now)),
        Set.of(),
        WriteCondition.always());
  }

  @Override
  public void leave(String replica) {
    table.update(
        REPLICAS,
        REPLICA_PREFIX + replica,
        Map.of(),
        Set.of(HEARTBEAT_AT),
        WriteCondition.always());
  }

  @Override
  public List<Heartbeat> heartbeats() {
    List<Heartbeat> found = new ArrayList<>();
    for (Map<String, AttributeValue> item :
        table.query(REPLICAS, new Table.SortKeys.BeginsWith(REPLICA_PREFIX), false, 0)) {
      String replica = item.get(Items.SK).s().substring(REPLICA_PREFIX.length());
      found.add(new Heartbeat(replica, instant(item.get(HEARTBEAT_AT))));
    }
    return found;
  }

  private static WriteCondition holds(LeaseRecord held) {
    String owner =
        held.owner()
            .orElseThrow(
                () -> new IllegalArgumentException("a released lease cannot be renewed: " + held));
    return WriteCondition.all(
        new WriteCondition.EqualTo(OWNER, Items.s(owner)),
        new WriteCondition.EqualTo(EPOCH, Items.n(held.epoch())));
  }

  private void write(
      int shard,
      Map<String, AttributeValue> set,
      Set<String> remove,
      WriteCondition condition,
      String why) {
    try {
      table.update(pk(shard), LEASE, set, remove, condition);
    } catch (Table.ConditionFailedException e) {
      throw new ConflictException(
          "the lease of shard " + shard + " was " + why + "; nothing was written");
    }
  }

  private static LeaseRecord record(int shard, Map<String, AttributeValue> item) {
    AttributeValue epoch = item.get(EPOCH);
    AttributeValue renewedAt = item.get(RENEWED_AT);
    Optional<Instant> at = instant(renewedAt);
    if (epoch == null || epoch.n() == null || at.isEmpty()) {
      throw new StoreException(
          "lease item "
              + pk(shard)
              + " lacks a numeric epoch or an ISO-8601 renewedAt; only the controller writes it,"
              + " so this is a bug or a damaged item: "
              + item);
    }
    return new LeaseRecord(
        shard,
        Optional.ofNullable(item.get(OWNER)).map(AttributeValue::s),
        Long.parseLong(epoch.n()),
        at.get());
  }

  private static Optional<Instant> instant(AttributeValue value) {
    if (value == null || value.s() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value.s()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static String pk(int shard) {
    return LEASE_PREFIX + shard;
  }
}
