package dev.daybreak.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.daybreak.aws.AwsAccessException;
import dev.daybreak.ecs.EcsClients;
import dev.daybreak.ecssim.CallRecord;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.Faults;
import dev.daybreak.ecssim.HealthSettings;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.ManifestHealthChecks;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.SimWorlds;
import dev.daybreak.ecssim.Suspension;
import dev.daybreak.ecssim.TaskView;
import dev.daybreak.it.Dynalite;
import dev.daybreak.it.DynaliteExtension;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.Condition;
import dev.daybreak.model.Conditions;
import dev.daybreak.model.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 21's "done when", end to end: one controller (production backends, in this JVM) and the
 * simulator serving three worlds on one port, home account 111111111111 in us-east-1 and account
 * 222222222222 in us-east-1 and eu-west-1, with an STS stand-in that lets the home account assume
 * the team's role (external id required); the team's ap-northeast-1 answers every call with a
 * server error. Tasks start in a few hundred ms of real time, and each tier crashes without the one
 * below.
 */
@ExtendWith(DynaliteExtension.class)
class MultiAccountIT {

  private static final String HOME = "111111111111";
  private static final String TEAM = "222222222222";
  private static final String NOBODY = "333333333333";
  private static final String US = "us-east-1";
  private static final String EU = "eu-west-1";
  private static final String AP = "ap-northeast-1";
  private static final String TEAM_ROLE = "arn:aws:iam::" + TEAM + ":role/daybreak-target";
  private static final String BROKEN_ROLE = "arn:aws:iam::" + NOBODY + ":role/daybreak-target";
  private static final String EXTERNAL_ID = "shop-7f3a";
  private static final List<String> TIERS = List.of("db", "api", "web");
  private static final Duration RESYNC = Duration.ofSeconds(1);

  private final List<Stack> stacks = new ArrayList<>();

  @AfterEach
  void stop() {
    stacks.forEach(Stack::close);
  }

  private Stack stack(Dynalite dynalite) {
    Stack stack =
        Stack.start(
            dynalite,
            SimSettings.builder()
                .accountId(HOME)
                .region(US)
                .seed(21)
                .startLatency(Latency.parse("200ms..400ms"))
                .stopLatency(Latency.parse("100ms..200ms"))
                .require("api", "db")
                .require("web", "api")
                .crashGrace(Duration.ofMillis(500))
                .relaunchDelay(Duration.ofMillis(500))
                .startFailureBackoff(Duration.ofMillis(500), Duration.ofSeconds(1))
                .health(
                    new HealthSettings(
                        Duration.ofMillis(300),
                        2,
                        2,
                        Duration.ofMillis(100),
                        Duration.ofMillis(300),
                        2))
                .build());
    stacks.add(stack);
    stack.worlds.addRole(new SimWorlds.Role(TEAM_ROLE, HOME, Optional.of(EXTERNAL_ID)));
    return stack;
  }

  /**
   * A three-tier environment (db, api on db, web on api, ready when healthy) on {@code cluster},
   * with {@code aws}; its scalable targets managed (the default).
   */
  private static String manifest(String name, String cluster, String aws) {
    return """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata: {name: %s}
        spec:
          cluster: %s
        %s
          services:
            - {name: db}
            - {name: api, dependsOn: [db]}
            - {name: web, dependsOn: [api], readiness: healthy}
        """
        .formatted(name, cluster, aws.isEmpty() ? "" : "  aws: " + aws);
  }

  /**
   * Applies {@code yaml} and provisions its services in {@code world}: {@code healthy} services
   * behind a target group, or with a container health check when named in {@code containerChecks}.
   */
  private static void apply(
      Stack stack, EcsSimulator world, String yaml, Set<String> containerChecks) {
    Manifests.parse("multi-account.yaml", yaml)
        .forEach(
            m -> {
              stack.store.applySpec(m);
              world.provision(
                  m.spec().cluster(),
                  m.spec().services().stream().map(s -> s.ecsService()).toList());
              ManifestHealthChecks.provision(world, m.spec(), containerChecks);
            });
  }

  private static void apply(Stack stack, EcsSimulator world, String yaml) {
    apply(stack, world, yaml, Set.of());
  }

