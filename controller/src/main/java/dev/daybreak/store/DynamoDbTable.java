package dev.daybreak.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** {@link Table} over DynamoDB: strongly consistent reads, conditional UpdateItem. */
final class DynamoDbTable implements Table {

  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbTable.class);

  private final DynamoDbClient client;
  private final String tableName;
  private volatile boolean indexMissing;

  DynamoDbTable(DynamoDbClient client, String tableName) {
    this.client = Objects.requireNonNull(client, "client");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
  }

  @Override
  public Optional<Map<String, AttributeValue>> get(String pk, String sk) {
    return call(
        () -> {
          var response =
              client.getItem(
                  GetItemRequest.builder()
                      .tableName(tableName)
                      .key(Map.of(Items.PK, Items.s(pk), Items.SK, Items.s(sk)))
                      .consistentRead(true)
                      .build());
          return response.hasItem() && !response.item().isEmpty()
              ? Optional.of(response.item())
              : Optional.empty();
        });
  }

  @Override
  public void update(
      String pk,
      String sk,
      Map<String, AttributeValue> set,
      Set<String> remove,
      WriteCondition condition) {
    Placeholders placeholders = new Placeholders();
    List<String> assignments = new ArrayList<>();
    set.forEach(
        (name, value) ->
            assignments.add(placeholders.name(name) + " = " + placeholders.value(value)));
    List<String> removals = new ArrayList<>();
    remove.forEach(name -> removals.add(placeholders.name(name)));
    StringBuilder expression = new StringBuilder();
    if (!assignments.isEmpty()) {
      expression.append("SET ").append(String.join(", ", assignments));
    }
    if (!removals.isEmpty()) {
      expression.append(expression.length() > 0 ? " " : "").append("REMOVE ");
      expression.append(String.join(", ", removals));
    }
    Optional<String> conditionExpression =
        new WriteCondition.Renderer(placeholders).render(condition);
    UpdateItemRequest request =
        UpdateItemRequest.builder()
            .tableName(tableName)
            .key(Map.of(Items.PK, Items.s(pk), Items.SK, Items.s(sk)))
            .updateExpression(expression.toString())
            .conditionExpression(conditionExpression.orElse(null))
            .expressionAttributeNames(placeholders.names())
            .expressionAttributeValues(placeholders.values())
            .build();
    call(
        () -> {
          try {
            return client.updateItem(request);
          } catch (ConditionalCheckFailedException e) {
            throw new ConditionFailedException(pk, sk);
          }
        });
  }

  @Override
  public List<Map<String, AttributeValue>> query(
      String pk, SortKeys sortKeys, boolean descending, int limit) {
    Placeholders placeholders = new Placeholders();
    String partition = placeholders.name(Items.PK) + " = " + placeholders.value(Items.s(pk));
    String sortKey = placeholders.name(Items.SK);
    String range;
    if (sortKeys instanceof SortKeys.BeginsWith b) {
      range = "begins_with(" + sortKey + ", " + placeholders.value(Items.s(b.prefix())) + ")";
    } else {
      SortKeys.Between between = (SortKeys.Between) sortKeys;
      range =
          sortKey
              + " BETWEEN "
              + placeholders.value(Items.s(between.low()))
              + " AND "
              + placeholders.value(Items.s(between.high()));
    }
    List<Map<String, AttributeValue>> found = new ArrayList<>();
    Map<String, AttributeValue> startKey = null;
    do {
      QueryRequest.Builder request =
          QueryRequest.builder()
              .tableName(tableName)
              .keyConditionExpression(partition + " AND " + range)
              .expressionAttributeNames(placeholders.names())
              .expressionAttributeValues(placeholders.values())
              .scanIndexForward(!descending)
              .consistentRead(true)
              .exclusiveStartKey(startKey);
      if (limit > 0) {
        request.limit(limit - found.size());
      }
      QueryResponse response = call(() -> client.query(request.build()));
      found.addAll(response.items());
      startKey = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
    } while (startKey != null && !startKey.isEmpty() && (limit == 0 || found.size() < limit));
    return found;
  }

  @Override
  public List<Map<String, AttributeValue>> scanSortKeys(Set<String> sortKeys) {
    if (sortKeys.isEmpty()) {
      return List.of();
    }
    Placeholders placeholders = new Placeholders();
    String filter =
        placeholders.name(Items.SK)
            + " IN ("
            + sortKeys.stream()
                .sorted()
                .map(sk -> placeholders.value(Items.s(sk)))
                .collect(Collectors.joining(", "))
            + ")";
    List<Map<String, AttributeValue>> found = new ArrayList<>();
    Map<String, AttributeValue> startKey = null;
    do {
      ScanRequest request =
          ScanRequest.builder()
              .tableName(tableName)
              .filterExpression(filter)
              .expressionAttributeNames(placeholders.names())
              .expressionAttributeValues(placeholders.values())
              .consistentRead(true)
              .exclusiveStartKey(startKey)
              .build();
      ScanResponse response = call(() -> client.scan(request));
      found.addAll(response.items());
      startKey = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
    } while (startKey != null && !startKey.isEmpty());
    return found;
  }

  /**
   * Queries the index by sort key; where the table has no such index yet (a table created before
   * it, and {@code daybreak init} not run since), falls back to scanning the whole table for those
   * sort keys, which works but is charged for every item in the table, and warns once until the
   * index is there.
   */
  @Override
  public List<Map<String, AttributeValue>> queryBySortKeys(Set<String> sortKeys) {
    List<Map<String, AttributeValue>> found = new ArrayList<>();
    try {
      for (String sk : sortKeys.stream().sorted().toList()) {
        Map<String, AttributeValue> startKey = null;
        do {
          QueryResponse response =
              client.query(
                  QueryRequest.builder()
                      .tableName(tableName)
                      .indexName(Items.BY_SORT_KEY_INDEX)
                      .keyConditionExpression("#sk = :sk")
                      .expressionAttributeNames(Map.of("#sk", Items.SK))
                      .expressionAttributeValues(Map.of(":sk", Items.s(sk)))
                      .exclusiveStartKey(startKey)
                      .build());
          found.addAll(response.items());
          startKey = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
        } while (startKey != null && !startKey.isEmpty());
      }
    } catch (DynamoDbException e) {
      if (!isMissingIndex(e)) {
        return call(
            () -> {
              throw e;
            });
      }
      if (!indexMissing) {
        indexMissing = true;
        LOG.warn(
            "table '{}' has no index '{}': every resync scans the whole table (charged for every"
                + " audit item too) until it has; run daybreak init to add it",
            tableName,
            Items.BY_SORT_KEY_INDEX);
      }
      return scanSortKeys(sortKeys);
    } catch (SdkClientException e) {
      return call(
          () -> {
            throw e;
          });
    }
    if (indexMissing) {
      indexMissing = false;
      LOG.info("table '{}' has its index '{}' now", tableName, Items.BY_SORT_KEY_INDEX);
    }
    return found;
  }

  /** DynamoDB's answer to a request naming an index the table does not have. */
  static boolean isMissingIndex(DynamoDbException e) {
    return e.statusCode() == 400
        && e.awsErrorDetails() != null
        && "ValidationException".equals(e.awsErrorDetails().errorCode())
        && Optional.ofNullable(e.awsErrorDetails().errorMessage())
            .orElse("")
            .contains("does not have the specified index");
  }

  /** Runs a call, turning "cannot use DynamoDB" failures into a {@link StoreException}. */
  private <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (ResourceNotFoundException e) {
      throw new StoreException(
          "table '" + tableName + "' does not exist " + where() + ": create it with daybreak init",
          e);
    } catch (ConditionFailedException e) {
      throw e;
    } catch (DynamoDbException e) {
      throw new StoreException(
          "DynamoDB refused a request on table '"
              + tableName
              + "' "
              + where()
              + ": "
              + Optional.ofNullable(e.awsErrorDetails())
                  .map(d -> d.errorCode() + ": " + d.errorMessage())
                  .orElse(e.getMessage()),
          e);
    } catch (SdkClientException e) {
      throw new StoreException("cannot reach DynamoDB " + where() + ": " + e.getMessage(), e);
    }
  }

  private String where() {
    var configuration = client.serviceClientConfiguration();
    return "(region "
        + configuration.region()
        + configuration.endpointOverride().map(uri -> ", endpoint " + uri).orElse("")
        + ")";
  }
}
