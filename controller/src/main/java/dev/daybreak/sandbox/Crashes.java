package dev.daybreak.sandbox;

import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.Page;
import dev.daybreak.ecssim.TaskView;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Counts the tasks that stopped by failing (crashed, or never started) rather than by being scaled
 * in, from the simulator's stopped tasks and their {@code stoppedReason} — the way one would with
 * {@code aws ecs list-tasks --desired-status STOPPED} and {@code describe-tasks}. ECS's own {@code
 * failedTasks} resets once a deployment runs a task, so it cannot tell afterwards how rough a wake
 * was.
 */
final class Crashes {

  private static final String CALLER = "daybreak-sandbox-report";
  private static final int DESCRIBE_TASKS_MAX = 100;

  private Crashes() {}

  /** Failed task stops per logical service, for services that had any. */
  static Map<String, Integer> of(EcsSimulator sim, EnvironmentSpec spec) {
    Map<String, Integer> crashes = new LinkedHashMap<>();
    for (ServiceSpec s : spec.services()) {
      int n = 0;
      List<String> stopped = stoppedTasks(sim, spec.cluster(), s.ecsService());
      for (int i = 0; i < stopped.size(); i += DESCRIBE_TASKS_MAX) {
        List<String> batch = stopped.subList(i, Math.min(stopped.size(), i + DESCRIBE_TASKS_MAX));
        for (TaskView t :
            sim.describeTasks(CALLER, Optional.of(spec.cluster()), batch, false).items()) {
          n += t.stoppedReason().filter(Crashes::isFailure).isPresent() ? 1 : 0;
        }
      }
      if (n > 0) {
        crashes.put(s.name(), n);
      }
    }
    return crashes;
  }

  private static boolean isFailure(String stoppedReason) {
    return !stoppedReason.startsWith("Scaling activity")
        && !stoppedReason.startsWith("Deployment replaced");
  }

  private static List<String> stoppedTasks(EcsSimulator sim, String cluster, String service) {
    List<String> arns = new ArrayList<>();
    Optional<String> token = Optional.empty();
    do {
      Page page =
          sim.listTasks(
              CALLER,
              Optional.of(cluster),
              Optional.of(service),
              Optional.of("STOPPED"),
              OptionalInt.empty(),
              token);
      arns.addAll(page.arns());
      token = page.nextToken();
    } while (token.isPresent());
    return arns;
  }
}
