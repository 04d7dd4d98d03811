package dev.daybreak.ecs;

import dev.daybreak.aws.AwsAccessException;
import dev.daybreak.aws.AwsTarget;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.savings.TaskSize;
import dev.daybreak.ratelimit.TokenBucket;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
   * Observes ECS services of one cluster and, for those in {@code withHealth} (services whose
   * readiness is {@code healthy}), what their load balancer target groups or container health
   * checks report for their running tasks ({@link ObservedService#health()}); a service with
   * neither a load balancer nor a container health check in its task definition is reported as
   * {@link dev.daybreak.model.Health.NoHealthCheck}, running or not. The default observes no
   * health: a gateway that cannot read it leaves such services unready.
   *
   * @throws EcsException when ECS or Elastic Load Balancing cannot be reached or keep failing
   */
  default Map<String, ObservedService> observe(
      String cluster, Collection<String> ecsServices, Set<String> withHealth) {
    return observe(cluster, ecsServices);
  }

  /**
   * One task's size for each of {@code ecsServices} of {@code cluster} that was observed and whose
   * task definition has task-level cpu and memory (DescribeTaskDefinition, cached by ARN: a
   * revision never changes). The default knows none: savings are then counted in task-hours only.
   */
  default Map<String, TaskSize> taskSizes(String cluster, Collection<String> ecsServices) {
    return Map.of();
  }

  /**
   * Sets one service's desiredCount.
   *
   * @throws EcsException when ECS refuses (the service is missing or inactive) or cannot be reached
   */
  void scale(String cluster, String ecsService, int desiredCount);

  /**
   * This gateway for {@code environment}'s cluster at {@code target}: another account (through its
   * role) or region. The default reaches only one account (its own endpoint, whatever the region):
   * a target with a role is refused.
   *
   * @throws AwsAccessException when the target cannot be reached (its role cannot be assumed, or
   *     this gateway reaches no other account or region)
   */
  default EcsGateway at(AwsTarget target, String environment) {
    if (target.roleArn().isEmpty()) {
      return this;
    }
    throw AwsAccessException.unsupported(target, "ECS");
  }

  /**
   * Waits for this client's turn to send one UpdateService under its own client-side rate limit,
   * and takes it: the next {@link #scaleInTurn} uses it. Returns how long the turn was planned to
   * take: that wait is the client's own pacing, which a caller need not count as the age of what it
   * observed (a stall beyond it is still a stall). This default has no pacing of its own: its
   * {@link #scale} paces itself.
   */
  default Duration awaitScaleTurn() {
    return Duration.ZERO;
  }

  /**
   * The client-side bucket this gateway's UpdateService turns come from (shared by every gateway of
   * the same account and region), for {@link ScaleAdmission}. This default has none: its turns are
   * not paced by the client, and every operation is admitted at once.
   */
  default Optional<TokenBucket> scaleBucket() {
    return Optional.empty();
  }

  /** {@link #scale}, its first attempt's turn taken with {@link #awaitScaleTurn}. */
  default void scaleInTurn(String cluster, String ecsService, int desiredCount) {
    scale(cluster, ecsService, desiredCount);
  }
}
