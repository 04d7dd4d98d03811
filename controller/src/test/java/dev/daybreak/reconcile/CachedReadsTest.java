package dev.daybreak.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybreak.lease.Ownership;
import dev.daybreak.manifests.Manifest;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.State;
import dev.daybreak.store.ConflictException;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.Fence;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.store.StoredStatus;
import dev.daybreak.store.Via;
import dev.daybreak.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CachedReadsTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T09:00:00Z"));
  private final InMemoryStateStore store = new InMemoryStateStore(clock);
  private final AtomicReference<Optional<Ownership.Authority>> authority =
      new AtomicReference<>(epoch(1));
  private final CachedReads reads = new CachedReads(store, env -> authority.get(), clock);

  private static Optional<Ownership.Authority> epoch(long epoch) {
    return Optional.of(new Ownership.Authority(Optional.of(new Fence("0/1", epoch))));
  }

  private static Manifest manifest(int replicas) {
    return Manifests.parse(
            "blue.yaml",
            "apiVersion: daybreak.dev/v1\nkind: Environment\nmetadata:\n  name: blue\nspec:\n"
                + "  cluster: dev\n  services:\n    - name: a\n      replicas: "
                + replicas
                + "\n")
        .get(0);
  }

  /** An environment with a spec, a desired item and a status, read once after a resync. */
  @BeforeEach
  void aSettledEnvironment() {
    store.applySpec(manifest(1));
    store.writeDesired(
        "blue", DesiredState.of(State.ASLEEP, "alice", "night", clock.instant()), 0, Via.CLI);
    store.writeStatus("blue", EnvironmentStatus.initial(), 0, new Fence("0/1", 1));
    reads.scanDesired();
    reads.environment("blue");
  }

  private double readUnits() {
    return store.consumed().readUnits();
  }

  @Test
  void environment_nothingChangedSinceTheResync_isServedWithoutReading() {
    Optional<StoredEnvironment> first = store.environment("blue");
    double before = readUnits();

    Optional<StoredEnvironment> again = reads.environment("blue");

    assertThat(readUnits()).isEqualTo(before);
    assertThat(again).isEqualTo(first);
  }

  @Test
  void environment_beforeAnyResync_isReadEveryTime() {
    CachedReads fresh = new CachedReads(store, env -> authority.get(), clock);
    fresh.environment("blue");
    double before = readUnits();

    fresh.environment("blue");

    assertThat(readUnits()).isGreaterThan(before);
  }

  @Test
  void environment_afterAHandEditTheResyncSaw_readsTheEdit() {
    store.updateDesiredByHand("blue", Map.of("state", AttributeValue.fromS("AWAKE")), Set.of());
    DesiredRead remembered = reads.environment("blue").orElseThrow().desired();
    assertThat(((DesiredRead.Valid) remembered).stored().desired().state())
        .as("until a resync shows the edit, the remembered read")
        .isEqualTo(State.ASLEEP);

    reads.scanDesired();
    double before = readUnits();
    DesiredRead read = reads.environment("blue").orElseThrow().desired();

    assertThat(readUnits()).isGreaterThan(before);
    assertThat(((DesiredRead.Valid) read).stored().desired().state()).isEqualTo(State.AWAKE);
  }

  @Test
  void environment_afterAnApplyTheResyncSaw_readsTheNewSpec() {
    store.applySpec(manifest(3));
    reads.scanDesired();

    StoredEnvironment read = reads.environment("blue").orElseThrow();

    assertThat(read.spec().generation()).isEqualTo(2);
    assertThat(read.spec().json()).isEqualTo(manifest(3).json());
  }

  @Test
  void environment_ofASpecWithoutAVersion_isReadEveryTime() {
    store.updateItemByHand("env#blue", "spec", Map.of(), Set.of("version"));
    reads.scanDesired();
    reads.environment("blue");
    double before = readUnits();

    reads.environment("blue");

    assertThat(readUnits()).isGreaterThan(before);
  }

  @Test
  void environment_underANewEpoch_isReadAfresh() {
    authority.set(epoch(2));
    double before = readUnits();

    reads.environment("blue");

    assertThat(readUnits()).isGreaterThan(before);
  }

  @Test
  void environment_withoutTheShard_isReadAndNotRemembered() {
    authority.set(Optional.empty());
    reads.environment("blue");
    authority.set(epoch(1));
    double before = readUnits();

    reads.environment("blue");

    assertThat(readUnits()).as("read again: nothing was remembered").isGreaterThan(before);
  }

  @Test
  void environment_olderThanMaxAge_isReadAfresh() {
    clock.advance(CachedReads.MAX_AGE.plus(Duration.ofSeconds(1)));
    double before = readUnits();

    reads.environment("blue");

    assertThat(readUnits()).isGreaterThan(before);
  }

  @Test
  void writeStatus_isRememberedUnderItsFence_andServedWithoutReading() {
    EnvironmentStatus next = EnvironmentStatus.initial().withObservedGeneration(1);
    StoredStatus written = reads.writeStatus("blue", next, 1, new Fence("0/1", 1));
    double before = readUnits();

    StoredEnvironment read = reads.environment("blue").orElseThrow();

    assertThat(readUnits()).isEqualTo(before);
    assertThat(read.status()).contains(written);
    assertThat(read.status()).isEqualTo(store.environment("blue").orElseThrow().status());
  }

  @Test
  void writeStatus_thatLosesItsCondition_forgetsTheEnvironment() {
    store.writeStatus(
        "blue", EnvironmentStatus.initial().withObservedGeneration(7), 1, new Fence("0/1", 1));

    assertThatThrownBy(
            () -> reads.writeStatus("blue", EnvironmentStatus.initial(), 1, new Fence("0/1", 1)))
        .isInstanceOf(ConflictException.class);
    StoredEnvironment read = reads.environment("blue").orElseThrow();

    assertThat(read.status().orElseThrow().version()).isEqualTo(2);
    assertThat(read.status().orElseThrow().status().observedGeneration()).isEqualTo(7);
  }

  @Test
  void writeDesired_throughIt_forgetsTheEnvironment() {
    reads.writeDesired(
        "blue", DesiredState.of(State.AWAKE, "bob", "demo", clock.instant()), 1, Via.SLACK);

    DesiredRead read = reads.environment("blue").orElseThrow().desired();

    assertThat(((DesiredRead.Valid) read).stored().desired().state()).isEqualTo(State.AWAKE);
  }

  @Test
  void forget_makesTheNextPassReadAfresh() {
    reads.forget("blue");
    double before = readUnits();

    reads.environment("blue");

    assertThat(readUnits()).isGreaterThan(before);
  }
}
