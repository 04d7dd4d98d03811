package dev.daybreak.store;

import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The state store in one DynamoDB table (key schema {@code pk} S HASH, {@code sk} S RANGE; see
 * {@link TableSetup}). Works against DynamoDB and DynamoDB-compatible servers such as dynalite: it
 * uses no transactions or streams. Audit entries carry {@code expiresAt}, which DynamoDB's TTL
 * ({@code daybreak init} turns it on) deletes them by; the resync reads the index {@link
 * Items#BY_SORT_KEY_INDEX}, and falls back to a whole-table scan where the table has none yet.
 */
public final class DynamoDbStateStore extends TableStateStore {

  /**
   * @param client a client for the table's region (or a local endpoint)
   * @param tableName the table
   * @param clock the time source for {@code changedAt}, audit times and {@code appliedAt}
   */
  public DynamoDbStateStore(DynamoDbClient client, String tableName, Clock clock) {
    this(client, tableName, clock, DEFAULT_AUDIT_RETENTION);
  }

  /**
   * @param auditRetention how long audit entries are kept ({@code --audit-retention}): DynamoDB's
   *     TTL deletes each that much after its time
   */
  public DynamoDbStateStore(
      DynamoDbClient client, String tableName, Clock clock, Duration auditRetention) {
    super(new DynamoDbTable(client, tableName), clock, auditRetention);
  }
}
