package dev.daybreak.model;

import static dev.daybreak.model.Seed.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerTimeoutTest {

  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  /** The seed with b's timeout at 5 minutes. */
  private static EnvironmentSpec spec() {
    return Seed.specWith(Seed.service("b", Replicas.fixed(3), Readiness.RUNNING, TIMEOUT, "a"));
  }

  /** a is up; the planner scaled b to 3 at T0 and is waiting for it. */
  private static PlanLoop waitingForB() {
    PlanLoop loop = new PlanLoop(spec(), Seed.awake(), World.asleep(spec()).set("a", 1, 1));
    Plan first = loop.pass();
    assertThat(first.actions()).containsExactly(new ScaleAction("b", "b", 3, 1));
    return loop;
  }

  private static ObservedService crashingB(Instant at) {
    return World.failing(
        "b",
        3,
        1,
        4,
        at,
        "(service b) is unable to consistently start tasks successfully. For more information,"
            + " see the Troubleshooting section.");
  }

  @Test
  void plan_serviceScaled_startsItsTimerAtTheFirstPass() {
    PlanLoop loop = waitingForB();

    Plan later = loop.after(Duration.ofMinutes(1)).pass();

    assertThat(later.status().services().get("b").waitingSince()).contains(T0);
    assertThat(later.status().phase()).isEqualTo(Phase.WAKING);
  }

  @Test
  void plan_serviceNotReadyBeforeItsTimeout_isStillWaking() {
    PlanLoop loop = waitingForB();
    loop.world.put(crashingB(T0.plusSeconds(200)));

    Plan plan = loop.after(TIMEOUT.minusSeconds(1)).pass();

    assertThat(plan.status().phase()).isEqualTo(Phase.WAKING);
    assertThat(plan.transitions()).isEmpty();
  }

  @Test
  void plan_serviceNotReadyWithinItsTimeout_isDegradedNamingServiceFailedTasksAndLatestEvent() {
    PlanLoop loop = waitingForB();
    loop.world.put(crashingB(Instant.parse("2026-11-30T07:04:10Z")));

    Plan plan = loop.after(TIMEOUT).pass();

    assertThat(plan.status().phase()).isEqualTo(Phase.DEGRADED);
    assertThat(plan.status().currentTier()).isEqualTo(1);
    Condition degraded = plan.status().condition(Conditions.DEGRADED).orElseThrow();
    assertThat(degraded.status()).isEqualTo(ConditionStatus.TRUE);
    assertThat(degraded.reason()).isEqualTo(Conditions.REASON_SERVICE_TIMED_OUT);
    assertThat(degraded.lastTransitionTime()).isEqualTo(T0.plus(TIMEOUT));
    assertThat(degraded.message())
        .isEqualTo(
            "service 'b' is not ready (running) within its 5m timeout since it was scaled to 3"
                + " at 2026-11-30T07:00:00Z: running 1, pending 0, desired 3, failedTasks 4; latest"
                + " event at 2026-11-30T07:04:10Z: (service b) is unable to consistently start"
                + " tasks successfully. For more information, see the Troubleshooting section.");
    assertThat(plan.transitions())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.kind()).isEqualTo(TransitionKind.DEGRADED);
              assertThat(t.services()).containsExactly("b");
              assertThat(t.tier()).isEqualTo(1);
              assertThat(t.message())
                  .isEqualTo("environment 'dev' is degraded: " + degraded.message());
            });
    assertThat(plan.actions()).as("c, d, e wait for b").isEmpty();
  }

  @Test
  void plan_degradedAndDesiredCountDropped_reissuesTheScaleAction() {
    PlanLoop loop = waitingForB();
    loop.after(TIMEOUT).pass();
    loop.world.set("b", 0, 0);

    Plan plan = loop.after(Duration.ofSeconds(5)).pass();

    assertThat(plan.actions()).containsExactly(new ScaleAction("b", "b", 3, 1));
    assertThat(plan.status().phase()).isEqualTo(Phase.DEGRADED);
    assertThat(plan.requeueAfter()).isEqualTo(Requeue.PROGRESS);
  }

  @Test
  void plan_degradedAndNothingCanProgress_backsOffLongerTheLongerItIsDegraded() {
    PlanLoop loop = waitingForB();
    loop.world.put(crashingB(T0));

    Duration first = loop.after(TIMEOUT).pass().requeueAfter();
    Duration second = loop.after(Duration.ofSeconds(20)).pass().requeueAfter();
    Duration later = loop.after(Duration.ofMinutes(30)).pass().requeueAfter();

    assertThat(first).isEqualTo(Requeue.DEGRADED_MIN);
    assertThat(second).isEqualTo(Duration.ofSeconds(20));
    assertThat(later).isEqualTo(Requeue.DEGRADED_MAX);
    assertThat(loop.status.services().get("b").waitingSince())
        .as("still the first scale")
        .contains(T0);
  }

  @Test
  void plan_stillDegradedAndNothingChanged_writesTheSameStatusAndAnnouncesNothing() {
    PlanLoop loop = waitingForB();
    loop.world.put(crashingB(T0));
    EnvironmentStatus degraded = loop.after(TIMEOUT).pass().status();

    Plan later = loop.after(Duration.ofMinutes(7)).pass();

    assertThat(later.status()).isEqualTo(degraded);
    assertThat(later.transitions()).isEmpty();
    assertThat(later.actions()).isEmpty();
  }

  @Test
  void plan_degradedServiceBecomesReady_recoversAndWakesTheNextTier() {
    PlanLoop loop = waitingForB();
    Instant degradedAt =
        loop.after(TIMEOUT)
            .pass()
            .status()
            .condition(Conditions.DEGRADED)
            .orElseThrow()
            .lastTransitionTime();
    loop.world.set("b", 3, 3);

    Plan plan = loop.after(Duration.ofMinutes(1)).pass();

    assertThat(plan.status().phase()).isEqualTo(Phase.WAKING);
    assertThat(plan.actions()).extracting(ScaleAction::service).containsExactly("c", "d", "e");
    Condition degraded = plan.status().condition(Conditions.DEGRADED).orElseThrow();
    assertThat(degraded.status()).isEqualTo(ConditionStatus.FALSE);
    assertThat(degraded.lastTransitionTime()).isAfter(degradedAt);
    assertThat(plan.transitions())
        .extracting(Transition::kind)
        .containsExactly(TransitionKind.TIER_DONE, TransitionKind.RECOVERED);
    assertThat(plan.status().services().get("b").waitingSince()).isEmpty();
  }

  @Test
  void plan_lastTierRecovers_announcesRecoveredThenAwake() {
    PlanLoop loop = new PlanLoop(spec(), Seed.awake(), Seed.awakeWorld().set("d", 7, 3));
    loop.pass();
    loop.after(Duration.ofMinutes(10)).pass();
    assertThat(loop.status.phase()).isEqualTo(Phase.DEGRADED);
    loop.world.set("d", 7, 7);

    Plan plan = loop.after(Duration.ofMinutes(1)).pass();

    assertThat(plan.status().phase()).isEqualTo(Phase.AWAKE);
    assertThat(plan.transitions())
        .extracting(Transition::kind)
        .containsExactly(TransitionKind.TIER_DONE, TransitionKind.RECOVERED, TransitionKind.AWAKE);
  }

  @Test
  void plan_newOperation_restartsTheTimers() {
    PlanLoop loop = waitingForB();
    loop.after(TIMEOUT).pass();
    loop.desired = Seed.asleep();
    loop.pass();
    loop.desired = Seed.awake();
    loop.world.set("a", 1, 1).set("b", 3, 1);

    Plan plan = loop.after(Duration.ofSeconds(2)).pass();

    assertThat(plan.status().services().get("b").waitingSince()).contains(loop.now);
    assertThat(plan.status().phase()).isEqualTo(Phase.WAKING);
  }

  @Test
  void plan_sleepingServiceDoesNotStopWithinItsTimeout_isDegraded() {
    PlanLoop loop = new PlanLoop(Seed.spec(), Seed.asleep(), Seed.awakeWorld());
    loop.pass();
    loop.world.set("c", 0, 0).set("d", 0, 2).set("e", 0, 0);

    Plan plan = loop.after(ServiceSpec.DEFAULT_TIMEOUT).pass();

    assertThat(plan.status().phase()).isEqualTo(Phase.DEGRADED);
    assertThat(plan.status().condition(Conditions.DEGRADED).orElseThrow().message())
        .startsWith(
            "service 'd' has not stopped within its 10m timeout since it was scaled to 0 at"
                + " 2026-11-30T07:00:00Z: running 2");
    assertThat(plan.status().services().get("d").waitingSince()).isEqualTo(Optional.of(T0));
  }
}
