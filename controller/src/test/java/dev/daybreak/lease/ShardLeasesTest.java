package dev.daybreak.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.store.ConflictException;
import dev.daybreak.store.Fence;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.LeaseRecord;
import dev.daybreak.store.LeaseStore;
import dev.daybreak.store.StoreException;
import dev.daybreak.store.StoredStatus;
import dev.daybreak.store.TableLeaseStore;
import dev.daybreak.time.ManualClock;
import dev.daybreak.time.ManualScheduler;
import dev.daybreak.time.Monotonic;
import dev.daybreak.time.SteppedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardLeasesTest {

  private static final Duration TICK = LeaseSettings.RETRY_PERIOD;

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T09:00:00Z"));
  private final InMemoryStateStore table = new InMemoryStateStore(clock);
  private final LeaseStore store = TableLeaseStore.on(table);

  private ShardLeases replica(String id, int shards) {
    return new ShardLeases(store, clock, LeaseSettings.of(id, shards));
  }

  /** A replica whose wall clock is {@code wall} and whose monotonic time is the true time. */
  private ShardLeases replica(String id, int shards, LeaseStore on, SteppedClock wall) {
    return new ShardLeases(on, wall, Monotonic.elapsedOn(clock), LeaseSettings.of(id, shards));
  }

  private static long epoch(ShardLeases leases, String environment) {
    return leases.authority(environment).orElseThrow().fence().orElseThrow().epoch();
  }

  @Test
  void tick_aloneWithFreeShards_acquiresEveryShardAtEpochOne() {
    ShardLeases a = replica("a", 4);
    a.tick();
    assertThat(a.heldShards()).containsExactly(0, 1, 2, 3);
    assertThat(epoch(a, "seed")).isEqualTo(1);
    assertThat(store.read(0).orElseThrow().owner()).contains("a");
  }

  @Test
  void start_roundsAreTasksOnTheScheduler_everyRetryPeriod_untilClosed() {
    ManualScheduler scheduler = new ManualScheduler(clock);
    ShardLeases a = replica("a", 1);
    a.start(scheduler);
    assertThat(a.heldShards()).as("nothing runs until the scheduler runs it").isEmpty();

    scheduler.advance(Duration.ZERO);
    assertThat(a.heldShards()).containsExactly(0);
    Instant first = store.read(0).orElseThrow().renewedAt();

    scheduler.advance(TICK.multipliedBy(20));
    assertThat(a.authority("seed")).isPresent();
    assertThat(store.read(0).orElseThrow().renewedAt())
        .isEqualTo(first.plus(TICK.multipliedBy(20)));

    a.close();
    assertThat(scheduler.pending()).as("closing cancels the next round").isZero();
  }

  @Test
  void tick_everyRetryPeriod_renewsAndKeepsActingPastTheLeaseDuration() {
    ShardLeases a = replica("a", 1);
    a.tick();
    Instant first = store.read(0).orElseThrow().renewedAt();
    for (int i = 0; i < 20; i++) {
      clock.advance(TICK);
      a.tick();
    }
    assertThat(a.authority("seed")).isPresent();
    assertThat(epoch(a, "seed")).isEqualTo(1);
    assertThat(store.read(0).orElseThrow().renewedAt())
        .isEqualTo(first.plus(TICK.multipliedBy(20)));
  }

  @Test
  void authority_holderThatCannotRenew_stopsActingAtTheRenewDeadline() {
    ShardLeases a = replica("a", 1);
    a.tick();
    clock.advance(LeaseSettings.RENEW_DEADLINE.minusMillis(1));
    assertThat(a.authority("seed")).isPresent();
    clock.advance(Duration.ofMillis(1));
    assertThat(a.authority("seed")).isEmpty();
    assertThat(a.heldShards()).isEmpty();
  }

  @Test
  void tick_holderStopped_otherTakesOverOnlyAfterSeeingTheLeaseUnchangedForItsDuration() {
    ShardLeases a = replica("a", 1);
    ShardLeases b = replica("b", 1);
    a.tick();
    b.tick();
    assertThat(b.heldShards()).isEmpty();
    Instant firstSeen = clock.instant();
    while (Duration.between(firstSeen, clock.instant()).compareTo(LeaseSettings.LEASE_DURATION)
        < 0) {
      assertThat(b.heldShards()).isEmpty();
      clock.advance(TICK);
      b.tick();
    }
    assertThat(b.heldShards()).containsExactly(0);
    assertThat(epoch(b, "seed")).isEqualTo(2);
    assertThat(a.authority("seed")).isEmpty();
  }

  @Test
  void tick_afterLosingTheLease_holderLearnsItAndStops() {
    ShardLeases a = replica("a", 1);
    ShardLeases b = replica("b", 1);
    a.tick();
    b.tick();
    clock.advance(LeaseSettings.LEASE_DURATION);
    b.tick();
    assertThat(b.heldShards()).containsExactly(0);
    a.tick();
    assertThat(a.heldShards()).isEmpty();
  }

  @Test
  void writeStatus_staleReplicaAfterTakeOver_isRejectedByTheFence() {
    ShardLeases a = replica("a", 1);
    ShardLeases b = replica("b", 1);
    a.tick();
    Fence stale = a.authority("seed").orElseThrow().fence().orElseThrow();
    StoredStatus byA = table.writeStatus("seed", EnvironmentStatus.initial(), 0, stale);
    b.tick();
    clock.advance(LeaseSettings.LEASE_DURATION);
    b.tick();
    Fence current = b.authority("seed").orElseThrow().fence().orElseThrow();
    StoredStatus byB =
        table.writeStatus("seed", EnvironmentStatus.initial(), byA.version(), current);

    assertThatThrownBy(
            () -> table.writeStatus("seed", EnvironmentStatus.initial(), byB.version(), stale))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("after epoch 1");
    assertThat(table.status("seed").orElseThrow().version()).isEqualTo(byB.version());
    assertThat(
            table
                .writeStatus("seed", EnvironmentStatus.initial(), byB.version(), current)
                .version())
        .isEqualTo(byB.version() + 1);
  }

  @Test
  void close_releasesEveryLease_soAnotherReplicaTakesThemAtOnce() {
    ShardLeases a = replica("a", 2);
    ShardLeases b = replica("b", 2);
    a.tick();
    a.close();
    assertThat(store.read(0).orElseThrow().owner()).isEmpty();
    b.tick();
    assertThat(b.heldShards()).containsExactly(0, 1);
    assertThat(epoch(b, "seed")).isEqualTo(2);
  }

  @Test
  void tick_twoLiveReplicas_shareTheShardsWithoutOverlap() {
    ShardLeases a = replica("a", 4);
    ShardLeases b = replica("b", 4);
    a.tick();
    b.tick();
    for (int i = 0; i < 3; i++) {
      clock.advance(TICK);
      a.tick();
      b.tick();
    }
    assertThat(a.heldShards()).hasSize(2);
    assertThat(b.heldShards()).hasSize(2);
    Set<Integer> all = new HashSet<>(a.heldShards());
    all.addAll(b.heldShards());
    assertThat(all).containsExactly(0, 1, 2, 3);
  }

  /** The table, unless {@code down}: then every call fails as an unreachable DynamoDB would. */
  private static final class Outage implements LeaseStore {
    private final LeaseStore table;
    boolean down;

    Outage(LeaseStore table) {
      this.table = table;
    }

    private void check() {
      if (down) {
        throw new StoreException("cannot reach DynamoDB (test outage)");
      }
    }

    @Override
    public Optional<LeaseRecord> read(int shard) {
      check();
      return table.read(shard);
    }

    @Override
    public LeaseRecord acquire(int shard, String replica, Optional<LeaseRecord> seen, Instant now) {
      check();
      return table.acquire(shard, replica, seen, now);
    }

    @Override
    public LeaseRecord renew(LeaseRecord held, Instant now) {
      check();
      return table.renew(held, now);
    }

    @Override
    public void release(LeaseRecord held, Instant now) {
      check();
      table.release(held, now);
    }

    @Override
    public void heartbeat(String replica, Instant now) {
      check();
      table.heartbeat(replica, now);
    }

    @Override
    public void leave(String replica) {
      check();
      table.leave(replica);
    }

    @Override
    public List<Heartbeat> heartbeats() {
      check();
      return table.heartbeats();
    }
  }

  @Test
  void tick_storeUnreachable_keepsActingUntilTheRenewDeadline_thenStops_andIsNotReady() {
    Outage outage = new Outage(store);
    ShardLeases a = new ShardLeases(outage, clock, LeaseSettings.of("a", 1));
    a.tick();
    assertThat(a.storeReachable()).isTrue();

    outage.down = true;
    Duration elapsed = Duration.ZERO;
    while (elapsed.plus(TICK).compareTo(LeaseSettings.RENEW_DEADLINE) < 0) {
      clock.advance(TICK);
      elapsed = elapsed.plus(TICK);
      a.tick();
      assertThat(a.authority("seed")).as("after %s", elapsed).isPresent();
    }
    assertThat(a.storeReachable()).isFalse();
    clock.advance(TICK);
    a.tick();

    assertThat(a.authority("seed")).isEmpty();
  }

  @Test
  void tick_afterAnOutagePastTheRenewDeadline_takesItsOwnUntouchedLeaseBackAtOnce() {
    Outage outage = new Outage(store);
    ShardLeases a = new ShardLeases(outage, clock, LeaseSettings.of("a", 1));
    a.tick();
    outage.down = true;
    clock.advance(LeaseSettings.RENEW_DEADLINE.plus(TICK));
    a.tick();
    assertThat(a.authority("seed")).as("stopped during the outage").isEmpty();

    outage.down = false;
    clock.advance(TICK);
    a.tick();

    assertThat(a.authority("seed")).as("acting again one round after the outage").isPresent();
    assertThat(epoch(a, "seed")).as("under a new epoch, fencing the old one").isEqualTo(2);
  }

  @Test
  void tick_afterAnOutage_aLeaseSomeoneElseTookMeanwhile_isNotTakenBack() {
    Outage outage = new Outage(store);
    ShardLeases a = new ShardLeases(outage, clock, LeaseSettings.of("a", 1));
    ShardLeases b = replica("b", 1);
    a.tick();
    b.tick();
    outage.down = true;
    for (Duration waited = Duration.ZERO;
        waited.compareTo(LeaseSettings.LEASE_DURATION.plus(TICK)) <= 0;
        waited = waited.plus(TICK)) {
      clock.advance(TICK);
      a.tick();
      b.tick();
    }
    assertThat(b.authority("seed")).as("b took the expired lease").isPresent();

    outage.down = false;
    clock.advance(TICK);
    a.tick();

    assertThat(a.authority("seed")).isEmpty();
    assertThat(store.read(0).orElseThrow().owner()).contains("b");
  }

  @Test
  void tick_anotherReplicasStoppedLease_isStillWaitedOutForTheLeaseDuration() {
    ShardLeases a = replica("a", 1);
    a.tick();
    ShardLeases restarted = replica("a", 1);

    restarted.tick();

    assertThat(restarted.authority("seed"))
        .as("a new incarnation under the same id did not leave the lease itself")
        .isEmpty();
  }

  @Test
  void shardOf_isStableAndInRange() {
    assertThat(Shards.of("seed", 8)).isEqualTo(Shards.of("seed", 8)).isBetween(0, 7);
    assertThat(Optional.of(Shards.of("seed", 1))).contains(0);
  }

  @Test
  void onShareChanged_toldTheShardsHeldAfterEveryRoundThatChangesThem() {
    ShardLeases a = replica("a", 4);
    ShardLeases b = replica("b", 4);
    List<String> toldA = new ArrayList<>();
    List<String> toldB = new ArrayList<>();
    a.onShareChanged((held, total) -> toldA.add(held + "/" + total));
    b.onShareChanged((held, total) -> toldB.add(held + "/" + total));

    a.tick();
    b.tick();
    a.tick();
    b.tick();
    a.tick();
    b.tick();

    assertThat(toldA).containsExactly("4/4", "2/4");
    assertThat(toldB).containsExactly("0/4", "2/4");

    a.close();

    assertThat(toldA).containsExactly("4/4", "2/4", "0/4");
  }

  @Test
  void onShareChanged_leasesDroppedAtTheRenewDeadline_areToldAtTheRoundThatDropsThem() {
    Outage outage = new Outage(store);
    ShardLeases a = new ShardLeases(outage, clock, LeaseSettings.of("a", 2));
    List<String> told = new ArrayList<>();
    a.onShareChanged((held, total) -> told.add(held + "/" + total));
    a.tick();
    outage.down = true;
    while (a.storeReachable() || !a.heldShards().isEmpty()) {
      assertThat(told).containsExactly("2/2");
      clock.advance(TICK);
      a.tick();
    }

    assertThat(told).containsExactly("2/2", "0/2");
  }

  @Test
  void authority_holderWhoseWallClockStepsBackPastTheLeaseDuration_stillStopsAtTheRenewDeadline() {
    Outage partitioned = new Outage(store);
    SteppedClock wallA = new SteppedClock(clock);
    ShardLeases a = replica("a", 1, partitioned, wallA);
    ShardLeases b = replica("b", 1);
    a.tick();
    b.tick();
    partitioned.down = true;
    wallA.step(LeaseSettings.LEASE_DURATION.plusMinutes(1).negated());

    Duration elapsed = Duration.ZERO;
    while (b.authority("seed").isEmpty()) {
      assertThat(a.authority("seed").isPresent())
          .as(
              "a acts %s after its last renewal (renew deadline %s)",
              elapsed, LeaseSettings.RENEW_DEADLINE)
          .isEqualTo(elapsed.compareTo(LeaseSettings.RENEW_DEADLINE) < 0);
      clock.advance(TICK);
      elapsed = elapsed.plus(TICK);
      a.tick();
      b.tick();
    }

    assertThat(a.authority("seed")).as("a stopped before b took over").isEmpty();
    assertThat(a.heldShards()).isEmpty();
    assertThat(elapsed).isGreaterThanOrEqualTo(LeaseSettings.LEASE_DURATION);
  }

  @Test
  void authority_holderWithAWallClockStepBack_stopsExactlyAtTheMonotonicRenewDeadline() {
    SteppedClock wallA = new SteppedClock(clock);
    ShardLeases a = replica("a", 1, store, wallA);
    a.tick();
    wallA.step(LeaseSettings.LEASE_DURATION.multipliedBy(4).negated());

    clock.advance(LeaseSettings.RENEW_DEADLINE.minusMillis(1));
    assertThat(a.authority("seed")).isPresent();
    clock.advance(Duration.ofMillis(1));
    assertThat(a.authority("seed")).isEmpty();
  }

  @Test
  void tick_holderWhoseWallClockStandsStill_stillChangesTheRecord_soNoCandidateTakesOver() {
    SteppedClock wallA = new SteppedClock(clock);
    ShardLeases a = replica("a", 1, store, wallA);
    ShardLeases b = replica("b", 1);
    a.tick();
    b.tick();
    Instant stamped = store.read(0).orElseThrow().renewedAt();

    for (int i = 0; i < 3 * LeaseSettings.LEASE_DURATION.dividedBy(TICK); i++) {
      clock.advance(TICK);
      wallA.step(TICK.negated());
      a.tick();
      b.tick();
      assertThat(b.authority("seed")).as("round %d", i).isEmpty();
    }

    assertThat(a.authority("seed")).isPresent();
    assertThat(epoch(a, "seed")).isEqualTo(1);
    assertThat(store.read(0).orElseThrow().renewedAt()).isAfter(stamped);
  }

  @Test
  void tick_candidateWhoseWallClockJumpsForward_waitsTheLeaseDurationOfMonotonicTime() {
    ShardLeases a = replica("a", 1);
    SteppedClock wallB = new SteppedClock(clock);
    ShardLeases b = replica("b", 1, store, wallB);
    a.tick();
    b.tick();
    Instant firstSeen = clock.instant();
    wallB.step(LeaseSettings.LEASE_DURATION.plusMinutes(1));

    while (Duration.between(firstSeen, clock.instant()).compareTo(LeaseSettings.LEASE_DURATION)
        < 0) {
      assertThat(b.heldShards())
          .as("%s after b first saw the record", Duration.between(firstSeen, clock.instant()))
          .isEmpty();
      clock.advance(TICK);
      b.tick();
    }

    assertThat(b.heldShards()).containsExactly(0);
    assertThat(a.authority("seed")).as("a stopped at its renew deadline").isEmpty();
  }

  @Test
  void tick_replicaWhoseWallClockRanAheadDies_isNoLongerCountedOnceItsHeartbeatStoodStill() {
    SteppedClock wallA = new SteppedClock(clock);
    ShardLeases a = replica("a", 4, store, wallA);
    ShardLeases b = replica("b", 4);
    wallA.step(Duration.ofMinutes(30));
    for (int i = 0; i < 3; i++) {
      a.tick();
      b.tick();
      clock.advance(TICK);
    }
    assertThat(b.heldShards()).hasSize(2);

    Duration sinceADied = Duration.ZERO;
    while (sinceADied.compareTo(LeaseSettings.LEASE_DURATION.plus(TICK)) <= 0) {
      clock.advance(TICK);
      sinceADied = sinceADied.plus(TICK);
      b.tick();
    }

    assertThat(b.heldShards())
        .as("a's heartbeat, stamped 30 min ahead, stood still for the lease duration")
        .containsExactly(0, 1, 2, 3);
  }

  @Test
  void tick_replicaWhoseWallClockLagsFarBehindJoins_isCountedOnceItsHeartbeatMoves() {
    ShardLeases b = replica("b", 4);
    b.tick();
    assertThat(b.heldShards()).hasSize(4);
    SteppedClock wallA = new SteppedClock(clock);
    wallA.step(Duration.ofMinutes(-30));
    ShardLeases a = replica("a", 4, store, wallA);

    for (int i = 0; i < 4; i++) {
      clock.advance(TICK);
      a.tick();
      b.tick();
    }

    assertThat(b.heldShards()).as("b shed down to its fair share").hasSize(2);
    assertThat(a.heldShards()).hasSize(2);
  }

  @Test
  void authority_holderWhoseHostWasSuspended_stopsOnTheWallClockThoughMonotonicTimeStoodStill() {
    ManualClock monotonicTime = new ManualClock(clock.instant());
    ShardLeases a =
        new ShardLeases(store, clock, Monotonic.elapsedOn(monotonicTime), LeaseSettings.of("a", 1));
    a.tick();

    clock.advance(LeaseSettings.RENEW_DEADLINE);

    assertThat(a.authority("seed")).isEmpty();
  }

  @Test
  void tick_holderWhoseWallClockJumpsForward_stopsEarly_thenTakesItsUntouchedLeaseBack() {
    SteppedClock wallA = new SteppedClock(clock);
    ShardLeases a = replica("a", 1, store, wallA);
    a.tick();
    wallA.step(Duration.ofMinutes(30));
    assertThat(a.authority("seed")).as("stopped early: safe").isEmpty();

    clock.advance(TICK);
    a.tick();

    assertThat(a.authority("seed")).isPresent();
    assertThat(epoch(a, "seed")).isEqualTo(2);
  }
}
