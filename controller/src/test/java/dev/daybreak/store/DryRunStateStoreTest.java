package dev.daybreak.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DryRunStateStoreTest {

  private static final Instant T0 = Instant.parse("2026-11-30T07:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryStateStore real = new InMemoryStateStore(clock);
  private final List<String> kept = new ArrayList<>();
  private final DryRunStateStore dry = DryRunStateStore.over(real, clock, kept::add);

  private void seed() {
    real.applySpec(
        Manifests.parse(
                "seed.yaml",
                """
                apiVersion: daybreak.dev/v1
                kind: Environment
                metadata: {name: seed}
                spec:
                  cluster: dev
                  services:
                    - {name: a, replicas: 1}
                """)
            .get(0));
  }

  @Test
  void writes_areKeptInMemory_readBackThroughTheDryRun_andNeverReachTheTable() {
    seed();
    List<Map<String, AttributeValue>> before = real.scanByHand();

    StoredStatus written = dry.writeStatus("seed", EnvironmentStatus.initial(), 0);
    dry.writeDesired("seed", DesiredState.of(State.AWAKE, "alice", "try", T0), 0, Via.CLI);

    assertThat(real.scanByHand()).isEqualTo(before);
    assertThat(dry.status("seed")).contains(written);
    assertThat(dry.environment("seed").orElseThrow().status()).contains(written);
    assertThat(dry.audit("seed", 10)).hasSize(1);
    assertThat(dry.environments()).containsExactly("seed");
    assertThat(kept).contains("env#seed/status", "env#seed/desired");
  }

  @Test
  void writes_keepTheStoresConditions_aStaleVersionIsRefused() {
    seed();
    dry.writeStatus("seed", EnvironmentStatus.initial(), 0);

    assertThatThrownBy(() -> dry.writeStatus("seed", EnvironmentStatus.initial(), 0))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void aRealWriteAfterTheDryRunsOwn_wins() {
    seed();
    dry.writeDesired("seed", DesiredState.of(State.AWAKE, "dry", "", T0), 0, Via.CLI);

    real.writeDesired("seed", DesiredState.of(State.ASLEEP, "alice", "night", T0), 0, Via.CLI);

    DesiredRead read = dry.desired("seed");
    assertThat(read).isInstanceOf(DesiredRead.Valid.class);
    assertThat(((DesiredRead.Valid) read).stored().desired().state()).isEqualTo(State.ASLEEP);
  }

  @Test
  void leases_areTheDryRunsOwn_neitherSeenNorTakenFromTheTable() {
    LeaseStore realLeases = TableLeaseStore.on(real);
    LeaseRecord held = realLeases.acquire(0, "controller-1", Optional.empty(), T0);
    LeaseStore dryLeases = TableLeaseStore.on(dry);

    assertThat(dryLeases.read(0)).isEmpty();
    LeaseRecord mine = dryLeases.acquire(0, "dry-run", Optional.empty(), T0);

    assertThat(mine.owner()).contains("dry-run");
    assertThat(dryLeases.read(0)).contains(mine);
    assertThat(realLeases.read(0)).contains(held);
  }

  @Test
  void slackThreads_areTheDryRunsOwn_theRealControllersIsNeitherFoundNorReplaced() {
    seed();
    NotificationThread realThread =
        new NotificationThread("seed", "seed/wake/" + T0, T0, "C0REAL", "1700000000.000100", T0);
    assertThat(real.recordNotificationThread(realThread)).isTrue();

    assertThat(dry.notificationThread("seed")).as("the real controller's thread").isEmpty();
    NotificationThread dryThread =
        new NotificationThread("seed", "seed/wake/" + T0, T0, "C0REAL", "1700000009.000900", T0);
    assertThat(dry.recordNotificationThread(dryThread)).isTrue();

    assertThat(dry.notificationThread("seed")).contains(dryThread);
    assertThat(real.notificationThread("seed")).contains(realThread);
    assertThat(kept).contains("env#seed/thread");
  }
}
