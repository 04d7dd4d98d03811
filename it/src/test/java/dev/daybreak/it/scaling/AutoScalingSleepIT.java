package dev.daybreak.it.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.ecssim.CallRecord;
import dev.daybreak.model.Phase;
import dev.daybreak.model.ScalableTargets;
import dev.daybreak.model.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/**
 * A service with an Application Auto Scaling target (MinCapacity 2) on the simulator over HTTP,
 * driven by the real controller through the AWS SDK: asleep, it stays at 0 for ten minutes of
 * simulated time; awake, its target is exactly what it was; and the same holds when the controller
 * is killed before any one of its mutating calls. Without daybreak's handling ({@code autoscaling:
 * ignore}) the simulator raises the sleeping service back, as Application Auto Scaling would.
 */
class AutoScalingSleepIT {

  /** b's target before daybreak ever touches it: scale-in suspended by its team. */
  private static void registerTarget(ScalingWorld world) {
    world.aas.registerScalableTarget(
        r ->
            r.serviceNamespace(ServiceNamespace.ECS)
                .resourceId("service/dev/b")
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .minCapacity(2)
                .maxCapacity(4)
                .suspendedState(s -> s.dynamicScalingInSuspended(true)));
  }

  /** Min, max and the three suspended flags: what must come back exactly. */
  private static List<Object> bounds(ScalableTarget t) {
    return List.of(
        t.minCapacity(),
        t.maxCapacity(),
        t.suspendedState().dynamicScalingInSuspended(),
        t.suspendedState().dynamicScalingOutSuspended(),
        t.suspendedState().scheduledScalingSuspended());
  }

  /** Wakes, sleeps, waits ten minutes, wakes again; checks every end state on the way. */
  private static void cycle(ScalingWorld world, List<Object> original) {
    world.desire(State.ASLEEP);
    world.driveTo(Phase.ASLEEP);
    Instant asleepAt = world.clock.instant();
    assertThat(world.desiredCount("b")).isZero();
    assertThat(bounds(world.target("b"))).isEqualTo(List.of(0, 4, true, true, true));
    assertThat(world.status().orElseThrow().savedScalableTargets().get("b").min()).isEqualTo(2);

    world.advance(Duration.ofMinutes(10));

    assertThat(world.desiredCount("b")).as("b 10 minutes after sleep").isZero();
    assertThat(world.autoScalingChanges())
        .as("Application Auto Scaling's own changes after the sleep")
        .filteredOn(c -> c.at().isAfter(asleepAt))
        .isEmpty();

    Instant wakeAt = world.clock.instant();
    world.desire(State.AWAKE);
    world.driveTo(Phase.AWAKE);
    assertThat(bounds(world.target("b"))).isEqualTo(original);
    assertThat(world.status().orElseThrow().savedScalableTargets()).isEmpty();
    assertThat(world.desiredCount("b"))
        .as("replicas 1 raised to the restored minimum")
        .isEqualTo(2);
    assertThat(
            world
                .status()
                .orElseThrow()
                .condition(ScalableTargets.CONDITION)
                .orElseThrow()
                .message())
        .contains("b wakes to 2, not 1: its scalable target's MinCapacity is 2");
    List<CallRecord> bCalls =
        world.sim.calls().stream()
            .filter(c -> c.at().isAfter(asleepAt) && c.services().equals(List.of("b")))
            .filter(c -> List.of("RegisterScalableTarget", "UpdateService").contains(c.op()))
            .filter(c -> c.caller().equals("daybreak"))
            .toList();
    assertThat(bCalls).as("daybreak's wake calls for b").isNotEmpty();
    assertRestoredWithItsOwnUpdateService(world, wakeAt);
  }

