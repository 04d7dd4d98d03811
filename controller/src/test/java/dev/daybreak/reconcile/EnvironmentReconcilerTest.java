package dev.daybreak.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.ecs.EcsClients;
import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.ecs.ElbClients;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecs.SdkEcsGateway;
import dev.daybreak.ecssim.CallRecord;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.manifests.Manifest;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.ConditionStatus;
import dev.daybreak.model.Conditions;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.Phase;
import dev.daybreak.model.Requeue;
import dev.daybreak.model.State;
import dev.daybreak.model.Transition;
import dev.daybreak.model.TransitionKind;
import dev.daybreak.queue.Result;
import dev.daybreak.slack.Announcement;
import dev.daybreak.slack.Notifier;
import dev.daybreak.store.AuditEntry;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.StoredStatus;
import dev.daybreak.store.Via;
import dev.daybreak.time.VirtualClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The reconcile pass against the real pieces it is made of: the ECS simulator over HTTP through the
 * SDK gateway, and the in-memory store with DynamoDB's conditional writes; time is virtual and
 * passes are driven one by one, as the work queue would.
 */
class EnvironmentReconcilerTest {

  private static final Instant T0 = Instant.parse("2026-11-30T07:00:00Z");
  private static final String SEED =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata: {name: seed}
      spec:
        cluster: dev
        services:
          - {name: a, replicas: 1}
          - {name: b, replicas: 3, dependsOn: [a]}
          - {name: c, replicas: 1, dependsOn: [b]}
          - {name: d, replicas: 7, dependsOn: [b]}
          - {name: e, replicas: 1, dependsOn: [b]}
      """;

  private final VirtualClock clock = VirtualClock.startingAt(T0);
  private final List<Announcement> announced = new CopyOnWriteArrayList<>();
  private InMemoryStateStore store;
  private EcsSimulator sim;
  private EcsSimServer server;
  private SdkEcsGateway ecs;
  private EnvironmentReconciler reconciler;

  @BeforeEach
  void start() throws IOException {
    SimSettings settings =
        SimSettings.builder()
            .seed(7)
            .startLatency(Latency.fixed(Duration.ofSeconds(20)))
            .require("b", "a")
            .require("c", "b")
            .require("d", "b")
            .require("e", "b")
            .build();
    sim = new EcsSimulator(settings, clock);
    sim.provision("dev", List.of("a", "b", "c", "d", "e"));
    server = EcsSimServer.start(sim, 0);
    ecs =
        new SdkEcsGateway(
            EcsClients.create(EcsEndpoint.simulator(server.endpoint()), EcsClients.APP_ID),
            ElbClients.create(EcsEndpoint.simulator(server.endpoint()), EcsClients.APP_ID),
            GatewaySettings.defaults(),
            clock,
            d -> clock.advance(d));
    store = new InMemoryStateStore(clock);
    Manifest manifest = Manifests.parse("seed.yaml", SEED).get(0);
    store.applySpec(manifest);
    Notifier notifier = announced::add;
    reconciler = EnvironmentReconciler.builder(store, ecs, notifier, clock).build();
  }

  @AfterEach
  void stop() {
    ecs.close();
    server.close();
  }

  @Test
  void reconcile_wake_scalesOneTierPerPassAndOnlyAfterTheTierBelowRuns() {
    desire(State.AWAKE);

    runUntil(Phase.AWAKE);

    List<CallRecord> updates = updates();
    assertThat(updates)
        .extracting(c -> c.services().get(0))
        .containsExactly("a", "b", "c", "d", "e");
    Instant aRunning = updates.get(0).at().plusSeconds(20);
    Instant bRunning = updates.get(1).at().plusSeconds(20);
    assertThat(updates.get(1).at()).isAfterOrEqualTo(aRunning);
    assertThat(updates.subList(2, 5)).allMatch(c -> !c.at().isBefore(bRunning));
    assertThat(sim.services()).allMatch(s -> s.failedTasks() == 0);
  }

  @Test
  void reconcile_sleep_scalesDependentsFirst() {
    desire(State.AWAKE);
    runUntil(Phase.AWAKE);
    sim.clearCalls();

    desire(State.ASLEEP);
    runUntil(Phase.ASLEEP);

    assertThat(updates())
        .extracting(c -> c.services().get(0))
        .containsExactly("c", "d", "e", "b", "a");
  }

  @Test
  void reconcile_convergedEnvironment_makesNoUpdateAndWritesNoStatus() {
    desire(State.AWAKE);
    runUntil(Phase.AWAKE);
    sim.clearCalls();
    long version = store.status("seed").orElseThrow().version();

    pass();
    pass();

    assertThat(updates()).isEmpty();
    assertThat(store.status("seed").orElseThrow().version()).isEqualTo(version);
  }

  @Test
  void reconcile_handEditedDesiredItem_isActedOnAndAuditedAsDynamoDb() {
    desire(State.ASLEEP);
    pass();
    store.updateDesiredByHand("seed", Map.of("state", AttributeValue.fromS("AWAKE")), Set.of());

    runUntil(Phase.AWAKE);

    List<AuditEntry> audit = store.audit("seed", 10);
    assertThat(audit.get(0).via()).isEqualTo(Via.DYNAMODB);
    assertThat(audit.get(0).to()).isEqualTo(State.AWAKE);
  }

  @Test
  void reconcile_malformedDesiredItem_actsOnNothing_andSaysSoInTheStatusAndOneAnnouncement() {
    desire(State.ASLEEP);
    pass();
    store.updateDesiredByHand("seed", Map.of("state", AttributeValue.fromS("AWAKEN")), Set.of());
    sim.clearCalls();
    announced.clear();

    Result result = pass();

    assertThat(result).isEqualTo(Result.requeueAfter(Requeue.DRIFT_CHECK));
    assertThat(sim.calls()).isEmpty();
    EnvironmentStatus status = store.status("seed").orElseThrow().status();
    assertThat(status.phase()).isEqualTo(Phase.ASLEEP);
    assertThat(status.condition(Conditions.DESIRED_STATE_INVALID))
        .hasValueSatisfying(
            c -> {
              assertThat(c.status()).isEqualTo(ConditionStatus.TRUE);
              assertThat(c.reason()).isEqualTo("InvalidState");
              assertThat(c.message())
                  .contains("attribute 'state' is 'AWAKEN'; expected AWAKE or ASLEEP")
                  .contains("`daybreak wake seed`");
            });
    assertThat(announced)
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.transitions())
                    .extracting(Transition::kind)
                    .containsExactly(TransitionKind.DESIRED_STATE_INVALID));
    long version = store.status("seed").orElseThrow().version();

    clock.advance(Duration.ofMinutes(1));
    pass();
    pass();

    assertThat(store.status("seed").orElseThrow().version())
        .as("the same problem again writes nothing")
        .isEqualTo(version);
    assertThat(announced).as("and announces nothing").hasSize(1);
    assertThat(sim.calls()).isEmpty();
  }

  @Test
  void reconcile_malformedDesiredItemFixed_clearsTheConditionAndActs() {
    desire(State.ASLEEP);
    pass();
    store.updateDesiredByHand("seed", Map.of("state", AttributeValue.fromS("AWAKEN")), Set.of());
    pass();

    store.updateDesiredByHand("seed", Map.of("state", AttributeValue.fromS("awake ")), Set.of());
    runUntil(Phase.AWAKE);

    assertThat(
            store.status("seed").orElseThrow().status().condition(Conditions.DESIRED_STATE_INVALID))
        .isEmpty();
    assertThat(updates()).extracting(c -> c.services().get(0)).contains("a", "b", "c", "d", "e");
  }

  @Test
  void reconcile_stateOnlyItemOnANewEnvironment_wakesIt_recordingWhenItWasFirstSeen() {
    Instant seen = clock.instant();
    store.updateDesiredByHand("seed", Map.of("state", AttributeValue.fromS("AWAKE")), Set.of());

    runUntil(Phase.AWAKE);

    DesiredRead.Valid read = (DesiredRead.Valid) store.desired("seed");
    assertThat(read.handEdited()).isFalse();
    assertThat(read.stored().desired().requestedAt()).isEqualTo(seen);
    assertThat(read.stored().desired().requestedBy()).isEqualTo("dynamodb (hand edit)");
    assertThat(store.audit("seed", 10))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.via()).isEqualTo(Via.DYNAMODB);
              assertThat(e.at()).isEqualTo(seen);
              assertThat(e.defaulted()).containsExactly("requestedBy", "reason", "requestedAt");
            });
  }

  @Test
  void reconcile_statusChangedUnderThePass_actsOnNothingAndRetriesAtOnce() {
    desire(State.AWAKE);
    EnvironmentReconciler racing =
        EnvironmentReconciler.builder(new RacingStore(store), ecs, announced::add, clock).build();

    Result result = racing.reconcile("seed");

    assertThat(result.requeueAfter()).contains(Duration.ZERO);
    assertThat(updates()).isEmpty();
    assertThat(announced).isEmpty();
  }

  private void desire(State state) {
    long version =
        store.desired("seed") instanceof dev.daybreak.store.DesiredRead.Valid v
            ? v.stored().version()
            : 0;
    store.writeDesired(
        "seed", DesiredState.of(state, "test", "test", clock.instant()), version, Via.CLI);
  }

  private Result pass() {
    return reconciler.reconcile("seed");
  }

  /** Passes as the queue would run them, advancing virtual time by each requeue. */
  private void runUntil(Phase phase) {
    for (int i = 0; i < 200; i++) {
      Result result = pass();
      if (store.status("seed").map(StoredStatus::status).map(EnvironmentStatus::phase).orElse(null)
          == phase) {
        return;
      }
      clock.advance(result.requeueAfter().orElse(Duration.ofSeconds(5)));
    }
    throw new AssertionError("never reached " + phase + "; status " + store.status("seed"));
  }

  private List<CallRecord> updates() {
    return new ArrayList<>(
        sim.calls().stream().filter(c -> c.op().equals("UpdateService")).toList());
  }

  /** A store in which someone else writes the status between this pass's read and its write. */
  private static final class RacingStore extends ForwardingStateStore {
    RacingStore(InMemoryStateStore delegate) {
      super(delegate);
    }

    @Override
    public StoredStatus writeStatus(String env, EnvironmentStatus status, long expectedVersion) {
      StoredStatus other =
          delegate().writeStatus(env, EnvironmentStatus.initial(), expectedVersion);
      if (other.version() == expectedVersion) {
        throw new AssertionError("the racing write should have bumped the version");
      }
      return delegate().writeStatus(env, status, expectedVersion);
    }
  }
}
