package dev.daybreak.model;

import java.util.Objects;

/**
 * Set one ECS service's desiredCount.
 *
 * @param service the logical service name
 * @param ecsService the ECS service name
 * @param desiredCount the count to set
 * @param tier the service's tier
 */
public record ScaleAction(String service, String ecsService, int desiredCount, int tier) {

  public ScaleAction {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(ecsService, "ecsService");
    if (desiredCount < 0) {
      throw new IllegalArgumentException("desiredCount must be >= 0, was " + desiredCount);
    }
  }
}
