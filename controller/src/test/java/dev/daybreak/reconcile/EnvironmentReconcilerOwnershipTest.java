package dev.daybreak.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.lease.LeaseSettings;
import dev.daybreak.lease.Ownership;
import dev.daybreak.lease.ShardLeases;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.metrics.ReconcileMetrics;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.ServiceStatus;
import dev.daybreak.model.State;
import dev.daybreak.queue.Result;
import dev.daybreak.slack.LogNotifier;
import dev.daybreak.store.Fence;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.StoredStatus;
import dev.daybreak.store.TableLeaseStore;
import dev.daybreak.store.Via;
import dev.daybreak.time.ManualClock;
import dev.daybreak.time.Monotonic;
import dev.daybreak.time.SteppedClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnvironmentReconcilerOwnershipTest {

  private static final String MANIFEST =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata:
        name: seed
      spec:
        cluster: dev
        services:
          - name: a
            replicas: 1
          - name: b
            replicas: 1
            dependsOn: [a]
      """;

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T09:00:00Z"));
  private final InMemoryStateStore store = new InMemoryStateStore(clock);
  private final RecordingEcs ecs = new RecordingEcs();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  /** Every service exists, running what {@link #running} says (else 0); records each scale call. */
  private static final class RecordingEcs implements EcsGateway {
    final List<String> scaled = new ArrayList<>();
    final Map<String, Integer> running = new LinkedHashMap<>();

    @Override
    public Map<String, ObservedService> observe(String cluster, Collection<String> services) {
      Map<String, ObservedService> observed = new LinkedHashMap<>();
      for (String s : services) {
        int n = running.getOrDefault(s, 0);
        observed.put(
            s,
            new ObservedService(
                s, ServiceStatus.ACTIVE, n, n, 0, List.of(), List.of(), Optional.empty()));
      }
      return observed;
    }

    @Override
    public synchronized void scale(String cluster, String ecsService, int desiredCount) {
      scaled.add(ecsService + "=" + desiredCount);
    }
  }

  @BeforeEach
  void wakeRequested() {
    store.applySpec(Manifests.parse("seed.yaml", MANIFEST).get(0));
    store.writeDesired(
        "seed", DesiredState.of(State.AWAKE, "alice", "morning", clock.instant()), 0, Via.CLI);
  }

  private EnvironmentReconciler reconciler(Ownership ownership) {
    return EnvironmentReconciler.builder(store, ecs, new LogNotifier(), clock)
        .ownership(ownership)
        .metrics(new ReconcileMetrics(meters))
        .build();
  }

  @Test
  void reconcile_shardHeldByAnotherReplica_neitherWritesNorScales() {
    ShardLeases other = new ShardLeases(TableLeaseStore.on(store), clock, LeaseSettings.of("b", 1));
    other.tick();
    ShardLeases mine = new ShardLeases(TableLeaseStore.on(store), clock, LeaseSettings.of("a", 1));
    mine.tick();

    Result result = reconciler(mine).reconcile("seed");

    assertThat(result).isEqualTo(Result.done());
    assertThat(ecs.scaled).isEmpty();
    assertThat(store.status("seed")).isEmpty();
    assertThat(meters.get(ReconcileMetrics.ENVIRONMENTS).tag("phase", "Waking").gauge().value())
        .isZero();
  }

  @Test
  void reconcile_shardHeld_scalesTierZeroUnderAFencedStatusWrite() {
    ShardLeases mine = new ShardLeases(TableLeaseStore.on(store), clock, LeaseSettings.of("a", 1));
    mine.tick();

    reconciler(mine).reconcile("seed");

    assertThat(ecs.scaled).containsExactly("a=1");
    assertThat(store.scanByHand())
        .filteredOn(item -> item.get("sk").s().equals("status"))
        .singleElement()
        .satisfies(item -> assertThat(item.get("leaseEpoch").n()).isEqualTo("1"));
    assertThat(meters.get(ReconcileMetrics.ENVIRONMENTS).tag("phase", "Waking").gauge().value())
        .isEqualTo(1);
    assertThat(
            meters
                .get(ReconcileMetrics.RECONCILE_DURATION)
                .tag("outcome", ReconcileMetrics.REQUEUED)
                .timer()
                .count())
        .isEqualTo(1);
  }

  /**
   * Found by the deterministic simulation (seed 110 before the fix): a replica that stalled right
   * after its fenced status write, past its lease, resumed and scaled under the epoch another
   * replica had already taken over. The fence stops status writes, not UpdateService.
   */
  @Test
  void reconcile_stalledPastItsLeaseAfterTheStatusWrite_leavesTheActionsToTheNewHolder() {
    store.applySpec(Manifests.parse("seed.yaml", MANIFEST.replace("dependsOn: [a]", "")).get(0));
    ShardLeases mine = new ShardLeases(TableLeaseStore.on(store), clock, LeaseSettings.of("a", 1));
    mine.tick();
    ShardLeases other = new ShardLeases(TableLeaseStore.on(store), clock, LeaseSettings.of("b", 1));
    StateStore stalling =
        new ForwardingStateStore(store) {
          @Override
          public StoredStatus writeStatus(
              String environment, EnvironmentStatus status, long version, Fence fence) {
            StoredStatus written = delegate().writeStatus(environment, status, version, fence);
            // The process freezes here; the other replica sees the lease stand still and takes it.
            other.tick();
            clock.advance(LeaseSettings.LEASE_DURATION);
            other.tick();
            return written;
          }
        };

    Result result =
        EnvironmentReconciler.builder(stalling, ecs, new LogNotifier(), clock)
            .ownership(mine)
            .metrics(new ReconcileMetrics(meters))
            .build()
            .reconcile("seed");

    assertThat(other.heldShards()).containsExactly(0);
    assertThat(ecs.scaled).isEmpty();
    assertThat(result).isEqualTo(Result.done());
  }

  /** A store whose status write takes {@code stall} (the process froze right after it). */
  private StateStore stallingAfterStatusWrite(Duration stall) {
    return new ForwardingStateStore(store) {
      @Override
      public StoredStatus writeStatus(String environment, EnvironmentStatus status, long version) {
        StoredStatus written = delegate().writeStatus(environment, status, version);
        clock.advance(stall);
        return written;
      }
    };
  }

  /**
   * Found by the deterministic simulation (seed 8918 of 10,000): a replica stalled for 6 s after
   * its status write while its lease stayed valid; meanwhile the dependency was deleted, and on
   * resuming it scaled the dependent up from what it had observed before the stall.
   */
  @Test
  void reconcile_stalledAfterTheStatusWrite_observesAgainInsteadOfActingOnAStaleObservation() {
    ecs.running.put("a", 1);

    Result result =
        EnvironmentReconciler.builder(
                stallingAfterStatusWrite(EnvironmentReconciler.MAX_OBSERVATION_AGE.plusMillis(1)),
                ecs,
                new LogNotifier(),
                clock)
            .build()
            .reconcile("seed");

    assertThat(ecs.scaled).isEmpty();
    assertThat(result).isEqualTo(Result.requeueAfter(Duration.ZERO));
  }

  @Test
  void reconcile_stalledWhileTheWallClockSteppedBack_stillObservesAgainInsteadOfActing() {
    ecs.running.put("a", 1);
    SteppedClock wall = new SteppedClock(clock);
    StateStore stalling =
        new ForwardingStateStore(store) {
          @Override
          public StoredStatus writeStatus(
              String environment, EnvironmentStatus status, long version) {
            StoredStatus written = delegate().writeStatus(environment, status, version);
            clock.advance(EnvironmentReconciler.MAX_OBSERVATION_AGE.plusMillis(1));
            wall.step(Duration.ofMinutes(-1));
            return written;
          }
        };

    Result result =
        EnvironmentReconciler.builder(stalling, ecs, new LogNotifier(), wall)
            .monotonic(Monotonic.elapsedOn(clock))
            .metrics(new ReconcileMetrics(meters))
            .build()
            .reconcile("seed");

    assertThat(ecs.scaled).isEmpty();
    assertThat(result).isEqualTo(Result.requeueAfter(Duration.ZERO));
  }

  @Test
  void reconcile_statusWriteWithinTheObservationAge_acts() {
    ecs.running.put("a", 1);

    EnvironmentReconciler.builder(
            stallingAfterStatusWrite(EnvironmentReconciler.MAX_OBSERVATION_AGE),
            ecs,
            new LogNotifier(),
            clock)
        .build()
        .reconcile("seed");

    assertThat(ecs.scaled).containsExactly("b=1");
  }

  @Test
  void reconcile_holderPastItsRenewDeadline_stopsActing() {
    ShardLeases mine = new ShardLeases(TableLeaseStore.on(store), clock, LeaseSettings.of("a", 1));
    mine.tick();
    clock.advance(LeaseSettings.RENEW_DEADLINE);

    reconciler(mine).reconcile("seed");

    assertThat(ecs.scaled).isEmpty();
  }
}
