package dev.daybreak.model;

/** Whether an observed service meets its readiness test, or has stopped. */
final class ReadinessCheck {

  private ReadinessCheck() {}

  /**
   * Whether the service is ready at this target count. Only an ACTIVE service can be ready. A
   * target of zero is met by any ACTIVE service: nothing has to start, so there is nothing to wait
   * for (in particular no health signal, which a service without tasks never reports).
   *
   * <ul>
   *   <li>{@code running}: runningCount &gt;= target;
   *   <li>{@code stable}: a single deployment whose rolloutState is COMPLETED, runningCount ==
   *       desiredCount, and desiredCount &gt;= target;
   *   <li>{@code healthy}: runningCount &gt;= target, and every target of the service's target
   *       groups that belongs to a running task is healthy, at least {@code target} of them in each
   *       group (or, without a load balancer, every running task's container health is HEALTHY, at
   *       least {@code target} of them).
   * </ul>
   */
  static boolean isReady(Readiness readiness, ObservedService service, int target) {
    if (service.status() != ServiceStatus.ACTIVE) {
      return false;
    }
    if (target == 0) {
      return true;
    }
    return switch (readiness) {
      case RUNNING -> service.runningCount() >= target;
      case STABLE ->
          service.deployments().size() == 1
              && service.deployments().get(0).rolloutState() == RolloutState.COMPLETED
              && service.runningCount() == service.desiredCount()
              && service.desiredCount() >= target;
      case HEALTHY ->
          service.runningCount() >= target
              && service.health().map(h -> h.isHealthy(target)).orElse(false);
    };
  }

  /**
   * Whether the service has stopped: no task running, and (when it can still be scaled) a
   * desiredCount of zero so that none will start. A MISSING or INACTIVE service has stopped; a
   * DRAINING one once its tasks are gone.
   */
  static boolean isStopped(ObservedService service) {
    return service.runningCount() == 0
        && (service.status() != ServiceStatus.ACTIVE || service.desiredCount() == 0);
  }
}
