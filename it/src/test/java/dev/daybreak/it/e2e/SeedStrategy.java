package dev.daybreak.it.e2e;

import dev.daybreak.time.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The seed team's Step Functions state machine, as a loop over the same ECS API: per tier, set
 * every service's desiredCount, then {@code Wait 10 s} and DescribeServices until every service of
 * the tier runs its count, then the next tier. The baseline daybreak is measured against.
 */
final class SeedStrategy {

  /** The state machine's {@code Wait} state between checks. */
  static final Duration POLL = Duration.ofSeconds(10);

  private final EcsClient ecs;
  private final Sleeper sleeper;

  SeedStrategy(EcsClient ecs, Sleeper sleeper) {
    this.ecs = ecs;
    this.sleeper = sleeper;
  }

  /** Wakes {@code tiers} (ECS service names, lowest first) in {@code cluster}. */
  void wake(String cluster, List<List<String>> tiers, Map<String, Integer> counts)
      throws InterruptedException {
    for (List<String> tier : tiers) {
      for (String service : tier) {
        ecs.updateService(
            b -> b.cluster(cluster).service(service).desiredCount(counts.get(service)));
      }
      do {
        sleeper.sleep(POLL);
      } while (!running(cluster, tier, counts));
    }
  }

  private boolean running(String cluster, List<String> tier, Map<String, Integer> counts) {
    List<Service> services =
        ecs.describeServices(b -> b.cluster(cluster).services(tier)).services();
    return services.size() == tier.size()
        && services.stream().allMatch(s -> s.runningCount() >= counts.get(s.serviceName()));
  }
}
