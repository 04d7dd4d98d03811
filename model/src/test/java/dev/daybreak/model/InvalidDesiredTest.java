package dev.daybreak.model;

import static dev.daybreak.model.Seed.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the status becomes while the desired item cannot be used, and after it is fixed. */
class InvalidDesiredTest {

  private static final String PROBLEM = "attribute 'state' is 'AWAKEN'; expected AWAKE or ASLEEP";

  /** The status after a whole wake: Awake, with Ready and Degraded conditions. */
  private static EnvironmentStatus awake() {
    PlanLoop loop = new PlanLoop(Seed.spec(), Seed.awake(), World.asleep(Seed.spec()));
    for (int pass = 0; pass < 5; pass++) {
      loop.pass();
      loop.world.settle();
      loop.after(Duration.ofSeconds(2));
    }
    EnvironmentStatus status = loop.pass().status();
    assertThat(status.phase()).isEqualTo(Phase.AWAKE);
    return status;
  }

  @Test
  void plan_firstPassOverABadItem_addsTheConditionAndAnnouncesItOnce_keepingEverythingElse() {
    EnvironmentStatus previous = awake();

    Plan plan = InvalidDesired.plan("dev", "state", PROBLEM, previous, T0);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.requeueAfter()).isEqualTo(Requeue.DRIFT_CHECK);
    assertThat(plan.status().phase()).isEqualTo(Phase.AWAKE);
    assertThat(plan.status().target()).isEqualTo(previous.target());
    assertThat(plan.status().services()).isEqualTo(previous.services());
    assertThat(plan.status().savedCounts()).isEqualTo(previous.savedCounts());
    assertThat(plan.status().conditions()).containsAll(previous.conditions());
    assertThat(plan.status().condition(Conditions.DESIRED_STATE_INVALID))
        .hasValueSatisfying(
            c -> {
              assertThat(c.status()).isEqualTo(ConditionStatus.TRUE);
              assertThat(c.reason()).isEqualTo("InvalidState");
              assertThat(c.message()).isEqualTo(PROBLEM);
              assertThat(c.lastTransitionTime()).isEqualTo(T0);
            });
    assertThat(InvalidDesired.isInvalid(plan.status())).isTrue();
    assertThat(plan.transitions())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.kind()).isEqualTo(TransitionKind.DESIRED_STATE_INVALID);
              assertThat(t.message()).isEqualTo("environment 'dev': " + PROBLEM);
            });
  }

  @Test
  void plan_sameProblemOnLaterPasses_changesNothingAndAnnouncesNothing() {
    EnvironmentStatus first = InvalidDesired.plan("dev", "state", PROBLEM, awake(), T0).status();

    Plan again = InvalidDesired.plan("dev", "state", PROBLEM, first, T0.plusSeconds(600));

    assertThat(again.status()).isEqualTo(first);
    assertThat(again.transitions()).isEmpty();
  }

  @Test
  void plan_anotherProblem_announcesIt_keepingWhenTheItemFirstBecameUnusable() {
    EnvironmentStatus first = InvalidDesired.plan("dev", "state", PROBLEM, awake(), T0).status();
    String other = "attribute 'until' is 'soon'; expected an ISO-8601 instant";
    Instant later = T0.plusSeconds(60);

    Plan plan = InvalidDesired.plan("dev", "until", other, first, later);

    assertThat(plan.status().conditions())
        .filteredOn(c -> c.type().equals(Conditions.DESIRED_STATE_INVALID))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.reason()).isEqualTo("InvalidUntil");
              assertThat(c.message()).isEqualTo(other);
              assertThat(c.lastTransitionTime()).isEqualTo(T0);
            });
    assertThat(plan.transitions())
        .extracting(Transition::kind)
        .containsExactly(TransitionKind.DESIRED_STATE_INVALID);
  }

  @Test
  void planner_withAUsableItemAgain_clearsTheCondition() {
    EnvironmentStatus invalid =
        InvalidDesired.plan("dev", "state", PROBLEM, EnvironmentStatus.initial(), T0).status();

    Plan plan =
        Planner.plan(Seed.spec(), Seed.asleep(), World.asleep(Seed.spec()).observed(), invalid, T0);

    assertThat(plan.status().condition(Conditions.DESIRED_STATE_INVALID)).isEmpty();
    assertThat(InvalidDesired.isInvalid(plan.status())).isFalse();
  }
}
