package dev.daybreak.store;

import java.time.Clock;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The state store of a dry run ({@code daybreak run --dry-run}): it reads the real table and writes
 * nothing to it. Every write (status, leases, audit, notification threads, hand-edit adoption) runs
 * through the same store logic and the same conditions as a real one, against the items as the dry
 * run sees them, and is kept in memory, so the controller's status evolves in its head. A real item
 * someone changes meanwhile replaces what the dry run had written over it. Its shard leases are its
 * own, in memory only: it neither waits for nor takes the real controller's. So are its Slack
 * thread records: a dry run's notifier never finds the thread of the real controller's message for
 * the same operation, so it posts its own message rather than editing or replying to the real one.
 */
public final class DryRunStateStore extends TableStateStore {

  private DryRunStateStore(Table table, Clock clock) {
    super(table, clock);
  }

  /**
   * A dry-run store over {@code real}'s table.
   *
   * @param onWrite told the key ({@code pk/sk}) of each write kept in memory instead of the table
   * @throws IllegalArgumentException when {@code real} is not a DynamoDB or in-memory store
   */
  public static DryRunStateStore over(StateStore real, Clock clock, Consumer<String> onWrite) {
    if (real instanceof TableStateStore table) {
      return new DryRunStateStore(
          new DryRunTable(
              table.table(), DryRunStateStore::ownPartition, Set.of(Items.THREAD), onWrite),
          clock);
    }
    throw new IllegalArgumentException(
        "a dry run reads a DynamoDB or in-memory store; found " + real.getClass().getName());
  }

  /** The shard leases and replica heartbeats: a dry run keeps its own, apart from the real ones. */
  private static boolean ownPartition(String pk) {
    return pk.startsWith(TableLeaseStore.LEASE_PREFIX) || pk.equals(TableLeaseStore.REPLICAS);
  }
}
