package dev.daybreak.slack;

import dev.daybreak.model.Condition;
import dev.daybreak.model.Conditions;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.NotifySpec;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.Plan;
import dev.daybreak.model.ServiceReadiness;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.model.State;
import dev.daybreak.model.Transition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one reconcile pass has to say about an environment.
 *
 * @param environment the environment's name
 * @param operation the wake or sleep this pass belongs to
 * @param requestedBy who asked for the desired state
 * @param reason why, in their words (may be empty)
 * @param transitions what changed in this pass; empty when the pass only refreshed counts
 * @param status the status the pass concluded (phase, tier, conditions)
 * @param services per service, in manifest order
 * @param notifications where and to whom to announce it
 */
public record Announcement(
    String environment,
    Operation operation,
    String requestedBy,
    String reason,
    List<Transition> transitions,
    EnvironmentStatus status,
    List<ServiceReport> services,
    NotifySpec notifications) {

  public Announcement {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(reason, "reason");
    transitions = List.copyOf(transitions);
    Objects.requireNonNull(status, "status");
    services = List.copyOf(services);
    Objects.requireNonNull(notifications, "notifications");
  }

  /**
   * The announcement of one pass, built from what the reconciler already holds.
   *
   * @param observed what DescribeServices returned in this pass, by ECS service name
   */
  public static Announcement of(
      EnvironmentSpec spec,
      DesiredState desired,
      Plan plan,
      Map<String, ObservedService> observed) {
    EnvironmentStatus status = plan.status();
    Operation operation =
        new Operation(
            status.target().orElse(desired.state()),
            status.operationStartedAt().orElse(desired.requestedAt()));
    List<ServiceReport> services =
        spec.services().stream()
            .map(s -> report(s, status.services().get(s.name()), observed.get(s.ecsService())))
            .toList();
    return new Announcement(
        spec.name(),
        operation,
        desired.requestedBy(),
        desired.reason(),
        plan.transitions(),
        status,
        services,
        spec.notifications());
  }

  /**
   * The announcement of a pass over a desired item that cannot be used: a message of its own (its
   * operation began when the item became unusable), showing the condition, with the services as the
   * last pass that could act left them. Who asked is unknown: the item names nobody usable.
   */
  public static Announcement ofInvalidDesired(EnvironmentSpec spec, Plan plan) {
    EnvironmentStatus status = plan.status();
    Instant since =
        status
            .condition(Conditions.DESIRED_STATE_INVALID)
            .map(Condition::lastTransitionTime)
            .orElseThrow(
                () -> new IllegalArgumentException("the status has no DesiredStateInvalid"));
    List<ServiceReport> services =
        spec.services().stream()
            .map(s -> report(s, status.services().get(s.name()), null))
            .toList();
    return new Announcement(
        spec.name(),
        new Operation(status.target().orElse(State.ASLEEP), since),
        "a hand edit in DynamoDB",
        "",
        plan.transitions(),
        status,
        services,
        spec.notifications());
  }

  private static ServiceReport report(
      ServiceSpec spec, ServiceReadiness readiness, ObservedService observed) {
    Optional<ServiceReadiness> r = Optional.ofNullable(readiness);
    Optional<ObservedService> o = Optional.ofNullable(observed);
    return new ServiceReport(
        spec.name(),
        spec.ecsService(),
        r.map(ServiceReadiness::tier).orElse(-1),
        r.map(ServiceReadiness::ready).orElse(false),
        r.map(ServiceReadiness::target).orElse(0),
        o.map(ObservedService::desiredCount)
            .orElseGet(() -> r.map(ServiceReadiness::desiredCount).orElse(0)),
        o.map(ObservedService::runningCount)
            .orElseGet(() -> r.map(ServiceReadiness::runningCount).orElse(0)),
        o.map(ObservedService::failedTasks)
            .orElseGet(() -> r.map(ServiceReadiness::failedTasks).orElse(0)),
        o.flatMap(ObservedService::latestEvent));
  }

  /** The id of the operation, stable for every pass of one wake or sleep. */
  public String operationId() {
    return operation.id(environment);
  }

  /** The report of the service with this logical name. */
  public Optional<ServiceReport> service(String serviceName) {
    return services.stream().filter(s -> s.serviceName().equals(serviceName)).findFirst();
  }

  /** The number of tiers, from the services' tiers (0 when none is known). */
  public int tierCount() {
    return services.stream().mapToInt(ServiceReport::tier).max().orElse(-1) + 1;
  }
}
