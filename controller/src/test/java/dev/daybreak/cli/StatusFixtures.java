package dev.daybreak.cli;

import dev.daybreak.model.Condition;
import dev.daybreak.model.ConditionStatus;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.Phase;
import dev.daybreak.model.ServiceReadiness;
import dev.daybreak.model.State;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Statuses of the seed fixture (a -> b -> c) as the controller would write them. */
final class StatusFixtures {

  private StatusFixtures() {}

  static EnvironmentStatus asleep() {
    return status(Phase.ASLEEP, State.ASLEEP, -1, 0, 0, 0, List.of());
  }

  /** Waking: a ready, b with {@code bRunning} of 3 running. */
  static EnvironmentStatus waking(int bRunning) {
    return status(Phase.WAKING, State.AWAKE, 1, 1, bRunning, 0, List.of());
  }

  static EnvironmentStatus awake() {
    return status(Phase.AWAKE, State.AWAKE, -1, 1, 3, 1, List.of());
  }

  static EnvironmentStatus degraded() {
    return status(
        Phase.DEGRADED,
        State.AWAKE,
        1,
        1,
        0,
        0,
        List.of(
            new Condition(
                "Degraded",
                ConditionStatus.TRUE,
                "ServiceTimedOut",
                "b: 0/3 running after 5m, 4 failed tasks; latest event: (service b) failed to launch",
                Cli.NOW)));
  }

  private static EnvironmentStatus status(
      Phase phase, State target, int tier, int a, int b, int c, List<Condition> conditions) {
    boolean awake = target == State.AWAKE;
    return new EnvironmentStatus(
        EnvironmentStatus.FORMAT_VERSION,
        phase,
        Optional.of(target),
        tier,
        Map.of(
            "a", readiness(0, awake ? 1 : 0, a),
            "b", readiness(1, awake ? 3 : 0, b),
            "c", readiness(2, awake ? 1 : 0, c)),
        conditions,
        Map.of(),
        1,
        Optional.of(Instant.parse("2026-11-30T07:55:00Z")));
  }

  private static ServiceReadiness readiness(int tier, int target, int running) {
    return new ServiceReadiness(
        tier, running == target, target, target, running, 0, Optional.empty());
  }
}
