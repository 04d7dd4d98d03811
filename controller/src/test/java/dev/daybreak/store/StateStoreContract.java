package dev.daybreak.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybreak.manifests.Manifest;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.Condition;
import dev.daybreak.model.ConditionStatus;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.Phase;
import dev.daybreak.model.ServiceReadiness;
import dev.daybreak.model.State;
import dev.daybreak.model.savings.Architecture;
import dev.daybreak.model.savings.Capacity;
import dev.daybreak.model.savings.Downtime;
import dev.daybreak.model.savings.OsFamily;
import dev.daybreak.model.savings.TaskSize;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What every {@link StateStore} must do. Runs against the in-memory store in the controller's unit
 * tests and against DynamoDB (dynalite) in {@code it}; a subclass supplies the store and the raw
 * item access a person with a DynamoDB client has.
 */
public abstract class StateStoreContract {

  protected static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
  protected static final String ENV = "seed";

  protected final MutableClock clock = new MutableClock(T0);
  protected StateStore store;

  /** A new, empty store on {@code clock}. */
  protected abstract StateStore newStore(MutableClock clock);

  /** A raw UpdateItem, as a person would issue it: no condition. */
  protected abstract void updateItemByHand(
      String pk, String sk, Map<String, AttributeValue> set, Set<String> remove);

  /** A raw UpdateItem on an environment's desired item. */
  protected final void updateDesiredByHand(
      String environment, Map<String, AttributeValue> set, Set<String> remove) {
    updateItemByHand("env#" + environment, "desired", set, remove);
  }

  /** A raw DeleteItem. */
  protected abstract void deleteItemByHand(String pk, String sk);

  /** A raw Scan of every item. */
  protected abstract List<Map<String, AttributeValue>> scanByHand();

  /** Releases what {@link #newStore} took. */
  protected void closeStore() {}

  @BeforeEach
  void createStore() {
    store = newStore(clock);
  }

  @AfterEach
  void releaseStore() {
    closeStore();
  }

  // --- downtimes --------------------------------------------------------------------------

