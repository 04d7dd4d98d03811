package dev.daybreak.store;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
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

  @Test
  void scanDesired_sendsOneScanRequest_whereEnvironmentsAndAllDesiredSendOneEach() {
    store.applySpec(manifest("alpha", 1));
    store.writeDesired("alpha", awake("alice"), 0, Via.CLI);
    store.writeDesired("beta", awake("bob"), 0, Via.CLI);
    AtomicInteger scans = new AtomicInteger();
    DynamoDbClient counting =
        (DynamoDbClient)
            Proxy.newProxyInstance(
                DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("scan")) {
                    scans.incrementAndGet();
                  }
                  try {
                    return method.invoke(client, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    StateStore counted = new DynamoDbStateStore(counting, table, clock);

    DesiredScan scan = counted.scanDesired();

    assertThat(scans).hasValue(1);
    assertThat(scan.environments()).containsExactly("alpha");
    assertThat(scan.desired()).containsOnlyKeys("alpha", "beta");
    counted.environments();
    counted.allDesired();
    assertThat(scans).hasValue(3);
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
