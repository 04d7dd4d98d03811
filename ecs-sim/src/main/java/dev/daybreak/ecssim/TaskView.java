package dev.daybreak.ecssim;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A task (with its one container) as DescribeTasks returns it. {@code healthStatus} is the
 * container's (and so the task's) health: UNKNOWN, HEALTHY or UNHEALTHY; {@code privateIp} the
 * address of its elastic network interface.
 */
public record TaskView(
    String taskArn,
    String clusterArn,
    String taskDefinitionArn,
    String group,
    String startedBy,
    String lastStatus,
    String desiredStatus,
    Instant createdAt,
    Optional<Instant> pullStartedAt,
    Optional<Instant> pullStoppedAt,
    Optional<Instant> startedAt,
    Optional<Instant> stoppingAt,
    Optional<Instant> stoppedAt,
    Optional<String> stopCode,
    Optional<String> stoppedReason,
    String containerName,
    String image,
    String containerLastStatus,
    Optional<Integer> exitCode,
    Optional<String> containerReason,
    long version,
    List<Tag> tags,
    String healthStatus,
    String privateIp) {

  public TaskView {
    tags = List.copyOf(tags);
  }
}
