package dev.daybreak.store;

import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The state store in one DynamoDB table (key schema {@code pk} S HASH, {@code sk} S RANGE; see
 * {@link TableSetup}). Works against DynamoDB and DynamoDB-compatible servers such as dynalite: it
 * uses no transactions, TTL or streams.
 */
public final class DynamoDbStateStore extends TableStateStore {

  /**
   * @param client a client for the table's region (or a local endpoint)
   * @param tableName the table
   * @param clock the time source for {@code changedAt}, audit times and {@code appliedAt}
   */
  public DynamoDbStateStore(DynamoDbClient client, String tableName, Clock clock) {
    super(new DynamoDbTable(client, tableName), clock);
  }
}
