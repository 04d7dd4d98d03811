package dev.daybreak.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/** Creates daybreak's table ({@code daybreak init}): idempotent, and strict about its keys. */
public final class TableSetup {

  /** The key schema daybreak needs, as people read it in an error. */
  public static final String EXPECTED_SCHEMA =
      "pk (S, partition key) and sk (S, sort key), on-demand billing";

  /** The resync's sparse index, as people read it in {@code init}'s output. */
  public static final String INDEX = Items.BY_SORT_KEY_INDEX;

  /** What the index projects besides its keys (deploy/'s table must project the same). */
  public static final List<String> INDEX_PROJECTED = dev.daybreak.config.TableIndex.PROJECTED;

  /** How often and how long to wait for a new table to become ACTIVE (DynamoDB: seconds). */
  private static final Duration POLL = Duration.ofSeconds(1);

  private static final int MAX_POLLS = 120;

  /** What {@link #ensureTable} did. */
  public enum Outcome {
    /** The table did not exist and was created. */
    CREATED,
    /** The table existed with the right key schema; nothing was changed. */
    ALREADY_EXISTS
  }

  /** What {@link #ensureExpiry} found or did. */
  public enum Expiry {
    /** TTL was off and is now being turned on for {@link ReplayLedger#EXPIRES_AT}. */
    ENABLED,
    /** TTL was already on for {@link ReplayLedger#EXPIRES_AT} (or is being turned on). */
    ALREADY_ENABLED
  }

  private final DynamoDbClient client;

  public TableSetup(DynamoDbClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Creates the table if it does not exist and waits until it is ACTIVE.
   *
   * @throws StoreException when a table of that name has another key schema, or DynamoDB cannot be
   *     used
   */
  public Outcome ensureTable(String tableName) {
    try {
      Outcome outcome;
      try {
        client.createTable(
            CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key(Items.PK, KeyType.HASH), key(Items.SK, KeyType.RANGE))
                .attributeDefinitions(attribute(Items.PK), attribute(Items.SK))
                .globalSecondaryIndexes(bySortKeyIndex())
                .build());
        outcome = Outcome.CREATED;
      } catch (ResourceInUseException e) {
        outcome = Outcome.ALREADY_EXISTS;
      }
      TableDescription table = waitUntilActive(tableName);
      checkKeySchema(table);
      return outcome;
    } catch (ResourceNotFoundException e) {
      throw new StoreException(
          "table '" + tableName + "' disappeared while it was being created; run init again", e);
    } catch (DynamoDbException e) {
      throw new StoreException(
          "DynamoDB refused to create or describe table '" + tableName + "': " + e.getMessage(), e);
    } catch (SdkClientException e) {
      throw new StoreException("cannot reach DynamoDB: " + e.getMessage(), e);
    }
  }

