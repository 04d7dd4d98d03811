package dev.daybreak.model;

import static dev.daybreak.model.Seed.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerPartialWakeTest {

  @Test
  void plan_partialWake_wakesTheRequestedServiceAndItsDependenciesOnly() {
    PlanLoop loop = new PlanLoop(Seed.spec(), Seed.awake("d"), World.asleep(Seed.spec()));

    List<List<String>> scaledPerPass = new ArrayList<>();
    for (int pass = 0; pass < 3; pass++) {
      scaledPerPass.add(loop.pass().actions().stream().map(ScaleAction::service).toList());
      loop.world.settle();
    }
    Plan last = loop.pass();

    assertThat(scaledPerPass).containsExactly(List.of("a"), List.of("b"), List.of("d"));
    assertThat(last.status().phase()).isEqualTo(Phase.AWAKE);
    assertThat(loop.world.get("c").desiredCount()).isZero();
    assertThat(loop.world.get("e").desiredCount()).isZero();
    assertThat(last.status().condition(Conditions.READY).orElseThrow().message())
        .isEqualTo("3 of 5 services ready as requested; the others were left as they were");
  }

  @Test
  void plan_partialWake_leavesServicesOutsideTheClosureAsTheyAre() {
    World world = Seed.awakeWorld().set("b", 3, 1).set("e", 2, 2);

    Plan plan =
        Planner.plan(
            Seed.spec(), Seed.awake("a"), world.observed(), EnvironmentStatus.initial(), T0);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.status().phase()).isEqualTo(Phase.AWAKE);
    assertThat(plan.status().services().get("e").target())
        .as("not driven: its target is what it has")
        .isEqualTo(2);
  }

  @Test
  void plan_partialWake_serviceOutsideTheClosureMissing_isNotAProblem() {
    World world = Seed.awakeWorld().remove("e");

    Plan plan =
        Planner.plan(
            Seed.spec(), Seed.awake("c"), world.observed(), EnvironmentStatus.initial(), T0);

    assertThat(plan.status().phase()).isEqualTo(Phase.AWAKE);
    assertThat(plan.status().services().get("e").ready()).isFalse();
  }

  @Test
  void plan_partialWake_transitionsListTheServicesInScope() {
    Plan plan =
        Planner.plan(
            Seed.spec(),
            Seed.awake("c"),
            World.asleep(Seed.spec()).observed(),
            EnvironmentStatus.initial(),
            T0);

    Transition started = plan.transitions().get(0);
    assertThat(started.kind()).isEqualTo(TransitionKind.WAKE_STARTED);
    assertThat(started.services()).containsExactly("a", "b", "c");
    assertThat(started.message())
        .isEqualTo(
            "waking environment 'dev': c and its dependencies, 3 services, lowest tier first"
                + " (requested by alice: debugging)");
  }

  @Test
  void plan_partialWake_unknownService_isDegradedNamingItAndWhatIsDeclared() {
    Plan plan =
        Planner.plan(
            Seed.spec(),
            Seed.awake("b", "search"),
            World.asleep(Seed.spec()).observed(),
            EnvironmentStatus.initial(),
            T0);

    assertThat(plan.actions()).containsExactly(new ScaleAction("a", "a", 1, 0));
    assertThat(plan.status().phase()).isEqualTo(Phase.DEGRADED);
    Condition degraded = plan.status().condition(Conditions.DEGRADED).orElseThrow();
    assertThat(degraded.status()).isEqualTo(ConditionStatus.TRUE);
    assertThat(degraded.reason()).isEqualTo(Conditions.REASON_UNKNOWN_SERVICE);
    assertThat(degraded.message())
        .isEqualTo(
            "the desired state asks to wake service 'search', which environment 'dev' does not"
                + " declare (declared: a, b, c, d, e)");
  }
}
