package dev.daybreak.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybreak.it.Dynalite;
import dev.daybreak.it.DynaliteExtension;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.store.ConflictException;
import dev.daybreak.store.DynamoDbStateStore;
import dev.daybreak.store.Fence;
import dev.daybreak.store.MutableClock;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.StoredStatus;
import dev.daybreak.store.TableLeaseStore;
import dev.daybreak.store.TableSetup;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Two replicas, each with its own DynamoDB client, sharing shard leases in one dynalite table: the
 * conditional writes and the fence's {@code <=} condition as DynamoDB evaluates them.
 */
@ExtendWith(DynaliteExtension.class)
final class LeasesOnDynamoDbIT {

  private static final int SHARDS = 4;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
  private DynamoDbClient clientA;
  private DynamoDbClient clientB;
  private StateStore storeA;
  private StateStore storeB;
  private ShardLeases a;
  private ShardLeases b;

  @BeforeEach
  void replicas(Dynalite dynalite) {
    String table = "daybreak-" + UUID.randomUUID();
    clientA = dynalite.newClient();
    clientB = dynalite.newClient();
    new TableSetup(clientA).ensureTable(table);
    storeA = new DynamoDbStateStore(clientA, table, clock);
    storeB = new DynamoDbStateStore(clientB, table, clock);
    a = new ShardLeases(TableLeaseStore.on(storeA), clock, LeaseSettings.of("a", SHARDS));
    b = new ShardLeases(TableLeaseStore.on(storeB), clock, LeaseSettings.of("b", SHARDS));
  }

  @AfterEach
  void close() {
    clientA.close();
    clientB.close();
  }

  private void round() {
    clock.advance(LeaseSettings.RETRY_PERIOD);
    a.tick();
    b.tick();
  }

  @Test
  void twoReplicas_shareTheShards_andTheSurvivorTakesOverAKilledReplicasShards() {
    a.tick();
    b.tick();
    for (int i = 0; i < 3; i++) {
      round();
    }
    assertThat(a.heldShards()).hasSize(SHARDS / 2);
    assertThat(b.heldShards()).hasSize(SHARDS / 2);
    Set<Integer> both = new HashSet<>(a.heldShards());
    both.addAll(b.heldShards());
    assertThat(both).hasSize(SHARDS);

    // a is killed: it neither renews nor releases. b takes its shards once a's records have
    // stood still for the lease duration on b's clock (plus one retry period to notice).
    Instant killedAt = clock.instant();
    while (b.heldShards().size() < SHARDS) {
      clock.advance(LeaseSettings.RETRY_PERIOD);
      b.tick();
      assertThat(clock.instant())
          .isBefore(
              killedAt
                  .plus(LeaseSettings.LEASE_DURATION)
                  .plus(LeaseSettings.RETRY_PERIOD.multipliedBy(2)));
    }
    assertThat(a.heldShards()).isEmpty();
  }

  @Test
  void fencedStatusWrite_fromTheReplicaThatLostTheLease_isRejectedByDynamoDb() {
    a.tick();
    String environment = "seed";
    Fence stale = a.authority(environment).orElseThrow().fence().orElseThrow();
    StoredStatus first = storeA.writeStatus(environment, EnvironmentStatus.initial(), 0, stale);

    b.tick();
    clock.advance(LeaseSettings.LEASE_DURATION);
    b.tick();
    Fence current = b.authority(environment).orElseThrow().fence().orElseThrow();
    assertThat(current.epoch()).isEqualTo(stale.epoch() + 1);
    StoredStatus second =
        storeB.writeStatus(environment, EnvironmentStatus.initial(), first.version(), current);

    assertThatThrownBy(
            () ->
                storeA.writeStatus(
                    environment, EnvironmentStatus.initial(), second.version(), stale))
        .isInstanceOf(ConflictException.class);
    assertThat(storeB.status(environment).orElseThrow().version()).isEqualTo(second.version());
  }

  @Test
  void shutdown_releasesTheLeases_andTheOtherReplicaTakesThemWithoutWaiting() {
    a.tick();
    assertThat(a.heldShards()).hasSize(SHARDS);
    a.close();
    b.tick();
    assertThat(b.heldShards()).hasSize(SHARDS);
  }
}
