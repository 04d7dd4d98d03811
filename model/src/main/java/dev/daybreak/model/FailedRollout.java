package dev.daybreak.model;

import java.util.List;
import java.util.Optional;

/**
 * A deployment that ECS's deployment circuit breaker turned FAILED and that no later deployment has
 * replaced by completing.
 *
 * <p>ECS shows a failed deployment in DescribeServices as PRIMARY (circuit breaker without
 * rollback: it launches no more tasks, and waking the service starts nothing) or, while it rolls
 * back, as ACTIVE beside a new PRIMARY deployment of the last completed task definition. It drops
 * out of the list once a later deployment completes, and a COMPLETED PRIMARY means a later
 * deployment did; either way the rollout is over ("How the Amazon ECS deployment circuit breaker
 * detects failures", Amazon ECS Developer Guide).
 *
 * @param failed the FAILED deployment
 * @param primary the PRIMARY deployment when it is another one (a rollback or a newer rollout)
 * @param event the service event that reports the failure, or else the newest event
 */
record FailedRollout(
    Deployment failed, Optional<Deployment> primary, Optional<ServiceEvent> event) {

  /** The failed rollout {@code service} shows, if any. */
  static Optional<FailedRollout> of(ObservedService service) {
    List<Deployment> deployments = service.deployments();
    Optional<Deployment> primary = deployments.stream().filter(Deployment::primary).findFirst();
    if (primary.map(d -> d.rolloutState() == RolloutState.COMPLETED).orElse(false)) {
      return Optional.empty();
    }
    return deployments.stream()
        .filter(d -> d.rolloutState() == RolloutState.FAILED && !"INACTIVE".equals(d.status()))
        .findFirst()
        .map(
            failed ->
                new FailedRollout(
                    failed,
                    primary.filter(p -> p != failed),
                    service.events().stream()
                        .filter(e -> e.message().contains("(deployment " + failed.id() + ")"))
                        .findFirst()
                        .or(service::latestEvent)));
  }

  /** What ECS says about it: the failed deployment, its reason, a rollback, and the event. */
  String describe() {
    StringBuilder s =
        new StringBuilder("ECS deployment ")
            .append(failed.id())
            .append(" failed (rolloutState FAILED, failedTasks ")
            .append(failed.failedTasks())
            .append(")");
    failed.rolloutStateReason().ifPresent(r -> s.append(": ").append(r));
    primary.ifPresent(
        p -> {
          s.append("; now PRIMARY: deployment ")
              .append(p.id())
              .append(" ")
              .append(p.rolloutState());
          p.rolloutStateReason().ifPresent(r -> s.append(" (").append(r).append(")"));
        });
    s.append("; ")
        .append(
            event
                .map(e -> "event at " + e.createdAt() + ": " + e.message())
                .orElse("no events reported"));
    return s.toString();
  }
}