  /**
   * b's restore comes with its own UpdateService, right after it, and Application Auto Scaling
   * changes nothing from the wake until then (by the simulator's call log: the restore raising b
   * itself would be logged as its UpdateService, at the instant of the RegisterScalableTarget).
   *
   * @return daybreak's UpdateService of b in the wake
   */
  private static CallRecord assertRestoredWithItsOwnUpdateService(
      ScalingWorld world, Instant wakeAt) {
    List<CallRecord> b =
        world.sim.calls().stream()
            .filter(c -> !c.at().isBefore(wakeAt) && c.services().equals(List.of("b")))
            .filter(c -> List.of("RegisterScalableTarget", "UpdateService").contains(c.op()))
            .toList();
    CallRecord scaled =
        b.stream()
            .filter(c -> c.op().equals("UpdateService") && c.caller().equals("daybreak"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("daybreak never scaled b up: " + b));
    CallRecord restore =
        b.stream()
            .filter(c -> c.op().equals("RegisterScalableTarget"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("b's target never restored: " + b));
    assertThat(scaled.desiredCount()).as("b woken to its restored minimum").hasValue(2);
    assertThat(b.indexOf(scaled))
        .as("daybreak's UpdateService of b comes before b's restore in the call log: %s", b)
        .isLessThan(b.indexOf(restore));
    assertThat(restore.caller()).isEqualTo("daybreak");
    assertThat(world.autoScalingChanges())
        .as("Application Auto Scaling's own changes from the wake until daybreak scaled b")
        .filteredOn(c -> !c.at().isBefore(wakeAt) && !c.at().isAfter(scaled.at()))
        .isEmpty();
    return scaled;
  }

  private static ScalingWorld awakeWorldWithTarget(String autoscaling) {
    ScalingWorld world = ScalingWorld.start(autoscaling);
    registerTarget(world);
    world.desire(State.AWAKE);
    world.driveTo(Phase.AWAKE);
    return world;
  }

  @Test
  void sleep_serviceWithMinCapacityTwo_staysAtZeroAndWakesWithItsTargetExactlyAsItWas() {
    try (ScalingWorld world = awakeWorldWithTarget("manage")) {
      List<Object> original = bounds(world.target("b"));
      assertThat(original).isEqualTo(List.of(2, 4, true, false, false));

      cycle(world, original);
    }
  }

  @Test
  void wake_callsTakingSeconds_applicationAutoScalingNeverRaisesTheServiceBeforeDaybreakScalesIt() {
    try (ScalingWorld world = awakeWorldWithTarget("manage")) {
      List<Object> original = bounds(world.target("b"));
      world.desire(State.ASLEEP);
      world.driveTo(Phase.ASLEEP);
      world.advance(Duration.ofMinutes(1));
      Instant wakeAt = world.clock.instant();
      // Each call lands 3 s after it is made (longer than an observation may be acted on): the
      // restored MinCapacity 2 would let Application Auto Scaling raise b 5 s after it lands.
      world.callLatency(Duration.ofSeconds(3));

      world.desire(State.AWAKE);
      world.driveTo(Phase.AWAKE);

      assertThat(bounds(world.target("b"))).isEqualTo(original);
      CallRecord scaled = assertRestoredWithItsOwnUpdateService(world, wakeAt);
      assertThat(world.sim.calls())
          .as("b's restore, one call after its UpdateService")
          .anySatisfy(
              c -> {
                assertThat(c.op()).isEqualTo("RegisterScalableTarget");
                assertThat(c.services()).containsExactly("b");
                assertThat(c.at()).isEqualTo(scaled.at().plusSeconds(3));
              });
      assertThat(world.autoScalingChanges()).filteredOn(c -> c.at().isAfter(wakeAt)).isEmpty();
      assertThat(world.desiredCount("b")).isEqualTo(2);
    }
  }

  @Test
  void sleep_withoutDaybreaksHandling_applicationAutoScalingRaisesTheServiceBack() {
    try (ScalingWorld world = awakeWorldWithTarget("ignore")) {
      world.desire(State.ASLEEP);
      int before = world.mutations();
      for (int pass = 0; pass < 50; pass++) {
        world.pass();
        if (world.desiredCount("b") == 0) {
          break;
        }
        world.advance(Duration.ofSeconds(5));
      }
      assertThat(world.desiredCount("b")).as("daybreak scaled b to 0").isZero();
      assertThat(world.mutations()).isGreaterThan(before);
      Instant stoppedAt = world.clock.instant();

      world.advance(Duration.ofMinutes(10));

      assertThat(world.desiredCount("b")).as("b 10 minutes after daybreak stopped it").isEqualTo(2);
      assertThat(world.autoScalingChanges())
          .filteredOn(c -> c.at().isAfter(stoppedAt))
          .first()
          .satisfies(c -> assertThat(c.desiredCount()).hasValue(2))
          .satisfies(c -> assertThat(c.at()).isEqualTo(stoppedAt.plusSeconds(5)));
      assertThat(world.sim.calls())
          .filteredOn(c -> c.caller().equals("daybreak"))
          .extracting(CallRecord::op)
          .doesNotContain("DescribeScalableTargets", "RegisterScalableTarget");
    }
  }

  @Test
  void sleepAndWake_controllerKilledBeforeEachMutatingCall_convergesToTheSameEndState() {
    int calls;
    try (ScalingWorld world = awakeWorldWithTarget("manage")) {
      int start = world.mutations();
      cycle(world, bounds(world.target("b")));
      calls = world.mutations() - start;
    }
    assertThat(calls).as("mutating calls of one sleep and wake").isGreaterThanOrEqualTo(6);
    List<String> killedBefore = new ArrayList<>();
    for (int k = 0; k < calls; k++) {
      try (ScalingWorld world = awakeWorldWithTarget("manage")) {
        List<Object> original = bounds(world.target("b"));
        world.killBefore(k);

        cycle(world, original);

        assertThat(world.restarts).as("restarts when killed before call %d", k).isEqualTo(1);
        killedBefore.add(world.killedBefore.orElseThrow());
      }
    }
    assertThat(killedBefore)
        .hasSize(calls)
        .contains(
            "the status write",
            "RegisterScalableTarget b",
            "UpdateService b 0",
            "UpdateService a 0",
            "UpdateService a 1");
    assertThat(killedBefore.stream().filter(w -> w.equals("RegisterScalableTarget b")))
        .as("killed before the suspend and before the restore")
        .hasSize(2);
  }
}
