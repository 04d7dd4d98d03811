package dev.daybreak.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;

class TableSetupExpiryTest {

  /** A DynamoDB that answers the two TTL calls from a fixed description and records updates. */
  private static final class TtlClient implements DynamoDbClient {
    private final TimeToLiveDescription description;
    private final boolean refuseUpdates;
    final List<UpdateTimeToLiveRequest> updates = new ArrayList<>();

    TtlClient(TimeToLiveDescription description, boolean refuseUpdates) {
      this.description = description;
      this.refuseUpdates = refuseUpdates;
    }

    @Override
    public DescribeTimeToLiveResponse describeTimeToLive(DescribeTimeToLiveRequest request) {
      return DescribeTimeToLiveResponse.builder().timeToLiveDescription(description).build();
    }

    @Override
    public UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest request) {
      if (refuseUpdates) {
        throw DynamoDbException.builder().message("UnknownOperationException").build();
      }
      updates.add(request);
      return UpdateTimeToLiveResponse.builder().build();
    }

    @Override
    public String serviceName() {
      return "dynamodb";
    }

    @Override
    public void close() {}
  }

  private static TimeToLiveDescription ttl(TimeToLiveStatus status, String attribute) {
    return TimeToLiveDescription.builder()
        .timeToLiveStatus(status)
        .attributeName(attribute)
        .build();
  }

  @Test
  void ensureExpiry_ttlOff_turnsItOnForTheReplayRecordsAttribute() {
    TtlClient client = new TtlClient(ttl(TimeToLiveStatus.DISABLED, null), false);

    assertThat(new TableSetup(client).ensureExpiry("daybreak"))
        .isEqualTo(TableSetup.Expiry.ENABLED);
    assertThat(client.updates).hasSize(1);
    var spec = client.updates.get(0).timeToLiveSpecification();
    assertThat(spec.attributeName()).isEqualTo(ReplayLedger.EXPIRES_AT);
    assertThat(spec.enabled()).isTrue();
    assertThat(client.updates.get(0).tableName()).isEqualTo("daybreak");
  }

  @Test
  void ensureExpiry_ttlAlreadyOnForTheAttribute_changesNothing() {
    TtlClient client = new TtlClient(ttl(TimeToLiveStatus.ENABLED, ReplayLedger.EXPIRES_AT), false);

    assertThat(new TableSetup(client).ensureExpiry("daybreak"))
        .isEqualTo(TableSetup.Expiry.ALREADY_ENABLED);
    assertThat(client.updates).isEmpty();
  }

  @Test
  void ensureExpiry_ttlOnForAnotherAttribute_isRefusedNamingBoth_andChangesNothing() {
    TtlClient client = new TtlClient(ttl(TimeToLiveStatus.ENABLED, "deleteAfter"), false);

    assertThatThrownBy(() -> new TableSetup(client).ensureExpiry("daybreak"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'deleteAfter'")
        .hasMessageContaining("'" + ReplayLedger.EXPIRES_AT + "'");
    assertThat(client.updates).isEmpty();
  }

  @Test
  void ensureExpiry_endpointWithoutTtl_isAStoreErrorNamingTheTableAndTheReason() {
    TtlClient client = new TtlClient(ttl(TimeToLiveStatus.DISABLED, null), true);

    assertThatThrownBy(() -> new TableSetup(client).ensureExpiry("daybreak"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("table 'daybreak'")
        .hasMessageContaining("UnknownOperationException");
  }
}
