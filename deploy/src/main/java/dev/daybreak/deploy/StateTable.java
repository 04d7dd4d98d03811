package dev.daybreak.deploy;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/** The one table daybreak keeps its specs, desired states, statuses, audit and leases in. */
final class StateTable {
  /** Partition key: {@code env#<name>} or {@code lease#<shard>}. */
  static final String PARTITION_KEY = "pk";

  /** Sort key: {@code spec}, {@code desired}, {@code status}, {@code audit#...}, {@code lease}. */
  static final String SORT_KEY = "sk";

  /**
   * The TTL attribute (epoch seconds): items that carry it are short-lived records DynamoDB deletes
   * after that time, such as the signatures of accepted Slack requests (the controller's
   * ReplayLedger).
   */
  static final String TTL_ATTRIBUTE = "expiresAt";

  /**
   * The index the controller's resync queries (partition key {@link #SORT_KEY}, sort key {@link
   * #PARTITION_KEY}): it reads the {@code spec} and {@code desired} items alone, however much audit
   * history the table holds. The controller's TableSetup creates the same index ({@code daybreak
   * init}).
   */
  static final String INDEX = "bySortKey";

  /** What the index projects besides its keys: what the controller reads of a desired item. */
  static final List<String> INDEX_PROJECTED =
      List.of(
          "state",
          "until",
          "services",
          "requestedBy",
          "reason",
          "requestedAt",
          "version",
          "fingerprint",
          "via",
          "changedAt",
          "pinned");

  private StateTable() {}

  /**
   * On demand, with point-in-time recovery, deletion protection, TTL on {@link #TTL_ATTRIBUTE} and
   * the index {@link #INDEX}. The stack retains the table when it is deleted: the state outlives an
   * uninstall until someone deletes it on purpose.
   */
  static Table create(Construct scope, String tableName) {
    Table table =
        Table.Builder.create(scope, "Table")
            .tableName(tableName)
            .partitionKey(
                Attribute.builder().name(PARTITION_KEY).type(AttributeType.STRING).build())
            .sortKey(Attribute.builder().name(SORT_KEY).type(AttributeType.STRING).build())
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .pointInTimeRecoverySpecification(
                PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
            .deletionProtection(true)
            .timeToLiveAttribute(TTL_ATTRIBUTE)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    table.addGlobalSecondaryIndex(
        GlobalSecondaryIndexProps.builder()
            .indexName(INDEX)
            .partitionKey(Attribute.builder().name(SORT_KEY).type(AttributeType.STRING).build())
            .sortKey(Attribute.builder().name(PARTITION_KEY).type(AttributeType.STRING).build())
            .projectionType(ProjectionType.INCLUDE)
            .nonKeyAttributes(INDEX_PROJECTED)
            .build());
    return table;
  }
}
