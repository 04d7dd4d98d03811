package dev.daybreak.ecssim;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What CreateService asks for, as far as the simulator models it.
 *
 * @param serviceName the name
 * @param taskDefinition {@code family[:revision]} or ARN; the service name when absent
 * @param desiredCount the initial desired count
 * @param circuitBreaker whether the deployment circuit breaker is enabled
 * @param rollback whether the circuit breaker rolls a failed deployment back to the last completed
 *     one
 * @param tags the service's tags
 * @param loadBalancers the target groups its tasks register in (the simulator creates a target
 *     group it does not know yet)
 */
public record NewService(
    String serviceName,
    Optional<String> taskDefinition,
    int desiredCount,
    boolean circuitBreaker,
    boolean rollback,
    List<Tag> tags,
    List<LoadBalancer> loadBalancers) {

  public NewService {
    Objects.requireNonNull(serviceName, "serviceName");
    Objects.requireNonNull(taskDefinition, "taskDefinition");
    tags = List.copyOf(tags);
    loadBalancers = List.copyOf(loadBalancers);
  }

  /** A service without load balancers. */
  public NewService(
      String serviceName,
      Optional<String> taskDefinition,
      int desiredCount,
      boolean circuitBreaker,
      boolean rollback,
      List<Tag> tags) {
    this(serviceName, taskDefinition, desiredCount, circuitBreaker, rollback, tags, List.of());
  }

  /** A service with no circuit breaker and no tags. */
  public static NewService named(String serviceName, int desiredCount) {
    return new NewService(serviceName, Optional.empty(), desiredCount, false, false, List.of());
  }
}
