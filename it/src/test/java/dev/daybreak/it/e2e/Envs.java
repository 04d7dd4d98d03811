package dev.daybreak.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.ecssim.CallRecord;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.DependencyGraph;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.Replicas;
import dev.daybreak.model.ServiceSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Manifests of the test environments, and the ordering checks every scenario makes. */
final class Envs {

  private Envs() {}

  /**
   * The seed's environment (a; b needs a; c, d and e need b) under another name and cluster; {@code
   * extra} is appended to service c's entry (e.g. a timeout).
   */
  static String seed(String name, String cluster, String extraForC) {
    return """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata:
          name: %s
        spec:
          cluster: %s
          services:
            - name: a
              replicas: 1
            - name: b
              replicas: 3
              dependsOn: [a]
            - name: c
              replicas: 1
              dependsOn: [b]
        %s
            - name: d
              replicas: 7
              dependsOn: [b]
            - name: e
              replicas: 1
              dependsOn: [b]
        """
        .formatted(name, cluster, extraForC.isEmpty() ? "" : "      " + extraForC);
  }

  /** Four tiers: db; cache and queue need db; api needs both; web and worker need api. */
  static String fourTiers(String name, String cluster) {
    return """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata:
          name: %s
        spec:
          cluster: %s
          services:
            - name: db
              replicas: 1
            - name: cache
              replicas: 2
              dependsOn: [db]
            - name: queue
              replicas: 1
              dependsOn: [db]
            - name: api
              replicas: 4
              dependsOn: [cache, queue]
            - name: web
              replicas: 3
              dependsOn: [api]
            - name: worker
              replicas: 2
              dependsOn: [api]
        """
        .formatted(name, cluster);
  }

  static EnvironmentSpec spec(String yaml) {
    return Manifests.parse("e2e.yaml", yaml).get(0).spec();
  }

  /** The tiers of {@code spec}, lowest first, by ECS service name. */
  static List<List<String>> tiers(EnvironmentSpec spec) {
    Map<String, String> ecs =
        spec.services().stream()
            .collect(Collectors.toMap(ServiceSpec::name, ServiceSpec::ecsService));
    return DependencyGraph.of(spec.services()).tiers().stream()
        .map(tier -> tier.stream().map(ecs::get).sorted().toList())
        .toList();
  }

  static int tierOf(List<List<String>> tiers, String ecsService) {
    for (int i = 0; i < tiers.size(); i++) {
      if (tiers.get(i).contains(ecsService)) {
        return i;
      }
    }
    throw new IllegalArgumentException(ecsService + " is in no tier of " + tiers);
  }

  /** The replicas of each ECS service of {@code spec} (every test manifest has fixed counts). */
  static Map<String, Integer> replicas(EnvironmentSpec spec) {
    return spec.services().stream()
        .collect(
            Collectors.toMap(
                ServiceSpec::ecsService, s -> ((Replicas.Fixed) s.replicas()).count()));
  }

  /**
   * Asserts that daybreak's scale-ups in {@code cluster} went tier by tier: each UpdateService of a
   * tier-k+1 service came when every tier-k service ran its full count (from the tasks' own start
   * and stop times), and no service was scaled up twice.
   */
  static void assertWokeTierByTier(Stack stack, String cluster, EnvironmentSpec spec) {
    List<List<String>> tiers = tiers(spec);
    Map<String, Integer> replicas = replicas(spec);
    List<CallRecord> ups =
        stack.updates(cluster).stream().filter(c -> c.desiredCount().getAsInt() > 0).toList();
    assertThat(ups)
        .extracting(c -> c.services().get(0))
        .as("each service scaled up exactly once")
        .containsExactlyInAnyOrderElementsOf(replicas.keySet());
    for (CallRecord up : ups) {
      String service = up.services().get(0);
      assertThat(up.desiredCount().getAsInt()).isEqualTo(replicas.get(service));
      int tier = tierOf(tiers, service);
      if (tier > 0) {
        for (String below : tiers.get(tier - 1)) {
          assertThat(stack.runningAt(cluster, below, up.at()))
              .as(
                  "running tasks of %s (tier %d) when %s (tier %d) was scaled at %s",
                  below, tier - 1, service, tier, up.at())
              .isGreaterThanOrEqualTo(replicas.get(below));
        }
      }
    }
  }

  /**
   * Asserts that daybreak's scale-downs in {@code cluster} went in reverse tier order: each
   * UpdateService to 0 of a tier-k service came when no tier-k+1 service had a running task.
   */
  static void assertSleptInReverseTierOrder(Stack stack, String cluster, EnvironmentSpec spec) {
    List<List<String>> tiers = tiers(spec);
    List<CallRecord> downs =
        stack.updates(cluster).stream().filter(c -> c.desiredCount().getAsInt() == 0).toList();
    assertThat(downs)
        .extracting(c -> c.services().get(0))
        .as("each service scaled down exactly once")
        .containsExactlyInAnyOrderElementsOf(replicas(spec).keySet());
    List<Integer> order = downs.stream().map(c -> tierOf(tiers, c.services().get(0))).toList();
    assertThat(order)
        .as("tiers of the scale-downs, in call order")
        .isSortedAccordingTo((x, y) -> y - x);
    for (CallRecord down : downs) {
      int tier = tierOf(tiers, down.services().get(0));
      if (tier + 1 < tiers.size()) {
        for (String above : tiers.get(tier + 1)) {
          assertThat(stack.runningAt(cluster, above, down.at()))
              .as(
                  "running tasks of %s (tier %d) when %s (tier %d) was scaled to 0 at %s",
                  above, tier + 1, down.services().get(0), tier, down.at())
              .isZero();
        }
      }
    }
  }
}
