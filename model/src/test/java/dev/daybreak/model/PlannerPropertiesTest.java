package dev.daybreak.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.Scenarios.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The planner's rules over random DAGs of up to 60 services, random observed states and previous
 * statuses reached by earlier random passes.
 */
class PlannerPropertiesTest {

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Scenarios.any();
  }

  @Provide
  Arbitrary<Scenario> partialWakes() {
    return Scenarios.partialWakes();
  }

  @Provide
  Arbitrary<Scenario> reverseSleeps() {
    return Scenarios.reverseSleeps();
  }

  @Property(tries = 1000)
  void plan_neverScalesUpAServiceWhoseDependenciesAreNotAllReady(
      @ForAll("scenarios") Scenario scenario) {
    Plan plan = scenario.plan();

    assertNoScaleUpBeforeDependenciesAreReady(scenario, plan);
    Statistics.label("a scale-up of a service with dependencies")
        .collect(hasScaleUpWithDependencies(scenario, plan))
        .coverage(c -> c.check(true).percentage(p -> p >= 5));
  }

  @Property(tries = 1000)
  void plan_actsOnOneTierOfActiveServicesTowardTheirTarget(@ForAll("scenarios") Scenario scenario) {
    Plan plan = scenario.plan();

    assertActionsWellFormed(scenario, plan);
    assertStatusConsistent(scenario, plan);
  }

  @Property(tries = 1000)
  void plan_reverseSleepNeverStopsAServiceWithARunningDependent(
      @ForAll("reverseSleeps") Scenario scenario) {
    Plan plan = scenario.plan();

    assertNoStopBeforeDependentsStopped(scenario, plan);
    boolean stopsAServiceWithDependents =
        plan.actions().stream()
            .anyMatch(a -> !scenario.graph().dependentsOf(a.service()).isEmpty());
    Statistics.label("stops a service that has dependents")
        .collect(stopsAServiceWithDependents)
        .coverage(c -> c.check(true).percentage(p -> p >= 10));
  }

  @Property(tries = 1000)
  void plan_partialWakeTouchesOnlyTheRequestedServicesAndTheirDependencies(
      @ForAll("partialWakes") Scenario scenario) {
    DependencyGraph graph = scenario.graph();
    Set<String> closure = graph.closureOf(scenario.desired().services());

    Plan plan = scenario.plan();

    for (ScaleAction action : plan.actions()) {
      assertThat(closure).as("scaled %s", action.service()).contains(action.service());
      assertThat(action.desiredCount())
          .isGreaterThan(scenario.observedOf(action.service()).desiredCount());
    }
    for (ServiceSpec service : scenario.spec().services()) {
      if (!closure.contains(service.name())) {
        assertThat(plan.status().services().get(service.name()).target())
            .as("%s is left as it is", service.name())
            .isEqualTo(scenario.observedOf(service.name()).desiredCount());
      }
    }
    boolean wakesADependencyNotAskedFor =
        plan.actions().stream().anyMatch(a -> !scenario.desired().services().contains(a.service()));
    Statistics.label("wakes a dependency that was not asked for")
        .collect(wakesADependencyNotAskedFor)
        .coverage(c -> c.check(true).percentage(p -> p >= 5));
  }

  /**
   * From any state, with ECS doing what it is told, the planner settles within one pass per tier
   * (plus the pass that concludes), keeps every rule on the way, and the settled state is a fixed
   * point: planning it again, hours later, yields no action, no transition and the same status.
   */
  @Property(tries = 1000)
  void plan_convergesAndIsIdempotentOnTheConvergedState(@ForAll("scenarios") Scenario start) {
    World world = new World();
    for (ServiceSpec service : start.spec().services()) {
      ObservedService observed = start.observedOf(service.name());
      world.put(
          observed.status() == ServiceStatus.ACTIVE
              ? observed
              : World.active(service.ecsService(), 0, 0));
    }
    PlanLoop loop = new PlanLoop(start.spec(), start.desired(), world);
    loop.status = start.previous();
    loop.now = start.now();
    int maxPasses = start.graph().tiers().size() + 1;
    boolean settled = false;
    for (int pass = 0; pass < maxPasses && !settled; pass++) {
      Scenario current =
          new Scenario(start.spec(), start.desired(), world.observed(), loop.status, loop.now);
      Plan plan = loop.pass();
      assertNoScaleUpBeforeDependenciesAreReady(current, plan);
      assertNoStopBeforeDependentsStopped(current, plan);
      assertActionsWellFormed(current, plan);
      world.settle();
      loop.after(plan.requeueAfter());
      settled = plan.actions().isEmpty() && plan.status().currentTier() < 0;
    }
    assertThat(settled).as("settled within %d passes", maxPasses).isTrue();
    Plan converged = loop.pass();
    assertThat(converged.actions()).isEmpty();
    assertThat(converged.status().phase()).isIn(Phase.AWAKE, Phase.ASLEEP, Phase.DEGRADED);

    Plan again = loop.after(Duration.ofHours(3)).peek();

    assertThat(again.actions()).isEmpty();
    assertThat(again.transitions()).isEmpty();
    assertThat(again.status()).isEqualTo(converged.status());
  }

  @Property(tries = 1000)
  void plan_isDeterministicWhateverTheOrderOfItsInputs(
      @ForAll("scenarios") Scenario scenario, @ForAll Random random) {
    List<ServiceSpec> shuffled = new ArrayList<>(scenario.spec().services());
    Collections.shuffle(shuffled, random);
    EnvironmentSpec reordered = Scenarios.spec(scenario.spec().sleepOrder(), shuffled);

    Plan plan = scenario.plan();
    Plan again = scenario.plan();
    Plan fromReordered =
        Planner.plan(
            reordered,
            scenario.desired(),
            new TreeMap<>(scenario.observed()),
            scenario.previous(),
            scenario.now());

    assertThat(again).isEqualTo(plan);
    assertThat(fromReordered).isEqualTo(plan);
  }

  private static void assertNoScaleUpBeforeDependenciesAreReady(Scenario scenario, Plan plan) {
    DependencyGraph graph = scenario.graph();
    for (ScaleAction action : plan.actions()) {
      if (action.desiredCount() <= scenario.observedOf(action.service()).desiredCount()) {
        continue;
      }
      for (String dependency : graph.dependenciesOf(action.service())) {
        ServiceSpec spec = scenario.spec().service(dependency).orElseThrow();
        int target = ReadyOracle.target(spec, scenario.previous().savedCounts());
        assertThat(ReadyOracle.isReady(spec, scenario.observedOf(dependency), target))
            .as("%s scaled up while its dependency %s is not ready", action.service(), dependency)
            .isTrue();
      }
    }
  }

  private static boolean hasScaleUpWithDependencies(Scenario scenario, Plan plan) {
    return plan.actions().stream()
        .anyMatch(
            a ->
                a.desiredCount() > scenario.observedOf(a.service()).desiredCount()
                    && !scenario.graph().dependenciesOf(a.service()).isEmpty());
  }

  private static void assertNoStopBeforeDependentsStopped(Scenario scenario, Plan plan) {
    if (scenario.desired().state() != State.ASLEEP
        || scenario.spec().sleepOrder() != SleepOrder.REVERSE) {
      return;
    }
    for (ScaleAction action : plan.actions()) {
      for (String dependent : scenario.graph().dependentsOf(action.service())) {
        assertThat(scenario.observedOf(dependent).runningCount())
            .as("%s stopped while its dependent %s runs", action.service(), dependent)
            .isZero();
      }
    }
  }

  private static void assertActionsWellFormed(Scenario scenario, Plan plan) {
    Set<String> scaled = new HashSet<>();
    Set<Integer> tiers = new HashSet<>();
    for (ScaleAction action : plan.actions()) {
      assertThat(scaled.add(action.service())).as("one action per service").isTrue();
      tiers.add(action.tier());
      ObservedService observed = scenario.observedOf(action.service());
      ServiceSpec spec = scenario.spec().service(action.service()).orElseThrow();
      assertThat(observed.status()).isEqualTo(ServiceStatus.ACTIVE);
      assertThat(action.ecsService()).isEqualTo(spec.ecsService());
      assertThat(action.tier()).isEqualTo(scenario.graph().tierOf(action.service()));
      if (scenario.desired().state() == State.AWAKE) {
        assertThat(action.desiredCount())
            .isEqualTo(ReadyOracle.target(spec, scenario.previous().savedCounts()))
            .isGreaterThan(observed.desiredCount());
      } else {
        assertThat(action.desiredCount()).isZero();
        assertThat(observed.desiredCount()).isPositive();
      }
    }
    boolean parallelSleep =
        scenario.desired().state() == State.ASLEEP
            && scenario.spec().sleepOrder() == SleepOrder.PARALLEL;
    if (!parallelSleep && !plan.actions().isEmpty()) {
      assertThat(tiers).containsExactly(plan.status().currentTier());
    }
  }

  private static void assertStatusConsistent(Scenario scenario, Plan plan) {
    EnvironmentStatus status = plan.status();
    assertThat(status.services().keySet())
        .containsExactlyInAnyOrderElementsOf(
            scenario.spec().services().stream().map(ServiceSpec::name).toList());
    assertThat(status.target()).contains(scenario.desired().state());
    boolean degraded = Conditions.isDegraded(status);
    assertThat(status.phase() == Phase.DEGRADED).isEqualTo(degraded);
    if (status.phase() == Phase.AWAKE || status.phase() == Phase.ASLEEP) {
      assertThat(plan.actions()).isEmpty();
      assertThat(status.currentTier()).isEqualTo(-1);
      assertThat(status.condition(Conditions.READY).orElseThrow().status())
          .isEqualTo(ConditionStatus.TRUE);
    }
    assertThat(plan.requeueAfter()).isPositive().isLessThanOrEqualTo(Requeue.DEGRADED_MAX);
    Map<String, ServiceReadiness> services = status.services();
    services.forEach(
        (name, readiness) -> assertThat(readiness.tier()).isEqualTo(scenario.graph().tierOf(name)));
  }
}
