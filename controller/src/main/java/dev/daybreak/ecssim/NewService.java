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
 * @param rollback whether the circuit breaker rolls back (recorded; rollback is not simulated)
 * @param tags the service's tags
 */
public record NewService(
    String serviceName,
    Optional<String> taskDefinition,
    int desiredCount,
    boolean circuitBreaker,
    boolean rollback,
    List<Tag> tags) {

  public NewService {
    Objects.requireNonNull(serviceName, "serviceName");
    Objects.requireNonNull(taskDefinition, "taskDefinition");
    tags = List.copyOf(tags);
  }

  /** A service with no circuit breaker and no tags. */
  public static NewService named(String serviceName, int desiredCount) {
    return new NewService(serviceName, Optional.empty(), desiredCount, false, false, List.of());
  }
}
