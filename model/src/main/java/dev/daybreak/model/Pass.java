package dev.daybreak.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The inputs of one planning pass that every part of the planner reads.
 *
 * @param spec the environment
 * @param graph its dependency graph
 * @param services its services in plan order, with what ECS reported
 * @param previous the status the previous pass wrote
 * @param newOperation whether this pass starts a wake or sleep (the target changed)
 * @param now the time of this pass
 */
record Pass(
    EnvironmentSpec spec,
    DependencyGraph graph,
    List<ServiceSnapshot> services,
    EnvironmentStatus previous,
    boolean newOperation,
    Instant now) {

  /** When the previous pass of this same operation started waiting for the service, if it did. */
  Optional<Instant> previousWaitingSince(String service) {
    if (newOperation) {
      return Optional.empty();
    }
    ServiceReadiness before = previous.services().get(service);
    return before == null ? Optional.empty() : before.waitingSince();
  }
}
