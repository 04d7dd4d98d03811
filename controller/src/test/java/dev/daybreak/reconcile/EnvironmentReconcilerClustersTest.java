package dev.daybreak.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecssim.CallRecord;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.manifests.Calendars;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.metrics.ReconcileMetrics;
import dev.daybreak.model.Condition;
import dev.daybreak.model.ConditionStatus;
import dev.daybreak.model.Conditions;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.Phase;
import dev.daybreak.model.Requeue;
import dev.daybreak.model.State;
import dev.daybreak.model.TransitionKind;
import dev.daybreak.queue.Result;
import dev.daybreak.sandbox.SimEcsGateway;
import dev.daybreak.slack.Announcement;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.Via;
import dev.daybreak.time.ManualClock;
import dev.daybreak.time.Sleeper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A controller deployed for some clusters (deploy/'s {@code DAYBREAK_CLUSTERS}) leaves environments
 * on other clusters alone, and says so in their status.
 */
class EnvironmentReconcilerClustersTest {

  private static final String ON_PROD =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata: {name: shop}
      spec:
        cluster: prod
        services:
          - {name: a, replicas: 1}
      """;

  private static final String ON_PROD_WITH_MENTIONS =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata: {name: shop}
      spec:
        cluster: prod
        notify:
          slack: {channel: "#shop"}
          mentionOnDegraded: [S0SHOPONCALL]
        services:
          - {name: a, replicas: 1}
      """;

  private static final String ON_DEV =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata: {name: seed}
      spec:
        cluster: dev
        services:
          - {name: a, replicas: 1}
      """;

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T09:00:00Z"));
  private final InMemoryStateStore store = new InMemoryStateStore(clock);
  private final EcsSimulator sim = new EcsSimulator(SimSettings.builder().build(), clock);
  private final SimEcsGateway ecs =
      new SimEcsGateway(sim, GatewaySettings.defaults(), Sleeper.system());
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @BeforeEach
  void bothRequestedAwake() {
    sim.provision("prod", List.of("a"));
    sim.provision("dev", List.of("a"));
    for (String manifest : List.of(ON_PROD, ON_DEV)) {
      String name = store.applySpec(Manifests.parse("env.yaml", manifest).get(0)).spec().name();
      store.writeDesired(
          name, DesiredState.of(State.AWAKE, "alice", "morning", clock.instant()), 0, Via.CLI);
    }
  }

  /** Every announcement the reconciler hands over, in order (what a Slack notifier would get). */
  private final List<Announcement> announced = new CopyOnWriteArrayList<>();

  private EnvironmentReconciler reconciler(ClusterAllowlist clusters) {
    ControllerSettings settings =
        new ControllerSettings(Duration.ofSeconds(5), 1, Optional.empty(), Calendars.builtIn())
            .withClusters(clusters);
    return EnvironmentReconciler.builder(store, ecs, announced::add, clock)
        .settings(settings)
        .metrics(new ReconcileMetrics(meters))
        .build();
  }

  @Test
  void reconcile_clusterNotInTheList_scalesNothingAndTurnsDegradedNamingTheAllowedClusters() {
    EnvironmentReconciler reconciler = reconciler(ClusterAllowlist.of(List.of("dev", "staging")));

    Result result = reconciler.reconcile("shop");

    assertThat(result).isEqualTo(Result.requeueAfter(Requeue.DRIFT_CHECK));
    assertThat(sim.calls()).isEmpty();
    EnvironmentStatus status = store.status("shop").orElseThrow().status();
    assertThat(status.phase()).isEqualTo(Phase.DEGRADED);
    Condition degraded = status.condition(Conditions.DEGRADED).orElseThrow();
    assertThat(degraded.status()).isEqualTo(ConditionStatus.TRUE);
    assertThat(degraded.reason()).isEqualTo(ClusterAllowlist.REASON_CLUSTER_NOT_ALLOWED);
    assertThat(degraded.message())
        .contains("'prod'", "allowed: dev,staging", "-c clusters=dev,staging,prod");
    assertThat(status.condition(Conditions.READY).orElseThrow().status())
        .isEqualTo(ConditionStatus.FALSE);
    assertThat(meters.get(ReconcileMetrics.ENVIRONMENTS).tag("phase", "Degraded").gauge().value())
        .isEqualTo(1);
  }

  @Test
  void reconcile_clusterNotInTheListTwice_writesTheStatusOnceAndKeepsItsTransitionTime() {
    EnvironmentReconciler reconciler = reconciler(ClusterAllowlist.of(List.of("dev")));
    reconciler.reconcile("shop");
    long version = store.status("shop").orElseThrow().version();
    Instant first =
        store
            .status("shop")
            .orElseThrow()
            .status()
            .condition(Conditions.DEGRADED)
            .orElseThrow()
            .lastTransitionTime();

    clock.advance(Duration.ofMinutes(1));
    reconciler.reconcile("shop");

    assertThat(store.status("shop").orElseThrow().version()).isEqualTo(version);
    assertThat(
            store
                .status("shop")
                .orElseThrow()
                .status()
                .condition(Conditions.DEGRADED)
                .orElseThrow()
                .lastTransitionTime())
        .isEqualTo(first);
  }

  @Test
  void reconcile_clusterInTheList_scalesAsUsual() {
    reconciler(ClusterAllowlist.of(List.of("dev"))).reconcile("seed");

    assertThat(sim.calls()).extracting(CallRecord::op).contains("UpdateService");
    assertThat(store.status("seed").orElseThrow().status().phase()).isEqualTo(Phase.WAKING);
  }

  @Test
  void reconcile_clusterAddedToTheList_recoversFromClusterNotAllowed() {
    reconciler(ClusterAllowlist.of(List.of("dev"))).reconcile("shop");

    reconciler(ClusterAllowlist.of(List.of("dev", "prod"))).reconcile("shop");

    EnvironmentStatus status = store.status("shop").orElseThrow().status();
    assertThat(status.phase()).isEqualTo(Phase.WAKING);
    assertThat(status.condition(Conditions.DEGRADED).orElseThrow().status())
        .isEqualTo(ConditionStatus.FALSE);
  }

  @Test
  void reconcile_noList_actsOnEveryCluster() {
    reconciler(ClusterAllowlist.any()).reconcile("shop");

    assertThat(store.status("shop").orElseThrow().status().phase()).isEqualTo(Phase.WAKING);
  }

  private static final String HOME_REGION = "us-east-1";
  private static final String HOME_ACCOUNT = "000000000000";

  private String applied(String name, String cluster) {
    String manifest =
        "apiVersion: daybreak.dev/v1\nkind: Environment\nmetadata: {name: "
            + name
            + "}\nspec:\n  cluster: "
            + cluster
            + "\n  services:\n    - {name: a, replicas: 1}\n";
    store.applySpec(Manifests.parse("env.yaml", manifest).get(0));
    store.writeDesired(
        name, DesiredState.of(State.AWAKE, "alice", "morning", clock.instant()), 0, Via.CLI);
    return name;
  }

  @Test
  void reconcile_clusterArnOfTheListedName_isTheSameClusterAndScales() {
    String env =
        applied("arned", "arn:aws:ecs:" + HOME_REGION + ":" + HOME_ACCOUNT + ":cluster/dev");

    reconciler(
            ClusterAllowlist.of(List.of("dev"))
                .in(Optional.of(HOME_REGION), Optional.of(HOME_ACCOUNT)))
        .reconcile(env);

    assertThat(sim.calls()).extracting(CallRecord::op).contains("UpdateService");
    assertThat(store.status(env).orElseThrow().status().phase()).isEqualTo(Phase.WAKING);
  }

  @Test
  void reconcile_clusterInAnotherAccountWithoutRole_turnsDegradedOnceSayingWhyEvenWithoutAList() {
    String env = applied("abroad", "arn:aws:ecs:eu-west-1:999999999999:cluster/dev");
    EnvironmentReconciler reconciler =
        reconciler(ClusterAllowlist.any().in(Optional.of(HOME_REGION), Optional.of(HOME_ACCOUNT)));

    reconciler.reconcile(env);
    long version = store.status(env).orElseThrow().version();
    clock.advance(Duration.ofMinutes(1));
    reconciler.reconcile(env);

    assertThat(sim.calls()).isEmpty();
    EnvironmentStatus status = store.status(env).orElseThrow().status();
    assertThat(status.phase()).isEqualTo(Phase.DEGRADED);
    Condition degraded = status.condition(Conditions.DEGRADED).orElseThrow();
    assertThat(degraded.reason()).isEqualTo(ClusterAllowlist.REASON_CLUSTER_NOT_ALLOWED);
    assertThat(degraded.message())
        .contains("account 999999999999", "account " + HOME_ACCOUNT, "spec.aws.roleArn");
    assertThat(store.status(env).orElseThrow().version()).isEqualTo(version);
  }

  @Test
  void allows_namesAndArnsCompareByRegionAccountAndName() {
    ClusterAllowlist list =
        ClusterAllowlist.of(
                List.of("dev", "arn:aws:ecs:" + HOME_REGION + ":" + HOME_ACCOUNT + ":cluster/qa"))
            .in(Optional.of(HOME_REGION), Optional.of(HOME_ACCOUNT));

    assertThat(list.allows("dev")).isTrue();
    assertThat(list.allows("qa")).isTrue();
    assertThat(list.allows("arn:aws:ecs:us-east-1:000000000000:cluster/dev")).isTrue();
    assertThat(list.allows("arn:aws:ecs:us-east-1:111111111111:cluster/dev")).isFalse();
    assertThat(list.allows("arn:aws:ecs:eu-west-1:000000000000:cluster/qa")).isFalse();
    assertThat(list.allows("prod")).isFalse();
    assertThat(list.refusal("arn:aws:ecs:us-east-1:000000000000:cluster/prod"))
        .as("the fix it suggests is one deploy/ accepts: a plain name")
        .contains("-c clusters=arn:aws:ecs:us-east-1:000000000000:cluster/qa,dev,prod");
    assertThatThrownBy(() -> ClusterAllowlist.of(List.of("arn:aws:s3:::bucket")))
        .hasMessageContaining("cluster ARN");
  }

  @Test
  void reconcile_clusterNotAllowed_announcesTheDegradedOnceWithTheManifestsMentions() {
    store.applySpec(Manifests.parse("shop.yaml", ON_PROD_WITH_MENTIONS).get(0));
    EnvironmentReconciler reconciler = reconciler(ClusterAllowlist.of(List.of("dev")));

    reconciler.reconcile("shop");
    clock.advance(Duration.ofMinutes(1));
    reconciler.reconcile("shop");

    List<Announcement> withNews =
        announced.stream().filter(a -> !a.transitions().isEmpty()).toList();
    assertThat(withNews).hasSize(1);
    Announcement degraded = withNews.get(0);
    assertThat(degraded.environment()).isEqualTo("shop");
    assertThat(degraded.status().phase()).isEqualTo(Phase.DEGRADED);
    assertThat(degraded.transitions())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.kind()).isEqualTo(TransitionKind.DEGRADED);
              assertThat(t.message()).contains("'prod'", "allowed: dev");
            });
    assertThat(degraded.notifications().mentionOnDegraded()).containsExactly("S0SHOPONCALL");
  }

  @Test
  void parse_blankIsAnyAndABadNameNamesWhereItCameFrom() {
    assertThat(ClusterAllowlist.parse(Optional.of(" "), "DAYBREAK_CLUSTERS").allows("x")).isTrue();
    assertThat(ClusterAllowlist.parse(Optional.of("dev, staging,"), "DAYBREAK_CLUSTERS").clusters())
        .hasValueSatisfying(c -> assertThat(c).containsExactly("dev", "staging"));
    assertThatThrownBy(() -> ClusterAllowlist.parse(Optional.of("dev,no/pe"), "DAYBREAK_CLUSTERS"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DAYBREAK_CLUSTERS=dev,no/pe")
        .hasMessageContaining("'no/pe'");
  }
}