  @Test
  void recordDowntimes_readBackByPeriod_idempotent_andNeverReadWithTheEnvironment() {
    store.applySpec(manifest(ENV, 1));
    TaskSize size =
        new TaskSize(512, 1024, Architecture.ARM64, OsFamily.LINUX, Capacity.FARGATE_SPOT, 30);
    Downtime night = new Downtime("api", T0, T0.plus(Duration.ofHours(14)), 2, Optional.of(size));
    Downtime later =
        new Downtime(
            "web",
            T0.plus(Duration.ofDays(3)),
            T0.plus(Duration.ofDays(3)).plus(Duration.ofHours(12)),
            1,
            Optional.empty());

    store.recordDowntimes(ENV, List.of(night, later));
    store.recordDowntimes(ENV, List.of(night));

    assertThat(store.downtimes(ENV, T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(7))))
        .containsExactly(night, later);
    assertThat(store.downtimes(ENV, T0.plus(Duration.ofHours(13)), T0.plus(Duration.ofDays(1))))
        .as("overlapping the period")
        .containsExactly(night);
    assertThat(store.downtimes(ENV, T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2))))
        .isEmpty();
    assertThat(scanByHand())
        .filteredOn(i -> i.get("sk").s().startsWith("was-down#"))
        .hasSize(2)
        .allSatisfy(i -> assertThat(i).containsKey("expiresAt"));
    assertThat(store.environment(ENV).orElseThrow().status()).isEmpty();
  }

  // --- spec -------------------------------------------------------------------------------

  @Test
  void applySpec_newEnvironment_storesGenerationOneAndReadsBack() {
    StoredSpec stored = store.applySpec(manifest(ENV, 1));

    assertThat(stored.generation()).isEqualTo(1);
    assertThat(store.spec(ENV)).contains(stored);
    assertThat(store.spec(ENV).orElseThrow().spec()).isEqualTo(manifest(ENV, 1).spec());
    assertThat(store.environments()).containsExactly(ENV);
  }

  @Test
  void applySpec_changedManifest_bumpsGeneration_sameManifest_keepsIt() {
    store.applySpec(manifest(ENV, 1));
    clock.advance(Duration.ofMinutes(1));

    assertThat(store.applySpec(manifest(ENV, 2)).generation()).isEqualTo(2);
    assertThat(store.applySpec(manifest(ENV, 2)).generation()).isEqualTo(2);
    assertThat(store.spec(ENV).orElseThrow().json()).isEqualTo(manifest(ENV, 2).json());
  }

  @Test
  void applySpec_overAStoredSpecThatNoLongerValidates_replacesIt() {
    store.applySpec(manifest(ENV, 1));
    updateItemByHand(
        "env#" + ENV,
        "spec",
        Map.of("json", AttributeValue.fromS("{\"kind\": \"Nope\"}")),
        Set.of());
    assertThatThrownBy(() -> store.spec(ENV))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("the spec of environment 'seed' cannot be read")
        .hasMessageContaining("apply the manifest again");

    StoredSpec replaced = store.applySpec(manifest(ENV, 1));

    assertThat(replaced.generation()).isEqualTo(2);
    assertThat(store.spec(ENV)).contains(replaced);
  }

  @Test
  void environments_listsOnlyEnvironmentsWithASpec_sorted() {
    store.applySpec(manifest("zeta", 1));
    store.applySpec(manifest("alpha", 1));
    store.writeDesired("no-spec", awake("alice"), 0, Via.CLI);

    assertThat(store.environments()).containsExactly("alpha", "zeta");
    assertThat(store.spec("no-spec")).isEmpty();
  }

  @Test
  void environment_readsSpecDesiredAndStatusTogether() {
    store.applySpec(manifest(ENV, 1));
    clock.advance(Duration.ofHours(1));
    store.applySpec(manifest(ENV, 2));
    StoredDesired desired = store.writeDesired(ENV, awake("alice"), 0, Via.CLI);
    StoredStatus status = store.writeStatus(ENV, waking(), 0);

    StoredEnvironment environment = store.environment(ENV).orElseThrow();

    assertThat(environment.spec().generation()).isEqualTo(2);
    assertThat(environment.createdAt()).isEqualTo(T0);
    assertThat(environment.appliedAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(environment.desired()).isEqualTo(new DesiredRead.Valid(desired, false));
    assertThat(environment.status()).contains(status);
    assertThat(store.environment("unknown")).isEmpty();
  }

  // --- desired ----------------------------------------------------------------------------

  @Test
  void desired_noItem_readsAbsent() {
    assertThat(store.desired(ENV)).isEqualTo(new DesiredRead.Absent());
  }

  @Test
  void writeDesired_newItem_readsBackAsWrittenAndNotHandEdited() {
    DesiredState desired =
        new DesiredState(
            State.AWAKE,
            Optional.of(T0.plus(Duration.ofHours(2))),
            Set.of("a", "b"),
            "alice",
            "demo at ten",
            T0);

    StoredDesired stored = store.writeDesired(ENV, desired, 0, Via.CLI);

    assertThat(stored).isEqualTo(new StoredDesired(desired, 1, false, Optional.of(T0)));
    assertThat(store.desired(ENV)).isEqualTo(new DesiredRead.Valid(stored, false));
  }

  @Test
  void writeDesired_staleVersion_conflictsAndWritesNothing() {
    store.writeDesired(ENV, awake("alice"), 0, Via.CLI);
    List<Map<String, AttributeValue>> before = scanByHand();

    assertThatThrownBy(() -> store.writeDesired(ENV, asleep("bob"), 0, Via.SLACK))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("version 1");
    assertThatThrownBy(() -> store.writeDesired(ENV, asleep("bob"), 2, Via.SLACK))
        .isInstanceOf(ConflictException.class);

    assertThat(scanByHand()).isEqualTo(before);
  }

  @Test
  void writeDesired_withoutUntilOrServices_removesThePreviousOnes() {
    store.writeDesired(
        ENV,
        new DesiredState(
            State.AWAKE, Optional.of(T0.plusSeconds(60)), Set.of("a"), "alice", "", T0),
        0,
        Via.CLI);

    store.writeDesired(ENV, asleep("bob"), 1, Via.CLI);

    DesiredRead.Valid read = (DesiredRead.Valid) store.desired(ENV);
    assertThat(read.stored().desired().until()).isEmpty();
    assertThat(read.stored().desired().services()).isEmpty();
    assertThat(read.handEdited()).isFalse();
  }

  @Test
  void writeDesired_recordsOneAuditEntryPerWrite_newestFirst() {
    store.writeDesired(ENV, awake("alice"), 0, Via.CLI);
    clock.advance(Duration.ofMinutes(5));
    Instant until = T0.plus(Duration.ofHours(3));
    store.writeDesired(
        ENV,
        new DesiredState(
            State.ASLEEP, Optional.of(until), Set.of(), "U123", "lunch", clock.instant()),
        1,
        Via.SLACK);

    assertThat(store.audit(ENV, 10))
        .containsExactly(
            new AuditEntry(
                T0.plus(Duration.ofMinutes(5)),
                "U123",
                Via.SLACK,
                Optional.of(State.AWAKE),
                State.ASLEEP,
                Optional.of(until),
                "lunch"),
            new AuditEntry(
                T0, "alice", Via.CLI, Optional.empty(), State.AWAKE, Optional.empty(), "because"));
    assertThat(store.audit(ENV, 1)).hasSize(1);
    assertThat(store.audit("other", 10)).isEmpty();
  }

  @Test
  void writeDesired_crashBeforeItsAuditEntry_isRepairedByTheNextWrite() {
    store.writeDesired(ENV, awake("alice"), 0, Via.CLI);
    // The writer died after the desired write: its audit entry never landed.
    scanByHand().stream()
        .filter(item -> item.get(Items.SK).s().startsWith(Items.AUDIT_PREFIX))
        .forEach(item -> deleteItemByHand(item.get(Items.PK).s(), item.get(Items.SK).s()));
    clock.advance(Duration.ofMinutes(1));

    store.writeDesired(ENV, asleep("bob"), 1, Via.CLI);

    assertThat(store.audit(ENV, 10))
        .extracting(AuditEntry::who, AuditEntry::to, AuditEntry::at)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("bob", State.ASLEEP, T0.plusSeconds(60)),
            org.assertj.core.groups.Tuple.tuple("alice", State.AWAKE, T0));
  }

  @Test
  void allDesired_readsEveryEnvironment_includingMalformedOnes() {
    StoredDesired a = store.writeDesired("a", awake("alice"), 0, Via.CLI);
    updateDesiredByHand("b", Map.of("state", AttributeValue.fromS("SNOOZE")), Set.of());

    Map<String, DesiredRead> all = store.allDesired();

    assertThat(all).containsOnlyKeys("a", "b");
    assertThat(all.get("a")).isEqualTo(new DesiredRead.Valid(a, false));
    assertThat(all.get("b")).isInstanceOf(DesiredRead.Invalid.class);
  }

  @Test
  void scanDesired_readsWhatEnvironmentsAndAllDesiredRead_together() {
    store.applySpec(manifest("zeta", 1));
    store.applySpec(manifest("alpha", 1));
    StoredDesired alpha = store.writeDesired("alpha", awake("alice"), 0, Via.CLI);
    store.writeDesired("no-spec", awake("bob"), 0, Via.CLI);
    updateDesiredByHand("broken", Map.of("state", AttributeValue.fromS("SNOOZE")), Set.of());
    store.writeStatus("alpha", waking(), 0);

    DesiredScan scan = store.scanDesired();

    assertThat(scan.environments()).containsExactly("alpha", "zeta");
    assertThat(scan.desired()).isEqualTo(store.allDesired());
    assertThat(scan.desired()).containsOnlyKeys("alpha", "broken", "no-spec");
    assertThat(scan.desiredOf("alpha")).isEqualTo(new DesiredRead.Valid(alpha, false));
    assertThat(scan.desiredOf("broken")).isInstanceOf(DesiredRead.Invalid.class);
    assertThat(scan.desiredOf("zeta")).isEqualTo(new DesiredRead.Absent());
  }

  @Test
  void scanDesired_onAnEmptyStore_isEmpty() {
    DesiredScan scan = store.scanDesired();

    assertThat(scan.environments()).isEmpty();
    assertThat(scan.desired()).isEmpty();
  }

  @Test
  void writeDesired_pinned_readsBackPinned_andAnUnpinnedWriteRemovesThePin() {
    StoredDesired pinned = store.writeDesired(ENV, awake("alice"), 0, Via.CLI, true);

    assertThat(pinned.pinned()).isTrue();
    assertThat(store.desired(ENV)).isEqualTo(new DesiredRead.Valid(pinned, false));
    assertThat(desiredItem().get("pinned")).isEqualTo(AttributeValue.fromBool(true));

    clock.advance(Duration.ofMinutes(1));
    StoredDesired unpinned = store.writeDesired(ENV, asleep("bob"), 1, Via.CLI);

    assertThat(store.desired(ENV)).isEqualTo(new DesiredRead.Valid(unpinned, false));
    assertThat(unpinned.pinned()).isFalse();
    assertThat(unpinned.acceptedAt()).contains(T0.plus(Duration.ofMinutes(1)));
    assertThat(desiredItem()).doesNotContainKey("pinned");
  }

  @Test
  void handEdit_settingPinned_isReadPinnedAndHandEdited() {
    store.writeDesired(ENV, awake("alice"), 0, Via.CLI);

    updateDesiredByHand(ENV, Map.of("pinned", AttributeValue.fromBool(true)), Set.of());

    DesiredRead.Valid read = (DesiredRead.Valid) store.desired(ENV);
    assertThat(read.handEdited()).isTrue();
    assertThat(read.stored().pinned()).isTrue();
    assertThat(store.adoptHandEdit(ENV, read.stored()).pinned()).isTrue();
    assertThat(((DesiredRead.Valid) store.desired(ENV)).handEdited()).isFalse();
  }

  private Map<String, AttributeValue> desiredItem() {
    return scanByHand().stream()
        .filter(i -> i.get("sk").s().equals("desired"))
        .findFirst()
        .orElseThrow();
  }

  // --- hand edits -------------------------------------------------------------------------

  @Test
  void handEdit_settingOnlyState_isReadAsTheNewStateAndFlaggedHandEdited() {
    store.writeDesired(ENV, asleep("alice"), 0, Via.CLI);

    updateDesiredByHand(ENV, Map.of("state", AttributeValue.fromS("AWAKE")), Set.of());

    DesiredRead read = store.desired(ENV);
    assertThat(read).isInstanceOf(DesiredRead.Valid.class);
    DesiredRead.Valid valid = (DesiredRead.Valid) read;
    assertThat(valid.handEdited()).isTrue();
    assertThat(valid.stored().desired().state()).isEqualTo(State.AWAKE);
    assertThat(valid.stored().version()).isEqualTo(1);
  }

  @Test
  void adoptHandEdit_recordsItViaDynamodb_andStampsTheNextVersion() {
    store.writeDesired(ENV, asleep("alice"), 0, Via.CLI);
    clock.advance(Duration.ofMinutes(7));
    updateDesiredByHand(
        ENV,
        Map.of(
            "state", AttributeValue.fromS("AWAKE"),
            "requestedBy", AttributeValue.fromS("carol"),
            "reason", AttributeValue.fromS("hotfix"),
            "until", AttributeValue.fromS("2026-11-30T18:30:00+09:00")),
        Set.of());
    StoredDesired seen = ((DesiredRead.Valid) store.desired(ENV)).stored();

    StoredDesired adopted = store.adoptHandEdit(ENV, seen);

    assertThat(seen.acceptedAt()).isEmpty();
    assertThat(adopted)
        .isEqualTo(
            new StoredDesired(
                seen.desired(), 2, false, Optional.of(T0.plus(Duration.ofMinutes(7)))));
    assertThat(seen.desired().until()).contains(Instant.parse("2026-11-30T09:30:00Z"));
    assertThat(store.desired(ENV)).isEqualTo(new DesiredRead.Valid(adopted, false));
    assertThat(store.audit(ENV, 1))
        .containsExactly(
            new AuditEntry(
                T0.plus(Duration.ofMinutes(7)),
                "carol",
                Via.DYNAMODB,
                Optional.of(State.ASLEEP),
                State.AWAKE,
                Optional.of(Instant.parse("2026-11-30T09:30:00Z")),
                "hotfix"));
    assertThat(store.adoptHandEdit(ENV, adopted)).isEqualTo(adopted);
    assertThat(store.audit(ENV, 10)).hasSize(2);
  }

  @Test
  void adoptHandEdit_itemEditedAgainSinceRead_conflictsAndWritesNothing() {
    store.writeDesired(ENV, asleep("alice"), 0, Via.CLI);
    updateDesiredByHand(ENV, Map.of("state", AttributeValue.fromS("AWAKE")), Set.of());
    StoredDesired seen = ((DesiredRead.Valid) store.desired(ENV)).stored();
    updateDesiredByHand(ENV, Map.of("state", AttributeValue.fromS("ASLEEP")), Set.of());
    updateDesiredByHand(ENV, Map.of("state", AttributeValue.fromS("AWAKE")), Set.of());
    updateDesiredByHand(ENV, Map.of("reason", AttributeValue.fromS("changed")), Set.of());
    List<Map<String, AttributeValue>> before = scanByHand();

    assertThatThrownBy(() -> store.adoptHandEdit(ENV, seen)).isInstanceOf(ConflictException.class);
    assertThat(scanByHand()).isEqualTo(before);
  }

  @Test
  void handCreatedItem_withoutDaybreakBookkeeping_isValidAtVersionZero_andCanBeOverwritten() {
    updateDesiredByHand(
        ENV,
        Map.of(
            "state", AttributeValue.fromS("AWAKE"),
            "requestedBy", AttributeValue.fromS("dave"),
            "requestedAt", AttributeValue.fromS("2026-11-30T07:00:00Z")),
        Set.of());

    DesiredRead.Valid read = (DesiredRead.Valid) store.desired(ENV);
    assertThat(read.handEdited()).isTrue();
    assertThat(read.stored().version()).isZero();
    assertThat(read.stored().desired().reason()).isEmpty();

    StoredDesired written = store.writeDesired(ENV, asleep("erin"), 0, Via.CLI);

    assertThat(written.version()).isEqualTo(2);
    assertThat(store.audit(ENV, 10))
        .extracting(AuditEntry::who, AuditEntry::via, AuditEntry::from, AuditEntry::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "erin", Via.CLI, Optional.of(State.AWAKE), State.ASLEEP),
            org.assertj.core.groups.Tuple.tuple(
                "dave", Via.DYNAMODB, Optional.empty(), State.AWAKE));
  }

  @Test
  void writeDesired_overAnUnadoptedHandEdit_recordsTheHandEditFirst() {
    store.writeDesired(ENV, asleep("alice"), 0, Via.CLI);
    updateDesiredByHand(ENV, Map.of("state", AttributeValue.fromS("AWAKE")), Set.of());

    StoredDesired written = store.writeDesired(ENV, asleep("bob"), 1, Via.SLACK);

    assertThat(written.version()).isEqualTo(3);
    assertThat(store.audit(ENV, 10))
        .extracting(AuditEntry::via, AuditEntry::from, AuditEntry::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Via.SLACK, Optional.of(State.AWAKE), State.ASLEEP),
            org.assertj.core.groups.Tuple.tuple(
                Via.DYNAMODB, Optional.of(State.ASLEEP), State.AWAKE),
            org.assertj.core.groups.Tuple.tuple(Via.CLI, Optional.empty(), State.ASLEEP));
  }

  // --- hand edits with only `state` ------------------------------------------------------

  @Test
  void handCreatedItem_withOnlyState_readsWithDefaults_asAnUnadoptedHandEdit() {
    updateDesiredByHand(ENV, Map.of("state", AttributeValue.fromS("AWAKE")), Set.of());

    DesiredRead read = store.desired(ENV);

    assertThat(read)
        .isInstanceOfSatisfying(
            DesiredRead.Valid.class,
            valid -> {
              assertThat(valid.handEdited()).isTrue();
              assertThat(valid.defaulted())
                  .containsExactlyInAnyOrder("requestedBy", "reason", "requestedAt");
              assertThat(valid.stored().version()).isZero();
              assertThat(valid.stored().acceptedAt()).isEmpty();
              DesiredState d = valid.stored().desired();
              assertThat(d.state()).isEqualTo(State.AWAKE);
              assertThat(d.requestedBy()).isEqualTo("dynamodb (hand edit)");
              assertThat(d.reason()).isEmpty();
              assertThat(d.requestedAt()).isEqualTo(T0);
              assertThat(d.until()).isEmpty();
              assertThat(d.services()).isEmpty();
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"awake ", "Awake", " AWAKE", "\tawake\n"})
  void handEditedState_inAnyCaseWithBlanksAround_readsAsTheState(String written) {
    store.writeDesired(ENV, asleep("alice"), 0, Via.CLI);

    updateDesiredByHand(ENV, Map.of("state", AttributeValue.fromS(written)), Set.of());

    assertThat(store.desired(ENV))
        .isInstanceOfSatisfying(
            DesiredRead.Valid.class,
            valid -> {
              assertThat(valid.handEdited()).isTrue();
              assertThat(valid.defaulted()).isEmpty();
              assertThat(valid.stored().desired().state()).isEqualTo(State.AWAKE);
              assertThat(valid.stored().desired().requestedBy()).isEqualTo("alice");
            });
  }

  @Test
  void handEdit_withBlankRequestedByAndRequestedAt_readsThemAsDefaults() {
    store.writeDesired(ENV, asleep("alice"), 0, Via.CLI);

    updateDesiredByHand(
        ENV,
        Map.of(
            "state", AttributeValue.fromS("AWAKE"),
            "requestedBy", AttributeValue.fromS("  "),
            "requestedAt", AttributeValue.fromS("")),
        Set.of());

    DesiredRead.Valid valid = (DesiredRead.Valid) store.desired(ENV);
    assertThat(valid.defaulted()).containsExactlyInAnyOrder("requestedBy", "requestedAt");
    assertThat(valid.stored().desired().requestedBy()).isEqualTo("dynamodb (hand edit)");
    assertThat(valid.stored().desired().reason()).isEqualTo("because");
  }

  @Test
  void adoptHandEdit_ofAStateOnlyItem_keepsTheTimeItWasFirstSeen_andAuditsTheDefaults() {
    updateDesiredByHand(ENV, Map.of("state", AttributeValue.fromS("awake ")), Set.of());
    StoredDesired seen = ((DesiredRead.Valid) store.desired(ENV)).stored();
    clock.advance(Duration.ofSeconds(3));

    StoredDesired adopted = store.adoptHandEdit(ENV, seen);

    Instant adoptedAt = T0.plusSeconds(3);
    assertThat(adopted.desired()).isEqualTo(seen.desired());
    assertThat(adopted.desired().requestedAt()).isEqualTo(T0);
    assertThat(adopted.version()).isEqualTo(1);
    assertThat(adopted.acceptedAt()).contains(adoptedAt);
    clock.advance(Duration.ofHours(5));
    assertThat(store.desired(ENV))
        .as("stable on later reads: requestedAt is now stored")
        .isEqualTo(new DesiredRead.Valid(adopted, false));
    assertThat(store.audit(ENV, 10))
        .containsExactly(
            new AuditEntry(
                adoptedAt,
                "dynamodb (hand edit)",
                Via.DYNAMODB,
                Optional.empty(),
                State.AWAKE,
                Optional.empty(),
                "",
                List.of("requestedBy", "reason", "requestedAt")));
  }

  @Test
  void adoptHandEdit_ofAStateOnlyItemReadEarlier_holdsDespiteTheDefaultedTime() {
    store.writeDesired(ENV, asleep("alice"), 0, Via.CLI);
    updateDesiredByHand(ENV, Map.of("state", AttributeValue.fromS("AWAKE")), Set.of("requestedAt"));
    StoredDesired seen = ((DesiredRead.Valid) store.desired(ENV)).stored();
    clock.advance(Duration.ofSeconds(1));
    assertThat(((DesiredRead.Valid) store.desired(ENV)).stored())
        .as("each read defaults requestedAt to its own time")
        .isNotEqualTo(seen);

    StoredDesired adopted = store.adoptHandEdit(ENV, seen);

    assertThat(adopted.desired().requestedAt()).isEqualTo(T0);
    assertThat(adopted.desired().requestedBy()).isEqualTo("alice");
    assertThat(store.audit(ENV, 1).get(0).defaulted()).containsExactly("requestedAt");
  }

  @Test
  void writeDesired_overAStateOnlyItem_auditsTheHandEditWithItsDefaultsFirst() {
    updateDesiredByHand(ENV, Map.of("state", AttributeValue.fromS("AWAKE")), Set.of());

    store.writeDesired(ENV, asleep("bob"), 0, Via.CLI);

    assertThat(store.audit(ENV, 10))
        .extracting(AuditEntry::who, AuditEntry::via, AuditEntry::defaulted)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("bob", Via.CLI, List.of()),
            org.assertj.core.groups.Tuple.tuple(
                "dynamodb (hand edit)",
                Via.DYNAMODB,
                List.of("requestedBy", "reason", "requestedAt")));
  }

  @Test
  void malformedValue_isQuotedCutShort_withCharactersThatDoNotShowSpelledOut() {
    store.writeDesired(ENV, asleep("alice"), 0, Via.CLI);
    String hostile = "\u001b[31mAWAKE\u202e`<!channel>`" + "x".repeat(200);

    updateDesiredByHand(ENV, Map.of("state", AttributeValue.fromS(hostile)), Set.of());

    DesiredRead.Invalid invalid = (DesiredRead.Invalid) store.desired(ENV);
    assertThat(invalid.attribute()).isEqualTo("state");
    assertThat(invalid.reason())
        .startsWith("attribute 'state' is '[U+001B][31mAWAKE[U+202E]\u02cb<!channel>\u02cb")
        .contains("...' (" + hostile.length() + " characters); expected AWAKE or ASLEEP")
        .doesNotContain("\u001b", "\u202e", "`", "x".repeat(100));
    assertThat(invalid.explained(ENV))
        .startsWith(
            "the desired item of environment 'seed' (pk env#seed, sk desired) cannot be used")
        .contains(invalid.reason())
        .contains("correct 'state' with any DynamoDB client")
        .contains("`daybreak wake seed`");
  }

  // --- malformed items --------------------------------------------------------------------

  static Stream<Arguments> malformedItems() {
    return Stream.of(
        Arguments.of(
            Map.of("state", AttributeValue.fromS("AWAKEN")),
            Set.of(),
            "'state' is 'AWAKEN'; expected AWAKE or ASLEEP (in any case"),
        Arguments.of(
            Map.of("state", AttributeValue.fromN("1")),
            Set.of(),
            "'state' must be a string (S), found a number (N)"),
        Arguments.of(Map.of(), Set.of("state"), "'state' is missing; expected AWAKE or ASLEEP"),
        Arguments.of(
            Map.of("until", AttributeValue.fromS("tomorrow")),
            Set.of(),
            "'until' is 'tomorrow'; expected an ISO-8601 instant"),
        Arguments.of(
            Map.of("until", AttributeValue.fromN("1700000000")),
            Set.of(),
            "'until' must be a string (S), found a number (N)"),
        Arguments.of(
            Map.of("services", AttributeValue.fromS("a,b")),
            Set.of(),
            "'services' must be a list of service names (L of S), found a string (S)"),
        Arguments.of(
            Map.of("services", AttributeValue.fromL(List.of(AttributeValue.fromN("1")))),
            Set.of(),
            "'services' must list service names as strings (L of S), found a number (N)"),
        Arguments.of(
            Map.of("requestedAt", AttributeValue.fromS("9am")),
            Set.of(),
            "'requestedAt' is '9am'; expected an ISO-8601 instant"),
        Arguments.of(
            Map.of("requestedBy", AttributeValue.fromN("7")),
            Set.of(),
            "'requestedBy' must be a string (S), found a number (N)"),
        Arguments.of(
            Map.of("pinned", AttributeValue.fromS("yes")),
            Set.of(),
            "'pinned' must be true or false (BOOL), found a string (S)"),
        Arguments.of(
            Map.of("version", AttributeValue.fromS("3")),
            Set.of(),
            "'version' must be a number (N), found a string (S)"));
  }

  @ParameterizedTest
  @MethodSource("malformedItems")
  void malformedDesiredItem_isReadInvalidWithAReasonNamingTheAttribute(
      Map<String, AttributeValue> set, Set<String> remove, String reason) {
    store.writeDesired(ENV, awake("alice"), 0, Via.CLI);

    updateDesiredByHand(ENV, set, remove);

    DesiredRead read = store.desired(ENV);
    assertThat(read).isInstanceOf(DesiredRead.Invalid.class);
    assertThat(((DesiredRead.Invalid) read).reason()).contains(reason);
    assertThat(store.allDesired().get(ENV)).isEqualTo(read);
  }

  @Test
  void writeDesired_overAMalformedItem_atTheVersionItReports_replacesIt() {
    store.writeDesired(ENV, awake("alice"), 0, Via.CLI);
    updateDesiredByHand(ENV, Map.of("state", AttributeValue.fromS("SNOOZE")), Set.of());
    DesiredRead.Invalid invalid = (DesiredRead.Invalid) store.desired(ENV);
    assertThat(invalid.version()).isEqualTo(1);

    StoredDesired written = store.writeDesired(ENV, asleep("bob"), invalid.version(), Via.CLI);

    assertThat(store.desired(ENV)).isEqualTo(new DesiredRead.Valid(written, false));
    assertThat(store.audit(ENV, 1).get(0).from()).isEmpty();
  }

  @Test
  void writeDesired_overAnItemWithAnUnreadableVersion_expectsZero() {
    store.writeDesired(ENV, awake("alice"), 0, Via.CLI);
    updateDesiredByHand(ENV, Map.of("version", AttributeValue.fromS("seven")), Set.of());
    assertThat(store.desired(ENV))
        .isEqualTo(
            new DesiredRead.Invalid(
                "attribute 'version' must be a number (N), found a string (S); it is daybreak's write counter",
                0,
                "version"));

    StoredDesired written = store.writeDesired(ENV, asleep("bob"), 0, Via.CLI);

    assertThat(written.version()).isEqualTo(1);
    assertThat(store.desired(ENV)).isEqualTo(new DesiredRead.Valid(written, false));
  }

  // --- status -----------------------------------------------------------------------------

  @Test
  void writeStatus_roundTripsTheWholeStatus_andLocksOnVersion() {
    EnvironmentStatus status = waking();

    StoredStatus first = store.writeStatus(ENV, status, 0);
    assertThat(first.version()).isEqualTo(1);
    assertThat(store.status(ENV)).contains(first);

    assertThatThrownBy(() -> store.writeStatus(ENV, EnvironmentStatus.initial(), 0))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> store.writeStatus(ENV, EnvironmentStatus.initial(), 2))
        .isInstanceOf(ConflictException.class);

    StoredStatus second = store.writeStatus(ENV, EnvironmentStatus.initial(), 1);
    assertThat(second.version()).isEqualTo(2);
    assertThat(store.status(ENV)).contains(second);
    assertThat(store.status("other")).isEmpty();
  }

  @Test
  void writeStatus_roundTripsMeasuredWakeDurations() {
    EnvironmentStatus status =
        waking().withWakeDurations(List.of(Duration.ofSeconds(95), Duration.ofMillis(120_500)));

    store.writeStatus(ENV, status, 0);

    assertThat(store.status(ENV).orElseThrow().status().wakeDurations())
        .containsExactly(Duration.ofSeconds(95), Duration.ofMillis(120_500));
  }

  @Test
  void statusDocument_writtenBeforeWakeDurationsExisted_readsWithNoneMeasured() {
    store.writeStatus(ENV, waking(), 0);
    Map<String, AttributeValue> item =
        scanByHand().stream()
            .filter(i -> i.get("sk").s().equals("status"))
            .findFirst()
            .orElseThrow();
    String document = item.get("document").s();
    String old = document.replaceAll(",?\"wakeDurations\":\\[[^\\]]*\\]", "");
    assertThat(old).doesNotContain("wakeDurations").isNotEqualTo(document);

    updateItemByHand(
        "env#" + ENV, "status", Map.of("document", AttributeValue.fromS(old)), Set.of());

    EnvironmentStatus read = store.status(ENV).orElseThrow().status();
    assertThat(read.wakeDurations()).isEmpty();
    assertThat(read).isEqualTo(waking());
  }

  @Test
  void writeStatus_fencedBelowTheEpochThatLastWrote_isRejected_otherLeasesAndHigherEpochsAreNot() {
    StoredStatus first = store.writeStatus(ENV, waking(), 0, new Fence("0/2", 3));

    assertThatThrownBy(
            () -> store.writeStatus(ENV, EnvironmentStatus.initial(), 1, new Fence("0/2", 2)))
        .isInstanceOf(ConflictException.class);
    assertThat(store.status(ENV)).contains(first);

    StoredStatus same = store.writeStatus(ENV, waking(), 1, new Fence("0/2", 3));
    StoredStatus newer = store.writeStatus(ENV, waking(), same.version(), new Fence("0/2", 4));
    StoredStatus resharded = store.writeStatus(ENV, waking(), newer.version(), new Fence("1/4", 1));
    assertThat(resharded.version()).isEqualTo(4);
    assertThatThrownBy(() -> store.writeStatus(ENV, waking(), 3, new Fence("1/4", 1)))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void statusItem_carriesPhaseAndTierAsPlainAttributesForPeople() {
    store.writeStatus(ENV, waking(), 0);

    Map<String, AttributeValue> item =
        scanByHand().stream()
            .filter(i -> i.get("sk").s().equals("status"))
            .findFirst()
            .orElseThrow();

    assertThat(item.get("phase")).isEqualTo(AttributeValue.fromS("Waking"));
    assertThat(item.get("tier")).isEqualTo(AttributeValue.fromN("1"));
    assertThat(item.get("target")).isEqualTo(AttributeValue.fromS("AWAKE"));
    // Format 2: savedScalableTargets added (see EnvironmentStatus.FORMAT_VERSION).
    assertThat(item.get("formatVersion")).isEqualTo(AttributeValue.fromN("2"));
    assertThat(item.get("document").s()).contains("\"formatVersion\":2");
  }

  // --- concurrency ------------------------------------------------------------------------

  /** One write a writer got accepted. */
  record Accepted(long version, State state, String reason) {}

  // --- notification threads -------------------------------------------------------------

  @Test
  void notificationThread_recorded_readsBack_beside_andApartFromTheStatus() {
    store.applySpec(manifest(ENV, 1));
    StoredStatus status = store.writeStatus(ENV, waking(), 0, new Fence("0/1", 2));
    NotificationThread thread = thread(T0, "1700000000.000100");

    assertThat(store.recordNotificationThread(thread)).isTrue();

    assertThat(store.notificationThread(ENV)).contains(thread);
    assertThat(store.notificationThread("other")).isEmpty();
    assertThat(store.status(ENV)).contains(status);
    assertThat(store.environment(ENV).orElseThrow().status()).contains(status);
    assertThat(store.writeStatus(ENV, waking(), status.version(), new Fence("0/1", 2)).version())
        .as("the fenced status write is not disturbed by the thread item")
        .isEqualTo(status.version() + 1);
    assertThat(scanByHand())
        .filteredOn(item -> item.get("sk").s().equals("thread"))
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.get("channel").s()).isEqualTo("C0DEVENVS");
              assertThat(item.get("ts").s()).isEqualTo("1700000000.000100");
              assertThat(item.get("operationId").s()).isEqualTo(thread.operationId());
            });
  }

  @Test
  void recordNotificationThread_sameOrNewerOperation_replaces_olderOperation_isRefused() {
    NotificationThread first = thread(T0, "1.000100");
    NotificationThread reposted = thread(T0, "2.000200");
    NotificationThread newer = thread(T0.plus(Duration.ofHours(1)), "3.000300");
    store.recordNotificationThread(first);

    assertThat(store.recordNotificationThread(reposted)).isTrue();
    assertThat(store.notificationThread(ENV)).contains(reposted);
    assertThat(store.recordNotificationThread(newer)).isTrue();
    assertThat(store.recordNotificationThread(first)).isFalse();
    assertThat(store.notificationThread(ENV)).contains(newer);
  }

  @Test
  void notificationThread_malformedItem_readsAsNone_andIsReplacedByTheNextRecord() {
    updateItemByHand(
        "env#" + ENV,
        "thread",
        Map.of(
            "operationId", AttributeValue.fromS("seed/wake/x"),
            "operationStartedAtMillis", AttributeValue.fromS("yesterday")),
        Set.of());

    assertThat(store.notificationThread(ENV)).isEmpty();

    NotificationThread thread = thread(T0, "1.000100");
    assertThat(store.recordNotificationThread(thread)).isTrue();
    assertThat(store.notificationThread(ENV)).contains(thread);
  }

  @Test
  void twoWritersFlippingConcurrently_loseNoUpdate_andAuditEveryAcceptedWriteOnce()
      throws Exception {
    int flips = 100;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    List<Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<Integer>> conflicts = new ArrayList<>();
      for (String writer : List.of("writer-a", "writer-b")) {
        Callable<Integer> flipper =
            () -> {
              start.await();
              int lost = 0;
              for (int i = 0; i < flips; i++) {
                String reason = writer + " flip " + i;
                while (true) {
                  DesiredRead read = store.desired(ENV);
                  long version = 0;
                  State next = State.AWAKE;
                  if (read instanceof DesiredRead.Valid valid) {
                    version = valid.stored().version();
                    next =
                        valid.stored().desired().state() == State.AWAKE
                            ? State.ASLEEP
                            : State.AWAKE;
                  }
                  try {
                    StoredDesired written =
                        store.writeDesired(
                            ENV, DesiredState.of(next, writer, reason, T0), version, Via.CLI);
                    accepted.add(new Accepted(written.version(), next, reason));
                    break;
                  } catch (ConflictException e) {
                    lost++;
                  }
                }
              }
              return lost;
            };
        conflicts.add(pool.submit(flipper));
      }
      start.countDown();
      for (Future<Integer> future : conflicts) {
        future.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    List<Accepted> byVersion =
        accepted.stream().sorted(java.util.Comparator.comparingLong(Accepted::version)).toList();
    // Every version from 1 to 200 was accepted exactly once: no two writers won the same version.
    assertThat(byVersion)
        .extracting(Accepted::version)
        .containsExactlyElementsOf(
            java.util.stream.LongStream.rangeClosed(1, 2L * flips).boxed().toList());
    // Each write flipped what it read, so the states alternate: no write was based on a lost one.
    for (int i = 0; i < byVersion.size(); i++) {
      assertThat(byVersion.get(i).state()).isEqualTo(i % 2 == 0 ? State.AWAKE : State.ASLEEP);
    }
    Accepted last = byVersion.get(byVersion.size() - 1);
    DesiredRead.Valid finalItem = (DesiredRead.Valid) store.desired(ENV);
    assertThat(finalItem.stored().version()).isEqualTo(last.version());
    assertThat(finalItem.stored().desired().state()).isEqualTo(last.state());
    assertThat(finalItem.stored().desired().reason()).isEqualTo(last.reason());

    List<AuditEntry> audit = store.audit(ENV, 10_000);
    assertThat(audit).hasSize(2 * flips);
    // Newest first; with a clock that does not move the order is the version order.
    List<AuditEntry> oldestFirst = new ArrayList<>(audit);
    Collections.reverse(oldestFirst);
    for (int i = 0; i < oldestFirst.size(); i++) {
      AuditEntry entry = oldestFirst.get(i);
      assertThat(entry.reason()).isEqualTo(byVersion.get(i).reason());
      assertThat(entry.to()).isEqualTo(byVersion.get(i).state());
      assertThat(entry.from())
          .isEqualTo(i == 0 ? Optional.empty() : Optional.of(byVersion.get(i - 1).state()));
    }
  }

  // --- helpers ----------------------------------------------------------------------------

  protected static Manifest manifest(String name, int replicas) {
    return Manifests.parse(
            "test.yaml",
            """
            apiVersion: daybreak.dev/v1
            kind: Environment
            metadata:
              name: %s
            spec:
              cluster: dev
              services:
                - name: a
                  replicas: %d
                - name: b
                  replicas: 3
                  dependsOn: [a]
            """
                .formatted(name, replicas))
        .get(0);
  }

  protected static DesiredState awake(String who) {
    return DesiredState.of(State.AWAKE, who, "because", T0);
  }

  protected static DesiredState asleep(String who) {
    return DesiredState.of(State.ASLEEP, who, "because", T0);
  }

  private static NotificationThread thread(Instant startedAt, String ts) {
    return new NotificationThread(
        ENV, ENV + "/wake/" + startedAt, startedAt, "C0DEVENVS", ts, startedAt.plusSeconds(1));
  }

  protected static EnvironmentStatus waking() {
    return new EnvironmentStatus(
        EnvironmentStatus.FORMAT_VERSION,
        Phase.WAKING,
        Optional.of(State.AWAKE),
        1,
        Map.of(
            "a", new ServiceReadiness(0, true, 1, 1, 1, 0, Optional.of(T0)),
            "b", new ServiceReadiness(1, false, 3, 3, 1, 2, Optional.of(T0.plusSeconds(30)))),
        List.of(
            new Condition(
                "Ready",
                ConditionStatus.FALSE,
                "Waking",
                "waking tier 1 of 2",
                T0.plusSeconds(30))),
        Map.of("a", 1, "b", 3),
        2,
        Optional.of(T0));
  }
}
