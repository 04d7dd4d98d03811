package dev.daybreak.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Something that makes an environment Degraded, about one service.
 *
 * @param service the logical service (or the unknown name a partial wake asked for)
 * @param tier its tier, or -1 when it is not a declared service
 * @param reason the Degraded condition's reason for it, one of the {@code REASON_} constants of
 *     {@link Conditions}
 * @param message a sentence that names the service and says what is wrong
 */
record ServiceProblem(String service, int tier, String reason, String message) {

  /** Lowest tier first (the one blocking progress), then by name. */
  static final Comparator<ServiceProblem> ORDER =
      Comparator.comparingInt(ServiceProblem::tier).thenComparing(ServiceProblem::service);

  /** A partial wake asked for a service the environment does not declare. */
  static ServiceProblem unknownService(String name, EnvironmentSpec spec) {
    return new ServiceProblem(
        name,
        -1,
        Conditions.REASON_UNKNOWN_SERVICE,
        "the desired state asks to wake service '"
            + name
            + "', which environment '"
            + spec.name()
            + "' does not declare (declared: "
            + String.join(", ", spec.services().stream().map(ServiceSpec::name).sorted().toList())
            + ")");
  }

  /** The problem with a service ECS does not report as ACTIVE, if it is not. */
  static Optional<ServiceProblem> ofStatus(ServiceSnapshot service, String cluster) {
    String ecs = "ECS service '" + service.spec().ecsService() + "' in cluster '" + cluster + "'";
    String prefix = "service '" + service.name() + "': ";
    return switch (service.observed().status()) {
      case ACTIVE -> Optional.empty();
      case MISSING ->
          Optional.of(
              new ServiceProblem(
                  service.name(),
                  service.tier(),
                  Conditions.REASON_SERVICE_MISSING,
                  prefix
                      + ecs
                      + " does not exist; create it, or correct ecsService in the manifest"));
      case INACTIVE ->
          Optional.of(
              new ServiceProblem(
                  service.name(),
                  service.tier(),
                  Conditions.REASON_SERVICE_INACTIVE,
                  prefix
                      + ecs
                      + " is INACTIVE (deleted); recreate it, or remove it from the manifest"));
      case DRAINING ->
          Optional.of(
              new ServiceProblem(
                  service.name(),
                  service.tier(),
                  Conditions.REASON_SERVICE_DRAINING,
                  prefix
                      + ecs
                      + " is DRAINING (being deleted) and cannot be scaled; recreate it, or"
                      + " remove it from the manifest"));
    };
  }

  /**
   * The problem with a service whose rollout ECS reports FAILED, if it does: named with the
   * deployment, the circuit breaker's rolloutStateReason and the event that reported it.
   */
  static Optional<ServiceProblem> ofRollout(ServiceSnapshot service) {
    return FailedRollout.of(service.observed())
        .map(
            rollout ->
                new ServiceProblem(
                    service.name(),
                    service.tier(),
                    Conditions.REASON_ROLLOUT_FAILED,
                    "service '"
                        + service.name()
                        + "' (ECS service '"
                        + service.spec().ecsService()
                        + "'): "
                        + rollout.describe()));
  }

  /**
   * A service whose readiness is {@code healthy} but that nothing can report healthy (no load
   * balancer, no container health check): Degraded at once rather than after its timeout.
   */
  static Optional<ServiceProblem> ofHealthSignal(ServiceSnapshot service) {
    if (service.spec().readiness() != Readiness.HEALTHY
        || !(service.observed().health().orElse(null) instanceof Health.NoHealthCheck none)) {
      return Optional.empty();
    }
    return Optional.of(
        new ServiceProblem(
            service.name(),
            service.tier(),
            Conditions.REASON_NO_HEALTH_CHECK,
            "service '"
                + service.name()
                + "' (ECS service '"
                + service.spec().ecsService()
                + "') has readiness healthy but "
                + none.describe()
                + ", so it can never become ready: add a healthCheck to its essential container"
                + " or put the service behind a load balancer target group, or declare"
                + " readiness: running (or stable) in the manifest"));
  }

  /**
   * The problem with a service whose load balancer configuration names target groups that Elastic
   * Load Balancing does not know, if it does: its health can never be read, so waiting for its
   * timeout would only delay the same answer.
   */
  static Optional<ServiceProblem> ofTargetGroups(ServiceSnapshot service) {
    List<String> missing =
        service.observed().health().map(Health::missingTargetGroups).orElse(List.of());
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ServiceProblem(
            service.name(),
            service.tier(),
            Conditions.REASON_TARGET_GROUP_NOT_FOUND,
            "service '"
                + service.name()
                + "' (ECS service '"
                + service.spec().ecsService()
                + "'): its load balancer's target group "
                + String.join(", ", missing)
                + " does not exist (Elastic Load Balancing DescribeTargetHealth:"
                + " TargetGroupNotFound), so its readiness healthy cannot be judged; point the"
                + " service's loadBalancers at an existing target group (UpdateService), or"
                + " recreate the target group"));
  }

  /**
   * A service that did not become ready (waking) or did not stop (sleeping) within its timeout. The
   * message carries what an engineer looks at first: the counts, failedTasks, for {@code healthy}
   * readiness the target groups and how many of their targets are unhealthy (or the containers'
   * health), and ECS's latest event.
   */
  static ServiceProblem timedOut(
      ServiceSnapshot service, int target, boolean waking, Instant since) {
    ObservedService observed = service.observed();
    String what =
        waking
            ? "is not ready (" + service.spec().readiness().name().toLowerCase() + ")"
            : "has not stopped";
    String event =
        observed
            .latestEvent()
            .map(e -> "latest event at " + e.createdAt() + ": " + e.message())
            .orElse("no events reported");
    return new ServiceProblem(
        service.name(),
        service.tier(),
        Conditions.REASON_SERVICE_TIMED_OUT,
        "service '"
            + service.name()
            + "' "
            + what
            + " within its "
            + Durations.format(service.spec().timeout())
            + " timeout since it was scaled to "
            + target
            + " at "
            + since
            + ": running "
            + observed.runningCount()
            + ", pending "
            + observed.pendingCount()
            + ", desired "
            + observed.desiredCount()
            + ", failedTasks "
            + observed.failedTasks()
            + health(service, waking)
            + "; "
            + event);
  }

  /**
   * For a service whose readiness is {@code healthy}, what its health checks say: the target groups
   * with their unhealthy counts, or its containers' health.
   */
  private static String health(ServiceSnapshot service, boolean waking) {
    if (!waking || service.spec().readiness() != Readiness.HEALTHY) {
      return "";
    }
    return "; "
        + service
            .observed()
            .health()
            .map(Health::describe)
            .orElse("its health was not observed (no running task to check)");
  }

  /** Whether a service waiting since {@code since} has used up its timeout at {@code now}. */
  static boolean isTimedOut(ServiceSpec service, Instant since, Instant now) {
    return !now.isBefore(since.plus(service.timeout()));
  }
}
