package dev.daybreak.slack;

import dev.daybreak.model.Condition;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.NotifySpec;
import dev.daybreak.model.Phase;
import dev.daybreak.model.ServiceEvent;
import dev.daybreak.model.State;
import dev.daybreak.model.Transition;
import dev.daybreak.model.TransitionKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Announcements shaped like the seed's environment: a (tier 0) and b (tier 1, needs a). */
final class Fixtures {

  static final Instant STARTED = Instant.parse("2026-11-29T07:00:00Z");

  private Fixtures() {}

  static ServiceEvent event(String id, int secondsAfterStart, String message) {
    return new ServiceEvent(id, STARTED.plusSeconds(secondsAfterStart), message);
  }

  static ServiceReport service(
      String name,
      int tier,
      boolean ready,
      int desired,
      int running,
      int failed,
      Optional<ServiceEvent> event) {
    return new ServiceReport(name, name, tier, ready, desired, desired, running, failed, event);
  }

  static Transition transition(TransitionKind kind, int tier, String message, String... services) {
    return new Transition(kind, tier, List.of(services), message);
  }

  static Announcement wake(
      String environment,
      Phase phase,
      int tier,
      List<Transition> transitions,
      NotifySpec notify,
      List<Condition> conditions,
      ServiceReport... services) {
    EnvironmentStatus status =
        new EnvironmentStatus(
            EnvironmentStatus.FORMAT_VERSION,
            phase,
            Optional.of(State.AWAKE),
            tier,
            Map.of(),
            conditions,
            Map.of(),
            1,
            Optional.of(STARTED));
    return new Announcement(
        environment,
        new Operation(State.AWAKE, STARTED),
        "alice",
        "standup at 9",
        transitions,
        status,
        List.of(services),
        notify);
  }

  static Announcement wake(
      String environment, Phase phase, int tier, List<Transition> transitions, ServiceReport... s) {
    return wake(
        environment,
        phase,
        tier,
        transitions,
        new NotifySpec(Optional.of("dev-envs"), List.of()),
        List.of(),
        s);
  }
}
