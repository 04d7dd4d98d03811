package dev.daybreak.ecssim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** One simulated cluster: its services and the tasks that stopped recently. */
final class SimCluster {

  /** ECS keeps stopped tasks describable for about an hour. */
  static final Duration STOPPED_TASK_RETENTION = Duration.ofHours(1);

  final String name;
  final String arn;
  final Map<String, String> tags = new LinkedHashMap<>();

  /** By name: the ACTIVE or DRAINING service, or the last INACTIVE one of that name. */
  final Map<String, SimService> services = new LinkedHashMap<>();

  private final List<SimTask> stopped = new ArrayList<>();

  SimCluster(String name, String arn) {
    this.name = name;
    this.arn = arn;
  }

  Optional<SimService> service(String name) {
    return Optional.ofNullable(services.get(name));
  }

  void retire(SimTask task) {
    stopped.add(task);
  }

  /** Every task, live or stopped within the retention, after dropping older stopped ones. */
  Stream<SimTask> tasks(Instant now) {
    stopped.removeIf(t -> t.stoppedAt.plus(STOPPED_TASK_RETENTION).isBefore(now));
    return Stream.concat(
        services.values().stream().flatMap(s -> s.tasks.stream()), stopped.stream());
  }
}
