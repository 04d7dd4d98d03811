package dev.daybreak.model;

import java.util.Map;

/**
 * The definitions of target count and readiness, written out independently of the planner's
 * code so that the property tests check the planner against the specification.
 */
final class ReadyOracle {

  private ReadyOracle() {}

  /** replicas: N -> N; restore -> the saved count when above zero, else the fallback. */
  static int target(ServiceSpec service, Map<String, Integer> savedCounts) {
    if (service.replicas() instanceof Replicas.Fixed fixed) {
      return fixed.count();
    }
    int saved = savedCounts.getOrDefault(service.name(), 0);
    return saved > 0 ? saved : ((Replicas.Restore) service.replicas()).fallback();
  }

  /**
   * running: runningCount >= target; stable: a single COMPLETED deployment and running == desired
   * >= target; healthy: healthy and runningCount >= target. Only ACTIVE services; a target of zero
   * needs nothing to run.
   */
  static boolean isReady(ServiceSpec service, ObservedService observed, int target) {
    if (observed.status() != ServiceStatus.ACTIVE) {
      return false;
    }
    if (target == 0) {
      return true;
    }
    int running = observed.runningCount();
    if (service.readiness() == Readiness.RUNNING) {
      return running >= target;
    }
    if (service.readiness() == Readiness.HEALTHY) {
      return running >= target && observed.health().map(h -> healthy(h, target)).orElse(false);
    }
    return observed.deployments().size() == 1
        && observed.deployments().get(0).rolloutState() == RolloutState.COMPLETED
        && running == observed.desiredCount()
        && observed.desiredCount() >= target;
  }

  private static boolean healthy(Health health, int target) {
    if (health instanceof Health.Containers c) {
      return c.unhealthy() + c.unknown() == 0 && c.healthy() >= target;
    }
    for (Health.TargetGroup g : ((Health.TargetGroups) health).groups()) {
      if (g.unhealthy() + g.other() > 0 || g.healthy() < target) {
        return false;
      }
    }
    return true;
  }
}
