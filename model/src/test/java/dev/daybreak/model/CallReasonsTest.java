package dev.daybreak.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Why the planner made a call, from the real planner's plans of the seed. */
class CallReasonsTest {

  private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
  private static final List<ServiceSpec> SEED =
      List.of(
          ServiceSpec.of("a", 1),
          ServiceSpec.of("b", 3, "a"),
          ServiceSpec.of("c", 1, "b"),
          ServiceSpec.of("d", 7, "b"));

  private static Map<String, ObservedService> observed(int a, int b, int c, int d) {
    Map<String, ObservedService> all = new HashMap<>();
    Map<String, Integer> counts = Map.of("a", a, "b", b, "c", c, "d", d);
    counts.forEach(
        (name, n) ->
            all.put(
                name,
                new ObservedService(
                    name, ServiceStatus.ACTIVE, n, n, 0, List.of(), List.of(), Optional.empty())));
    return all;
  }

  private static List<String> reasons(
      SleepOrder order, State state, Map<String, ObservedService> o) {
    EnvironmentSpec spec = Scenarios.spec(order, SEED);
    Plan plan =
        Planner.plan(
            spec, DesiredState.of(state, "t", "", NOW), o, EnvironmentStatus.initial(), NOW);
    return plan.actions().stream()
        .map(a -> a.service() + ": " + CallReasons.why(spec, plan.status(), a))
        .toList();
  }

  @Test
  void why_wake_namesTheReadyDependencies_orNone() {
    assertThat(reasons(SleepOrder.REVERSE, State.AWAKE, observed(0, 0, 0, 0)))
        .containsExactly("a: it depends on nothing");
    assertThat(reasons(SleepOrder.REVERSE, State.AWAKE, observed(1, 3, 0, 0)))
        .containsExactly("c: b is ready", "d: b is ready");
  }

  @Test
  void why_reverseSleep_namesTheStoppedDependents_parallelSaysSo() {
    assertThat(reasons(SleepOrder.REVERSE, State.ASLEEP, observed(1, 3, 0, 0)))
        .containsExactly("b: c, d are stopped");
    assertThat(reasons(SleepOrder.PARALLEL, State.ASLEEP, observed(1, 3, 1, 7)))
        .containsExactly(
            "a: the sleep order is parallel",
            "b: the sleep order is parallel",
            "c: nothing depends on it",
            "d: nothing depends on it");
  }

  @Test
  void waitingFor_isTheDependentsOfAWake_andTheDependenciesOfAReverseSleep() {
    EnvironmentSpec spec = Scenarios.spec(SleepOrder.REVERSE, SEED);

    assertThat(CallReasons.waitingFor(spec, new ScaleAction("b", "b", 3, 1)))
        .containsExactly("c", "d");
    assertThat(CallReasons.waitingFor(spec, new ScaleAction("b", "b", 0, 1))).containsExactly("a");
    assertThat(
            CallReasons.waitingFor(
                Scenarios.spec(SleepOrder.PARALLEL, SEED), new ScaleAction("b", "b", 0, 1)))
        .isEmpty();
  }
}
