package dev.daybreak.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybreak.it.Dynalite;
import dev.daybreak.it.DynaliteExtension;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The store contract against DynamoDB (dynalite), each test on a new table. The hand edits are
 * plain SDK calls, as any DynamoDB client would make them, not daybreak code.
 */
@ExtendWith(DynaliteExtension.class)
final class DynamoDbStateStoreIT extends StateStoreContract {

  private static DynamoDbClient client;
  private String table;

  @BeforeAll
  static void connect(Dynalite dynalite) {
    client = dynalite.newClient();
  }

  @AfterAll
  static void disconnect() {
    client.close();
  }

  @Override
  protected StateStore newStore(MutableClock clock) {
    table = "daybreak-" + UUID.randomUUID();
    new TableSetup(client).ensureTable(table);
    return new DynamoDbStateStore(client, table, clock);
  }

  @Override
  protected void updateItemByHand(
      String pk, String sk, Map<String, AttributeValue> set, Set<String> remove) {
    RawEdits.updateItem(client, table, pk, sk, set, remove);
  }

  @Override
  protected void deleteItemByHand(String pk, String sk) {
    client.deleteItem(
        DeleteItemRequest.builder()
            .tableName(table)
            .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))
            .build());
  }

  @Override
  protected List<Map<String, AttributeValue>> scanByHand() {
    return RawEdits.scan(client, table);
  }

  /** A client that records every request it sends, by operation name. */
  private static DynamoDbClient recording(List<Object> requests) {
    return (DynamoDbClient)
        Proxy.newProxyInstance(
            DynamoDbClient.class.getClassLoader(),
            new Class<?>[] {DynamoDbClient.class},
            (proxy, method, args) -> {
              if (args != null && args.length == 1 && args[0] instanceof DynamoDbRequest r) {
                requests.add(r);
              }
              try {
                return method.invoke(client, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void scanDesired_queriesTheIndexBySortKey_andNeverScansTheTable() {
    store.applySpec(manifest("alpha", 1));
    store.writeDesired("alpha", awake("alice"), 0, Via.CLI);
    store.writeDesired("beta", awake("bob"), 0, Via.CLI);
    for (int flip = 1; flip <= 20; flip++) {
      store.writeDesired("alpha", flip % 2 == 0 ? awake("alice") : asleep("bob"), flip, Via.CLI);
    }
    List<Object> requests = new ArrayList<>();
    StateStore counted = new DynamoDbStateStore(recording(requests), table, clock);

    DesiredScan scan = counted.scanDesired();
    List<String> environments = counted.environments();

    assertThat(scan.environments()).containsExactly("alpha");
    assertThat(scan.desired()).containsOnlyKeys("alpha", "beta");
    assertThat(scan.desired()).isEqualTo(store.allDesired());
    assertThat(environments).containsExactly("alpha");
    assertThat(requests).noneMatch(r -> r instanceof ScanRequest);
    assertThat(requests)
        .hasSize(3)
        .allSatisfy(r -> assertThat(((QueryRequest) r).indexName()).isEqualTo(TableSetup.INDEX));
  }

  @Test
  void aTableWithoutTheIndex_isScannedWhole_withTheSameResult() {
    String old = "daybreak-old-" + UUID.randomUUID();
    client.createTable(
        b ->
            b.tableName(old)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(
                    KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                    KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName("pk")
                        .attributeType(ScalarAttributeType.S)
                        .build(),
                    AttributeDefinition.builder()
                        .attributeName("sk")
                        .attributeType(ScalarAttributeType.S)
                        .build()));
    new TableSetup(client).ensureTable(old);
    List<Object> requests = new ArrayList<>();
    StateStore onOld = new DynamoDbStateStore(recording(requests), old, clock);
    onOld.applySpec(manifest("alpha", 1));
    StoredDesired alpha = onOld.writeDesired("alpha", awake("alice"), 0, Via.CLI);
    requests.clear();

    DesiredScan scan = onOld.scanDesired();

    assertThat(scan.environments()).containsExactly("alpha");
    assertThat(scan.desiredOf("alpha")).isEqualTo(new DesiredRead.Valid(alpha, false));
    assertThat(requests).anyMatch(r -> r instanceof QueryRequest q && q.indexName() != null);
    assertThat(requests).anyMatch(r -> r instanceof ScanRequest);
    assertThatThrownBy(() -> new TableSetup(client).ensureIndex(old))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("refused to add index 'bySortKey'")
        .hasMessageContaining("the controller's resync scans the whole table");
  }

  @Test
  void init_createsTheTableWithItsIndex() {
    assertThat(new TableSetup(client).ensureIndex(table)).isEqualTo(TableSetup.Index.ALREADY_THERE);
  }

  /** Plain SDK calls, written out as someone would without daybreak. */
  static final class RawEdits {
    private RawEdits() {}

    static void updateItem(
        DynamoDbClient client,
        String table,
        String pk,
        String sk,
        Map<String, AttributeValue> set,
        Set<String> remove) {
      Map<String, String> names = new java.util.HashMap<>();
      Map<String, AttributeValue> values = new java.util.HashMap<>();
      List<String> sets = new ArrayList<>();
      List<String> removes = new ArrayList<>();
      set.forEach(
          (name, value) -> {
            names.put("#" + name, name);
            values.put(":" + name, value);
            sets.add("#" + name + " = :" + name);
          });
      remove.forEach(
          name -> {
            names.put("#" + name, name);
            removes.add("#" + name);
          });
      String expression =
          (sets.isEmpty() ? "" : "SET " + String.join(", ", sets))
              + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
      client.updateItem(
          UpdateItemRequest.builder()
              .tableName(table)
              .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))
              .updateExpression(expression.trim())
              .expressionAttributeNames(names)
              .expressionAttributeValues(values.isEmpty() ? null : values)
              .build());
    }

    /** Every item, sorted by key, as a snapshot to compare. */
    static List<Map<String, AttributeValue>> scan(DynamoDbClient client, String table) {
      List<Map<String, AttributeValue>> items = new ArrayList<>();
      client
          .scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build())
          .items()
          .forEach(items::add);
      items.sort(
          Comparator.comparing((Map<String, AttributeValue> i) -> i.get("pk").s())
              .thenComparing(i -> i.get("sk").s()));
      return items;
    }
  }
}
