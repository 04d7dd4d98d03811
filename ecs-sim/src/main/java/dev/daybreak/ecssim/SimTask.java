package dev.daybreak.ecssim;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One simulated task; mutated only by the {@link ServiceScheduler} under the simulator's lock. */
final class SimTask {

  final String id;
  final String arn;
  final SimService service;
  final SimDeployment deployment;
  final Instant createdAt;
  final Map<String, String> tags = new LinkedHashMap<>();

  TaskStatus lastStatus = TaskStatus.PROVISIONING;
  boolean desiredRunning = true;

  /** Reached RUNNING without a service it requires: its container will exit. */
  boolean doomed;

  /** The private IP address of its elastic network interface (awsvpc). */
  String privateIp;

  long version = 1;
  Instant pullStartedAt;
  Instant pullStoppedAt;
  Instant startedAt;
  Instant stoppingAt;
  Instant stoppedAt;
  String stopCode;
  String stoppedReason;
  String containerReason;
  Integer exitCode;

  SimTask(String id, String arn, SimService service, SimDeployment deployment, Instant createdAt) {
    this.id = id;
    this.arn = arn;
    this.service = service;
    this.deployment = deployment;
    this.createdAt = createdAt;
  }

  /** Whether the scheduler still wants it to run (ECS's desiredStatus RUNNING). */
  boolean live() {
    return desiredRunning;
  }

  /** Moves to {@code status}, bumping the version as ECS does on every state change. */
  void moveTo(TaskStatus status) {
    lastStatus = status;
    version++;
  }
}
