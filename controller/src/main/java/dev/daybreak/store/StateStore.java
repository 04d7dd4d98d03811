package dev.daybreak.store;

/**
 * Where daybreak keeps each environment's spec, desired state, status and audit trail. Every write
 * is conditional on the item's version: a write against a stale version fails with {@link
 * ConflictException} and changes nothing.
 *
 * <p>It is the sum of its roles — {@link SpecStore}, {@link DesiredStore}, {@link StatusStore},
 * {@link NotificationThreads}, {@link AuditLog} and {@link DowntimeLog} — and a caller that needs
 * one role takes that role's interface, so a decorator or a fake for it forwards only what it
 * means. The implementations ({@link TableStateStore} over DynamoDB or memory, {@link
 * DryRunStateStore}) implement the whole.
 */
public interface StateStore
    extends SpecStore, DesiredStore, StatusStore, NotificationThreads, AuditLog, DowntimeLog {

  /**
   * {@link #environments()} and {@link #allDesired()} read together. This default reads them one
   * after the other; a store (or a wrapper counting requests) should override it to read them from
   * the table's index in one go.
   */
  @Override
  default DesiredScan scanDesired() {
    return new DesiredScan(environments(), allDesired());
  }

  /**
   * Every environment's status version, by environment name, from the table's index where the store
   * can (eventually consistent): how the serverless mode tells a status someone else wrote since it
   * last looked without reading the statuses. This default reads each status.
   */
  default java.util.Map<String, Long> statusVersions() {
    java.util.Map<String, Long> versions = new java.util.TreeMap<>();
    for (String environment : environments()) {
      status(environment).ifPresent(s -> versions.put(environment, s.version()));
    }
    return versions;
  }
}
