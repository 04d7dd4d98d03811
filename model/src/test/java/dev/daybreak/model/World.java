package dev.daybreak.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A mutable picture of what ECS reports for an environment's services, for tests that run several
 * planning passes. Services start ACTIVE at zero; {@link #apply} sets desiredCount as the
 * reconciler would, and {@link #settle} lets ECS catch up (runningCount = desiredCount, one
 * completed deployment).
 */
final class World {

  private final Map<String, ObservedService> services = new TreeMap<>();

  /** Every service of the spec ACTIVE with desiredCount and runningCount zero. */
  static World asleep(EnvironmentSpec spec) {
    World world = new World();
    spec.services().forEach(s -> world.set(s.ecsService(), 0, 0));
    return world;
  }

  /**
   * An ACTIVE service; its one deployment is COMPLETED, and its load balancer targets healthy, when
   * runningCount == desiredCount.
   */
  static ObservedService active(String ecsService, int desired, int running) {
    RolloutState rollout = running == desired ? RolloutState.COMPLETED : RolloutState.IN_PROGRESS;
    return new ObservedService(
        ecsService,
        ServiceStatus.ACTIVE,
        desired,
        running,
        Math.max(0, desired - running),
        List.of(
            new Deployment("ecs-svc/" + ecsService, "PRIMARY", rollout, desired, running, 0, 0)),
        List.of(),
        Optional.of(
            new Health.TargetGroups(
                List.of(
                    new Health.TargetGroup(
                        "arn:tg/" + ecsService,
                        running == desired ? running : 0,
                        0,
                        running == desired ? 0 : running,
                        List.of())))));
  }

  /** A service in the given status with no tasks (ECS reports MISSING ones with zero counts). */
  static ObservedService inStatus(String ecsService, ServiceStatus status, int running) {
    return new ObservedService(
        ecsService, status, 0, running, 0, List.of(), List.of(), Optional.empty());
  }

  /** A service whose tasks keep failing: {@code failedTasks} and one event, newest first. */
  static ObservedService failing(
      String ecsService, int desired, int running, int failedTasks, Instant at, String event) {
    return new ObservedService(
        ecsService,
        ServiceStatus.ACTIVE,
        desired,
        running,
        0,
        List.of(
            new Deployment(
                "ecs-svc/" + ecsService,
                "PRIMARY",
                RolloutState.IN_PROGRESS,
                desired,
                running,
                0,
                failedTasks)),
        List.of(new ServiceEvent("event-" + at.getEpochSecond(), at, event)),
        Optional.empty());
  }

  World set(String ecsService, int desired, int running) {
    services.put(ecsService, active(ecsService, desired, running));
    return this;
  }

  World put(ObservedService service) {
    services.put(service.ecsService(), service);
    return this;
  }

  World remove(String ecsService) {
    services.remove(ecsService);
    return this;
  }

  ObservedService get(String ecsService) {
    return services.get(ecsService);
  }

  /** Executes the plan's actions as UpdateService would: desiredCount changes, tasks do not yet. */
  World apply(List<ScaleAction> actions) {
    for (ScaleAction action : actions) {
      ObservedService before = services.get(action.ecsService());
      services.put(
          action.ecsService(),
          active(action.ecsService(), action.desiredCount(), before.runningCount()));
    }
    return this;
  }

  /** ECS catches up: every ACTIVE service runs exactly its desiredCount. */
  World settle() {
    services.replaceAll(
        (name, s) ->
            s.status() == ServiceStatus.ACTIVE
                ? active(name, s.desiredCount(), s.desiredCount())
                : s);
    return this;
  }

  Map<String, ObservedService> observed() {
    return Map.copyOf(services);
  }
}
