package dev.daybreak.ecssim;

import dev.daybreak.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** A simulator on a virtual clock with cluster {@code dev}, and short ways to call it. */
final class SimTesting {

  static final Instant T0 = Instant.parse("2026-01-01T06:00:00Z");
  static final String CALLER = "test";
  static final Optional<String> DEV = Optional.of("dev");

  final VirtualClock clock = VirtualClock.startingAt(T0);
  final EcsSimulator sim;

  SimTesting(SimSettings settings, String... services) {
    sim = new EcsSimulator(settings, clock);
    sim.provision("dev", List.of(services));
  }

  ServiceView describe(String service) {
    return sim.describeServices(CALLER, DEV, List.of(service), false).items().get(0);
  }

  ServiceView scale(String service, int desiredCount) {
    return sim.updateService(
        CALLER, DEV, service, OptionalInt.of(desiredCount), Optional.empty(), false);
  }

  void advance(Duration d) {
    clock.advance(d);
  }

  int failedTasks(String service) {
    return describe(service).deployments().stream().mapToInt(DeploymentView::failedTasks).sum();
  }

  List<String> messages(String service) {
    return describe(service).events().stream().map(ServiceEventView::message).toList();
  }

  List<TaskView> tasks(String service, String desiredStatus) {
    Page page =
        sim.listTasks(
            CALLER,
            DEV,
            Optional.of(service),
            Optional.of(desiredStatus),
            OptionalInt.empty(),
            Optional.empty());
    return page.arns().isEmpty()
        ? List.of()
        : sim.describeTasks(CALLER, DEV, page.arns(), false).items();
  }
}
