package dev.daybreak.ecssim;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One simulated ECS service; mutated only under the simulator's lock. */
final class SimService {

  /** ECS shows at most the 100 newest events. */
  static final int EVENTS_KEPT = 100;

  final SimCluster cluster;
  final String name;
  final String arn;
  final Instant createdAt;
  final boolean circuitBreaker;
  final boolean rollback;
  final Map<String, String> tags = new LinkedHashMap<>();

  /** Newest first; the first is PRIMARY. */
  final List<SimDeployment> deployments = new ArrayList<>();

  /** Tasks not yet STOPPED, oldest first. */
  final List<SimTask> tasks = new ArrayList<>();

  /** Newest first. */
  final Deque<SimEvent> events = new ArrayDeque<>();

  /**
   * The most recent COMPLETED deployment, which the circuit breaker rolls back to; null while none
   * is (before the first completes, and while a rollback to it is in progress).
   */
  SimDeployment lastCompleted;

  String status = "ACTIVE";
  int desiredCount;
  String taskDefinition;
  int consecutiveStartFailures;
  Instant launchNotBefore = Instant.MIN;
  boolean throttleAnnounced;
  Instant wakeAt;
  boolean steady;

  /** The target groups ECS registers its tasks in (ECS's loadBalancers). */
  List<LoadBalancer> loadBalancers = List.of();

  /** Whether its task definition's essential container has a health check. */
  boolean containerHealthCheck;

  /**
   * Its capacity provider ({@code FARGATE_SPOT}) when its capacityProviderStrategy names one; null
   * for the FARGATE launch type.
   */
  String capacityProvider;

  /** DRAINING with no tasks left: INACTIVE on the next step. */
  boolean retiring;

  SimService(
      SimCluster cluster,
      String name,
      String arn,
      Instant createdAt,
      boolean circuitBreaker,
      boolean rollback) {
    this.cluster = cluster;
    this.name = name;
    this.arn = arn;
    this.createdAt = createdAt;
    this.circuitBreaker = circuitBreaker;
    this.rollback = rollback;
  }

  /**
   * One service event.
   *
   * @param id the event id
   * @param createdAt when it happened
   * @param message ECS's wording
   */
  record SimEvent(String id, Instant createdAt, String message) {}

  SimDeployment primary() {
    return deployments.get(0);
  }

  boolean active() {
    return "ACTIVE".equals(status);
  }

  int count(TaskStatus status) {
    return (int) tasks.stream().filter(t -> t.lastStatus == status).count();
  }

  int count(SimDeployment deployment, TaskStatus status) {
    return (int)
        tasks.stream().filter(t -> t.deployment == deployment && t.lastStatus == status).count();
  }

  /** ECS's runningCount: tasks RUNNING. */
  int runningCount() {
    return count(TaskStatus.RUNNING);
  }

  /** ECS's pendingCount: tasks launched but not yet RUNNING. */
  int pendingCount() {
    return count(TaskStatus.PROVISIONING) + count(TaskStatus.PENDING);
  }

  void addEvent(SimEvent event) {
    events.addFirst(event);
    while (events.size() > EVENTS_KEPT) {
      events.removeLast();
    }
  }
}
