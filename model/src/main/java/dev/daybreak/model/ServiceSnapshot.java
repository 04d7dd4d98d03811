package dev.daybreak.model;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One declared service with its tier and what ECS reported for it (MISSING when absent).
 *
 * @param spec the service as declared
 * @param tier its dependency tier
 * @param observed what DescribeServices reported
 */
record ServiceSnapshot(ServiceSpec spec, int tier, ObservedService observed) {

  /** Lowest tier first, then by name: the order the planner visits services in. */
  static final Comparator<ServiceSnapshot> PLAN_ORDER =
      Comparator.comparingInt(ServiceSnapshot::tier).thenComparing(ServiceSnapshot::name);

  /** The environment's services in {@link #PLAN_ORDER}; absent ECS services become MISSING. */
  static List<ServiceSnapshot> of(
      EnvironmentSpec spec, DependencyGraph graph, Map<String, ObservedService> observed) {
    return spec.services().stream()
        .map(
            service ->
                new ServiceSnapshot(
                    service,
                    graph.tierOf(service.name()),
                    observed.getOrDefault(
                        service.ecsService(), ObservedService.missing(service.ecsService()))))
        .sorted(PLAN_ORDER)
        .toList();
  }

  String name() {
    return spec.name();
  }

  boolean active() {
    return observed.status() == ServiceStatus.ACTIVE;
  }
}
