package dev.daybreak.ecs;

import dev.daybreak.model.Deployment;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.RolloutState;
import dev.daybreak.model.ServiceEvent;
import dev.daybreak.model.ServiceStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Service;

/** Maps DescribeServices' SDK shapes to the model's {@link ObservedService}. */
public final class ObservedServices {

  private ObservedServices() {}

  /**
   * The model's view of {@code service}.
   *
   * @param eventsKept how many of the newest events to keep
   * @throws EcsException when ECS reports a service status the model does not know
   */
  public static ObservedService from(Service service, int eventsKept) {
    List<Deployment> deployments =
        service.deployments().stream()
            .map(ObservedServices::deployment)
            .sorted(Comparator.comparing(d -> !"PRIMARY".equals(d.status())))
            .toList();
    List<ServiceEvent> events =
        service.events().stream()
            .filter(e -> e.id() != null && e.createdAt() != null && e.message() != null)
            .limit(eventsKept)
            .map(e -> new ServiceEvent(e.id(), e.createdAt(), e.message()))
            .toList();
    return new ObservedService(
        service.serviceName(),
        status(service),
        count(service.desiredCount()),
        count(service.runningCount()),
        count(service.pendingCount()),
        deployments,
        events,
        Optional.empty());
  }

  private static ServiceStatus status(Service service) {
    String status = Objects.requireNonNullElse(service.status(), "");
    return switch (status) {
      case "ACTIVE" -> ServiceStatus.ACTIVE;
      case "DRAINING" -> ServiceStatus.DRAINING;
      case "INACTIVE" -> ServiceStatus.INACTIVE;
      default ->
          throw new EcsException(
              "UnexpectedResponse",
              "DescribeServices reported service "
                  + service.serviceName()
                  + " with status '"
                  + status
                  + "'; expected ACTIVE, DRAINING or INACTIVE",
              null);
    };
  }

  private static Deployment deployment(software.amazon.awssdk.services.ecs.model.Deployment d) {
    int desired = count(d.desiredCount());
    int running = count(d.runningCount());
    int pending = count(d.pendingCount());
    return new Deployment(
        Objects.requireNonNullElse(d.id(), ""),
        Objects.requireNonNullElse(d.status(), ""),
        rolloutState(d, desired, running, pending),
        desired,
        running,
        pending,
        count(d.failedTasks()),
        Optional.ofNullable(d.rolloutStateReason()).filter(r -> !r.isBlank()));
  }

  /**
   * ECS's rolloutState; ECS leaves it out for services behind a Classic Load Balancer or with
   * another deployment controller, and then a deployment is COMPLETED once it runs its desired
   * count with nothing pending.
   */
  private static RolloutState rolloutState(
      software.amazon.awssdk.services.ecs.model.Deployment d,
      int desired,
      int running,
      int pending) {
    if (d.rolloutState() != null) {
      switch (d.rolloutState()) {
        case COMPLETED:
          return RolloutState.COMPLETED;
        case FAILED:
          return RolloutState.FAILED;
        case IN_PROGRESS:
          return RolloutState.IN_PROGRESS;
        default:
          break;
      }
    }
    return running == desired && pending == 0 ? RolloutState.COMPLETED : RolloutState.IN_PROGRESS;
  }

  private static int count(Integer n) {
    return n == null ? 0 : n;
  }
}