  private static void awaitPhase(Stack stack, String env, Phase phase) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(() -> assertThat(stack.phase(env)).as(env).contains(phase));
  }

  @Test
  void oneController_wakesAndSleepsThreeEnvironmentsInTwoAccountsAndTwoRegions_inOrder(
      Dynalite dynalite) {
    Stack stack = stack(dynalite);
    EcsSimulator home = stack.sim;
    EcsSimulator teamUs = stack.worlds.world(TEAM, US);
    EcsSimulator teamEu = stack.worlds.world(TEAM, EU);
    String teamUsCluster = "arn:aws:ecs:" + US + ":" + TEAM + ":cluster/shop";
    apply(stack, home, manifest("home-dev", "home", ""));
    apply(
        stack,
        teamUs,
        manifest(
            "shop-us",
            teamUsCluster,
            "{roleArn: \"%s\", externalId: %s}".formatted(TEAM_ROLE, EXTERNAL_ID)));
    apply(
        stack,
        teamEu,
        manifest(
            "shop-eu",
            "shop",
            "{region: %s, roleArn: \"%s\", externalId: %s}".formatted(EU, TEAM_ROLE, EXTERNAL_ID)),
        Set.of("web"));
    teamUs.autoScaling().declare("shop", "api", 0, 2, Suspension.NONE);
    apply(
        stack,
        stack.worlds.world(NOBODY, US),
        manifest(
            "broken",
            "arn:aws:ecs:" + US + ":" + NOBODY + ":cluster/legacy",
            "{roleArn: \"%s\"}".formatted(BROKEN_ROLE)));
    EcsSimulator down = stack.worlds.world(TEAM, AP);
    apply(
        stack,
        down,
        manifest(
            "shop-ap",
            "shop",
            "{region: %s, roleArn: \"%s\", externalId: %s}".formatted(AP, TEAM_ROLE, EXTERNAL_ID)));
    down.setFaults(new Faults(Map.of(Faults.ALL, 1.0), Map.of(), Set.of(), Optional.empty()));
    stack.startController(RESYNC);

    for (String env : List.of("home-dev", "shop-us", "shop-eu", "broken", "shop-ap")) {
      stack.rawFlip(env, "AWAKE");
    }

    awaitPhase(stack, "home-dev", Phase.AWAKE);
    awaitPhase(stack, "shop-us", Phase.AWAKE);
    awaitPhase(stack, "shop-eu", Phase.AWAKE);
    awaitPhase(stack, "broken", Phase.DEGRADED);
    awaitPhase(stack, "shop-ap", Phase.DEGRADED);
    assertWokeInOrder(home, "home");
    assertWokeInOrder(teamUs, "shop");
    assertWokeInOrder(teamEu, "shop");
    Condition degraded =
        stack.store.status("broken").orElseThrow().status().condition(Conditions.DEGRADED).get();
    assertThat(degraded.reason()).isEqualTo(AwsAccessException.ASSUME_ROLE_FAILED);
    assertThat(degraded.message())
        .contains("sts:AssumeRole of " + BROKEN_ROLE, "AccessDenied", "trust policy");
    assertThat(stack.worlds.world(NOBODY, US).calls())
        .as("nothing reached the broken account")
        .isEmpty();
    Condition unanswered =
        stack.store.status("shop-ap").orElseThrow().status().condition(Conditions.DEGRADED).get();
    assertThat(unanswered.reason()).isEqualTo(AwsAccessException.UNREACHABLE);
    assertThat(unanswered.message()).contains("region " + AP, "ServerException");

    for (String env : List.of("home-dev", "shop-us", "shop-eu")) {
      stack.rawFlip(env, "ASLEEP");
    }

    awaitPhase(stack, "home-dev", Phase.ASLEEP);
    awaitPhase(stack, "shop-us", Phase.ASLEEP);
    awaitPhase(stack, "shop-eu", Phase.ASLEEP);
    assertSleptInReverseOrder(home, "home");
    assertSleptInReverseOrder(teamUs, "shop");
    assertSleptInReverseOrder(teamEu, "shop");
    assertThat(stack.phase("broken")).contains(Phase.DEGRADED);
    assertEachCallWasMadeAsItsAccountInItsRegion(stack, teamUsCluster);
    assertThat(teamUs.calls())
        .extracting(CallRecord::op)
        .as("through the team's role: scalable targets saved and restored, target health read")
        .contains("DescribeScalableTargets", "RegisterScalableTarget", "DescribeTargetHealth");
    assertThat(teamEu.calls())
        .extracting(CallRecord::op)
        .as("through the team's role: container health read")
        .contains("ListTasks", "DescribeTasks");
  }

  /**
   * Every ECS call that named a cluster went to that cluster's account and region, signed as that
   * account: the home cluster with the controller's own key, the team's clusters with the temporary
   * keys STS issued for the team's role (one session per region, named after the environment, with
   * the external id); and each world's call log holds only its own cluster.
   */
  private static void assertEachCallWasMadeAsItsAccountInItsRegion(
      Stack stack, String teamUsCluster) {
    List<SimWorlds.Session> sessions = stack.worlds.sessions();
    assertThat(sessions)
        .extracting(SimWorlds.Session::sessionName)
        .as("one session per (role, region), named after the environment that needed it")
        .containsExactlyInAnyOrder("daybreak-shop-us", "daybreak-shop-eu", "daybreak-shop-ap");
    assertThat(sessions)
        .allSatisfy(
            s -> {
              assertThat(s.role().arn()).isEqualTo(TEAM_ROLE);
              assertThat(s.externalId()).contains(EXTERNAL_ID);
            });
    List<String> teamKeys = sessions.stream().map(SimWorlds.Session::accessKeyId).toList();
    List<SimWorlds.Routed> ecsCalls =
        stack.worlds.routed().stream()
            .filter(r -> r.service().equals("ecs") && r.cluster().isPresent())
            .toList();
    assertThat(ecsCalls).isNotEmpty();
    for (SimWorlds.Routed call : ecsCalls) {
      String cluster = call.cluster().get();
      if (cluster.equals("home")) {
        assertThat(call)
            .returns(HOME, SimWorlds.Routed::account)
            .returns(US, SimWorlds.Routed::region);
        assertThat(call.accessKeyId()).isEqualTo("daybreak-simulator");
      } else if (cluster.equals(teamUsCluster)) {
        assertThat(call)
            .returns(TEAM, SimWorlds.Routed::account)
            .returns(US, SimWorlds.Routed::region);
        assertThat(call.accessKeyId()).isIn(teamKeys);
      } else {
        assertThat(cluster).isEqualTo("shop");
        assertThat(call.account()).isEqualTo(TEAM);
        assertThat(call.region()).isIn(EU, AP);
        assertThat(call.accessKeyId()).isIn(teamKeys);
      }
    }
    assertThat(stack.worlds.routed())
        .filteredOn(r -> r.service().equals("sts"))
        .extracting(SimWorlds.Routed::accessKeyId)
        .as("roles are assumed with the controller's own key")
        .containsOnly("daybreak-simulator");
    assertThat(clustersCalled(stack.sim)).containsOnly("home");
    assertThat(clustersCalled(stack.worlds.world(TEAM, US))).containsOnly("shop");
    assertThat(clustersCalled(stack.worlds.world(TEAM, EU))).containsOnly("shop");
  }

  private static List<String> clustersCalled(EcsSimulator world) {
    return world.calls().stream()
        .filter(c -> c.caller().equals(EcsClients.APP_ID))
        .flatMap(c -> c.cluster().stream())
        .distinct()
        .toList();
  }

  private static List<CallRecord> updates(EcsSimulator world, String cluster) {
    return world.calls().stream()
        .filter(c -> c.op().equals("UpdateService"))
        .filter(c -> c.caller().equals(EcsClients.APP_ID))
        .filter(c -> c.cluster().equals(Optional.of(cluster)))
        .toList();
  }

  /**
   * Each tier was scaled up once, when the tier below already ran its task ({@code cluster} by
   * name, as the call log records it).
   */
  private static void assertWokeInOrder(EcsSimulator world, String cluster) {
    List<CallRecord> ups =
        updates(world, cluster).stream().filter(c -> c.desiredCount().getAsInt() > 0).toList();
    assertThat(ups).extracting(c -> c.services().get(0)).containsExactlyElementsOf(TIERS);
    for (int tier = 1; tier < TIERS.size(); tier++) {
      CallRecord up = ups.get(tier);
      assertThat(runningAt(world, cluster, TIERS.get(tier - 1), up.at()))
          .as(
              "%s running when %s was scaled up in %s",
              TIERS.get(tier - 1), TIERS.get(tier), cluster)
          .isGreaterThanOrEqualTo(1);
    }
  }

  /** Each tier was scaled down once, when the tier above had no running task. */
  private static void assertSleptInReverseOrder(EcsSimulator world, String cluster) {
    List<CallRecord> downs =
        updates(world, cluster).stream().filter(c -> c.desiredCount().getAsInt() == 0).toList();
    assertThat(downs).extracting(c -> c.services().get(0)).containsExactly("web", "api", "db");
    for (CallRecord down : downs) {
      int tier = TIERS.indexOf(down.services().get(0));
      if (tier + 1 < TIERS.size()) {
        assertThat(runningAt(world, cluster, TIERS.get(tier + 1), down.at()))
            .as("%s running when %s was scaled down", TIERS.get(tier + 1), TIERS.get(tier))
            .isZero();
      }
    }
  }

  private static int runningAt(EcsSimulator world, String cluster, String service, Instant at) {
    List<String> arns = new ArrayList<>();
    for (String status : List.of("RUNNING", "STOPPED")) {
      arns.addAll(
          world
              .listTasks(
                  Stack.INSPECTOR,
                  Optional.of(cluster),
                  Optional.of(service),
                  Optional.of(status),
                  OptionalInt.of(100),
                  Optional.empty())
              .arns());
    }
    if (arns.isEmpty()) {
      return 0;
    }
    List<TaskView> tasks =
        world.describeTasks(Stack.INSPECTOR, Optional.of(cluster), arns, false).items();
    return (int)
        tasks.stream()
            .filter(t -> t.startedAt().isPresent() && !t.startedAt().get().isAfter(at))
            .filter(t -> t.stoppingAt().map(s -> s.isAfter(at)).orElse(true))
            .count();
  }

  /**
   * ECS's quotas are per account and region, and so are the controller's buckets: while a burst of
   * 90 UpdateService calls in the home account is paced (45 at once, then 4.5 a second, for about
   * ten seconds), an environment woken in the team's account is scaled at once, long before the
   * home account's last call; all measured from the two worlds' call logs.
   */
  @Test
  void burstInOneAccount_doesNotSlowAnother(Dynalite dynalite) {
    Stack stack = stack(dynalite);
    EcsSimulator teamEu = stack.worlds.world(TEAM, EU);
    List<String> many = IntStream.range(0, 90).mapToObj(i -> "svc-" + i).toList();
    String burst =
        """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata: {name: burst}
        spec:
          cluster: big
          autoscaling: ignore
          services:
        """
            + many.stream().map(s -> "    - {name: " + s + "}\n").collect(Collectors.joining());
    apply(stack, stack.sim, burst);
    apply(
        stack,
        teamEu,
        manifest(
            "shop-eu",
            "shop",
            "{region: %s, roleArn: \"%s\", externalId: %s}".formatted(EU, TEAM_ROLE, EXTERNAL_ID)));
    stack.startController(RESYNC);

    stack.rawFlip("burst", "AWAKE");
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> updates(stack.sim, "big").size() >= 45);
    Instant teamWokenAt = stack.rawFlip("shop-eu", "AWAKE");

    awaitPhase(stack, "burst", Phase.AWAKE);
    awaitPhase(stack, "shop-eu", Phase.AWAKE);
    List<CallRecord> homeUpdates = updates(stack.sim, "big");
    assertThat(homeUpdates).hasSize(many.size());
    Instant homeFirst = homeUpdates.get(0).at();
    Instant homeLast =
        homeUpdates.stream().map(CallRecord::at).max(Comparator.naturalOrder()).orElseThrow();
    assertThat(Duration.between(homeFirst, homeLast))
        .as("the home account's burst was paced by its bucket")
        .isGreaterThan(Duration.ofSeconds(6));
    CallRecord teamFirst = updates(teamEu, "shop").get(0);
    assertThat(teamFirst.at())
        .as("the team's first UpdateService, after its wake at %s", teamWokenAt)
        .isAfter(teamWokenAt.minusMillis(1))
        .isBefore(homeLast);
    assertThat(homeUpdates.stream().filter(c -> c.at().isAfter(teamFirst.at())).count())
        .as("home UpdateServices still queued when the team's went")
        .isGreaterThan(10);
    assertThat(stack.sim.calls())
        .extracting(CallRecord::outcome)
        .as("no call throttled by ECS")
        .doesNotContain("ThrottlingException");
  }
}
