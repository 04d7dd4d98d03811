package dev.daybreak.ecs;

import dev.daybreak.model.ObservedService;
import java.util.Collection;
import java.util.Map;

/**
 * What the controller needs from ECS, in domain terms. Implementations stay inside ECS's API quotas
 * by themselves: a throttle is waited out, never surfaced.
 */
public interface EcsGateway {

  /**
   * Observes ECS services of one cluster.
   *
   * @return one entry per requested ECS service name; services ECS does not know are {@link
   *     dev.daybreak.model.ServiceStatus#MISSING}
   * @throws EcsException when ECS cannot be reached or keeps failing
   */
  Map<String, ObservedService> observe(String cluster, Collection<String> ecsServices);

  /**
   * Sets one service's desiredCount.
   *
   * @throws EcsException when ECS refuses (the service is missing or inactive) or cannot be reached
   */
  void scale(String cluster, String ecsService, int desiredCount);
}
