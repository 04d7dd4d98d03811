package dev.daybreak.model.savings;

import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.Replicas;
import dev.daybreak.model.ServiceReadiness;
import dev.daybreak.model.ServiceSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which services daybreak keeps at zero after a pass, and which stopped being at zero: level-based,
 * from the status alone. A service is down when the controller's target for it is 0 and ECS reports
 * it at desiredCount 0 with no task running, and it would run tasks awake. That covers an
 * environment asleep, the services a partial wake left asleep, and those already stopped when a
 * sleep turned Degraded half-way (the ones still running are not down, so they save nothing).
 */
public final class SleepLedger {

  private SleepLedger() {}

  /**
   * What this pass changes.
   *
   * @param open the services down after the pass, with since when (to keep in the status)
   * @param closed the downtimes that ended in this pass (to record)
   */
  public record Step(Map<String, DownSince> open, List<Downtime> closed) {
    public Step {
      open = Map.copyOf(open);
      closed = List.copyOf(closed);
    }
  }

  /**
   * The downtimes open after a pass that computed {@code next}, given those open before.
   *
   * @param before the services down before this pass (from the previous status)
   * @param sizes each logical service's task size, when known
   * @param now when the pass observed ECS
   */
  public static Step next(
      EnvironmentSpec spec,
      Map<String, DownSince> before,
      EnvironmentStatus next,
      Map<String, TaskSize> sizes,
      Instant now) {
    Map<String, DownSince> open = new LinkedHashMap<>();
    List<Downtime> closed = new ArrayList<>();
    for (ServiceSpec s : spec.services()) {
      ServiceReadiness r = next.services().get(s.name());
      int wake = wakeCount(s, next);
      boolean down =
          r != null
              && r.target() == 0
              && r.desiredCount() == 0
              && r.runningCount() == 0
              && wake > 0;
      DownSince was = before.get(s.name());
      if (down) {
        open.put(
            s.name(),
            was != null
                ? (was.size().isEmpty() && sizes.containsKey(s.name())
                    ? new DownSince(was.since(), was.count(), Optional.of(sizes.get(s.name())))
                    : was)
                : new DownSince(now, wake, Optional.ofNullable(sizes.get(s.name()))));
      } else if (was != null) {
        closed.add(
            was.size().isPresent() || !sizes.containsKey(s.name())
                ? was.until(s.name(), now)
                : new DownSince(was.since(), was.count(), Optional.of(sizes.get(s.name())))
                    .until(s.name(), now));
      }
    }
    before.forEach(
        (name, was) -> {
          if (spec.services().stream().noneMatch(s -> s.name().equals(name))) {
            closed.add(was.until(name, now));
          }
        });
    return new Step(open, closed);
  }

  /** The count {@code service} runs awake: its replicas, or for restore its saved count. */
  public static int wakeCount(ServiceSpec service, EnvironmentStatus status) {
    if (service.replicas() instanceof Replicas.Fixed f) {
      return f.count();
    }
    Replicas.Restore r = (Replicas.Restore) service.replicas();
    return status.savedCounts().getOrDefault(service.name(), r.fallback());
  }
}
