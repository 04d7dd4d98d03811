package dev.daybreak.ecssim;

import java.util.List;

/** A cluster as DescribeClusters returns it. */
public record ClusterView(
    String clusterArn,
    String clusterName,
    String status,
    int runningTasksCount,
    int pendingTasksCount,
    int activeServicesCount,
    List<Tag> tags) {

  public ClusterView {
    tags = List.copyOf(tags);
  }
}
