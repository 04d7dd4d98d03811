package dev.daybreak.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The controller's view of one service after a pass.
 *
 * @param tier the service's dependency tier
 * @param ready whether it met its readiness test
 * @param target the count the controller wants it at
 * @param desiredCount the desiredCount observed
 * @param runningCount the runningCount observed
 * @param failedTasks failedTasks observed over its deployments
 * @param waitingSince when the controller first scaled it toward {@code target} in this operation
 *     (for timeouts)
 */
public record ServiceReadiness(
    int tier,
    boolean ready,
    int target,
    int desiredCount,
    int runningCount,
    int failedTasks,
    Optional<Instant> waitingSince) {

  public ServiceReadiness {
    Objects.requireNonNull(waitingSince, "waitingSince");
  }
}
