package dev.daybreak.ecssim;

import java.util.Arrays;
import java.util.Optional;

/** The ECS API operations the simulator answers, named as in {@code X-Amz-Target}. */
public enum Operation {
  /** Describes up to 10 services of a cluster. */
  DescribeServices(Quota.SERVICE_READS),
  /** Lists a cluster's service ARNs, paginated. */
  ListServices(Quota.SERVICE_READS),
  /** Changes a service's desiredCount (or task definition). */
  UpdateService(Quota.UPDATE_SERVICE),
  /** Creates a service. */
  CreateService(Quota.NONE),
  /** Deletes a service (it drains, then becomes INACTIVE). */
  DeleteService(Quota.NONE),
  /** Creates a cluster. */
  CreateCluster(Quota.NONE),
  /** Describes clusters. */
  DescribeClusters(Quota.NONE),
  /** Lists task ARNs of a cluster or service, paginated. */
  ListTasks(Quota.TASK_READS),
  /** Describes up to 100 tasks, including why they stopped. */
  DescribeTasks(Quota.TASK_READS),
  /** Adds tags to a cluster, service or task. */
  TagResource(Quota.NONE),
  /** Removes tags from a cluster, service or task. */
  UntagResource(Quota.NONE),
  /** Lists a cluster's, service's or task's tags. */
  ListTagsForResource(Quota.NONE),
  /** Describes one task definition (CPU, memory, runtime platform, containers). */
  DescribeTaskDefinition(Quota.TASK_DEFINITION_READS),
  /** Registers a new revision of a task definition family. */
  RegisterTaskDefinition(Quota.NONE);

  /** Which of ECS's token buckets an operation draws from. */
  public enum Quota {
    /** Service reads: burst 100, 20 a second. */
    SERVICE_READS,
    /** UpdateService: burst 50, 5 a second. */
    UPDATE_SERVICE,
    /** Task reads (DescribeTasks, ListTasks): burst 100, 20 a second. */
    TASK_READS,
    /** Task definition reads (DescribeTaskDefinition): burst 100, 20 a second. */
    TASK_DEFINITION_READS,
    /** Not throttled by the simulator. */
    NONE
  }

  private final Quota quota;

  Operation(Quota quota) {
    this.quota = quota;
  }

  public Quota quota() {
    return quota;
  }

  /** The operation with this wire name. */
  public static Optional<Operation> named(String name) {
    return Arrays.stream(values()).filter(o -> o.name().equals(name)).findFirst();
  }
}