  /**
   * Turns on DynamoDB's TTL for {@link ReplayLedger#EXPIRES_AT}, so the replay records chat-ops
   * keeps are deleted once they expire (the ledger does not rely on it: an expired record counts as
   * absent). Idempotent.
   *
   * @throws StoreException when TTL is on for another attribute, or DynamoDB refuses (an endpoint
   *     without TTL, such as dynalite, refuses with its reason)
   */
  public Expiry ensureExpiry(String tableName) {
    try {
      var ttl =
          client
              .describeTimeToLive(DescribeTimeToLiveRequest.builder().tableName(tableName).build())
              .timeToLiveDescription();
      TimeToLiveStatus status = ttl == null ? null : ttl.timeToLiveStatus();
      if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
        if (!ReplayLedger.EXPIRES_AT.equals(ttl.attributeName())) {
          throw new StoreException(
              "table '"
                  + tableName
                  + "' expires items by attribute '"
                  + ttl.attributeName()
                  + "'; daybreak's replay records expire by '"
                  + ReplayLedger.EXPIRES_AT
                  + "': turn TTL off on that table or choose another --table");
        }
        return Expiry.ALREADY_ENABLED;
      }
      client.updateTimeToLive(
          UpdateTimeToLiveRequest.builder()
              .tableName(tableName)
              .timeToLiveSpecification(
                  TimeToLiveSpecification.builder()
                      .attributeName(ReplayLedger.EXPIRES_AT)
                      .enabled(true)
                      .build())
              .build());
      return Expiry.ENABLED;
    } catch (DynamoDbException e) {
      throw new StoreException(
          "DynamoDB refused to turn on TTL for '"
              + ReplayLedger.EXPIRES_AT
              + "' on table '"
              + tableName
              + "': "
              + e.getMessage(),
          e);
    } catch (SdkClientException e) {
      throw new StoreException("cannot reach DynamoDB: " + e.getMessage(), e);
    }
  }

  /** What {@link #ensureIndex} found or did. */
  public enum Index {
    /** The table had no index {@link Items#BY_SORT_KEY_INDEX}; it was added. */
    ADDED,
    /** The table has the index. */
    ALREADY_THERE
  }

  /**
   * Gives a table created before the resync's index ({@link Items#BY_SORT_KEY_INDEX}) that index:
   * adds it with {@code UpdateTable} (DynamoDB fills it from the items already in the table: every
   * item has a sort key) and waits until it is ACTIVE. Until then the controller's resync falls
   * back to scanning the whole table. Idempotent.
   *
   * @throws StoreException when DynamoDB refuses to add the index (an endpoint that cannot add an
   *     index to an existing table, such as dynalite, refuses with its reason)
   */
  public Index ensureIndex(String tableName) {
    try {
      if (hasIndex(describe(tableName))) {
        return Index.ALREADY_THERE;
      }
      GlobalSecondaryIndex index = bySortKeyIndex();
      client.updateTable(
          UpdateTableRequest.builder()
              .tableName(tableName)
              .attributeDefinitions(attribute(Items.PK), attribute(Items.SK))
              .globalSecondaryIndexUpdates(
                  GlobalSecondaryIndexUpdate.builder()
                      .create(
                          CreateGlobalSecondaryIndexAction.builder()
                              .indexName(index.indexName())
                              .keySchema(index.keySchema())
                              .projection(index.projection())
                              .build())
                      .build())
              .build());
      // Filling the index of a large table takes minutes (DynamoDB: "backfilling").
      for (int poll = 0; !indexActive(describe(tableName)); poll++) {
        if (poll == MAX_POLLS * 30) {
          throw new StoreException(
              "index '"
                  + Items.BY_SORT_KEY_INDEX
                  + "' of table '"
                  + tableName
                  + "' is still being filled; the resync uses it once it is ACTIVE");
        }
        sleep(POLL);
      }
      return Index.ADDED;
    } catch (DynamoDbException e) {
      throw new StoreException(
          "DynamoDB refused to add index '"
              + Items.BY_SORT_KEY_INDEX
              + "' to table '"
              + tableName
              + "' ("
              + e.getMessage()
              + "); until it has it, the controller's resync scans the whole table",
          e);
    } catch (SdkClientException e) {
      throw new StoreException("cannot reach DynamoDB: " + e.getMessage(), e);
    }
  }

  private TableDescription describe(String tableName) {
    return client
        .describeTable(DescribeTableRequest.builder().tableName(tableName).build())
        .table();
  }

  private static boolean hasIndex(TableDescription table) {
    return table.globalSecondaryIndexes().stream()
        .anyMatch(i -> Items.BY_SORT_KEY_INDEX.equals(i.indexName()));
  }

  private static boolean indexActive(TableDescription table) {
    return table.globalSecondaryIndexes().stream()
        .anyMatch(
            i ->
                Items.BY_SORT_KEY_INDEX.equals(i.indexName())
                    && i.indexStatus() == IndexStatus.ACTIVE
                    && !Boolean.TRUE.equals(i.backfilling()));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for the index to become ACTIVE", e);
    }
  }

  /**
   * The index the resync queries: partition key {@code sk}, sort key {@code pk}, projecting what a
   * desired item's reading needs ({@link DesiredItem#projected()}).
   */
  static GlobalSecondaryIndex bySortKeyIndex() {
    return GlobalSecondaryIndex.builder()
        .indexName(Items.BY_SORT_KEY_INDEX)
        .keySchema(key(Items.SK, KeyType.HASH), key(Items.PK, KeyType.RANGE))
        .projection(
            Projection.builder()
                .projectionType(ProjectionType.INCLUDE)
                .nonKeyAttributes(INDEX_PROJECTED)
                .build())
        .build();
  }

  private TableDescription waitUntilActive(String tableName) {
    try (DynamoDbWaiter waiter =
        DynamoDbWaiter.builder()
            .client(client)
            .overrideConfiguration(
                WaiterOverrideConfiguration.builder()
                    .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(POLL))
                    .maxAttempts(MAX_POLLS)
                    .build())
            .build()) {
      waiter.waitUntilTableExists(DescribeTableRequest.builder().tableName(tableName).build());
    }
    return client
        .describeTable(DescribeTableRequest.builder().tableName(tableName).build())
        .table();
  }

  private static void checkKeySchema(TableDescription table) {
    Map<String, KeyType> keys =
        table.keySchema().stream()
            .collect(Collectors.toMap(KeySchemaElement::attributeName, KeySchemaElement::keyType));
    Map<String, ScalarAttributeType> types =
        table.attributeDefinitions().stream()
            .collect(
                Collectors.toMap(
                    AttributeDefinition::attributeName, AttributeDefinition::attributeType));
    boolean right =
        keys.equals(Map.of(Items.PK, KeyType.HASH, Items.SK, KeyType.RANGE))
            && types.get(Items.PK) == ScalarAttributeType.S
            && types.get(Items.SK) == ScalarAttributeType.S;
    if (!right) {
      List<String> found =
          table.keySchema().stream()
              .map(
                  k ->
                      k.attributeName()
                          + " ("
                          + types.get(k.attributeName())
                          + ", "
                          + (k.keyType() == KeyType.HASH ? "partition key" : "sort key")
                          + ")")
              .toList();
      throw new StoreException(
          "table '"
              + table.tableName()
              + "' exists with key schema "
              + String.join(" and ", found)
              + "; daybreak needs "
              + EXPECTED_SCHEMA
              + ": choose another --table or remove that table");
    }
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  private static AttributeDefinition attribute(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }
}
