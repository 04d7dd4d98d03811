package dev.daybreak.model;

import static dev.daybreak.model.Seed.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A pass the controller will not or cannot act on (a cluster outside its allowlist, an account it
 * cannot reach) turns the environment Degraded once, keeps everything else, and says it once.
 */
class RefusalTest {

  private static final String NOT_ALLOWED = "ClusterNotAllowed";
  private static final String MESSAGE = "cluster 'prod' is not one this controller acts on";
  private static final Duration RETRY = Duration.ofSeconds(30);

  /** The seed fully awake, as the planner leaves it. */
  private static EnvironmentStatus awake() {
    EnvironmentStatus status =
        new PlanLoop(Seed.spec(), Seed.awake(), World.asleep(Seed.spec())).untilSettled().status();
    assertThat(status.phase()).isEqualTo(Phase.AWAKE);
    return status;
  }

  @Test
  void decide_firstRefusal_turnsDegradedNamingWhy_keepsTheRest_andAnnouncesIt() {
    EnvironmentStatus previous = awake();

    PassDecision decision = Refusal.decide(NOT_ALLOWED, MESSAGE, previous, 3, RETRY, T0);

    EnvironmentStatus status = decision.status();
    assertThat(status.phase()).isEqualTo(Phase.DEGRADED);
    assertThat(status.condition(Conditions.DEGRADED))
        .hasValueSatisfying(
            c -> {
              assertThat(c.status()).isEqualTo(ConditionStatus.TRUE);
              assertThat(c.reason()).isEqualTo(NOT_ALLOWED);
              assertThat(c.message()).isEqualTo(MESSAGE);
            });
    assertThat(status.condition(Conditions.READY))
        .hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(ConditionStatus.FALSE));
    assertThat(status.observedGeneration()).isEqualTo(3);
    assertThat(status.target()).isEqualTo(previous.target());
    assertThat(status.services()).isEqualTo(previous.services());
    assertThat(status.savedCounts()).isEqualTo(previous.savedCounts());
    assertThat(decision.writeStatus()).isTrue();
    assertThat(decision.actions()).isEmpty();
    assertThat(decision.boundsActions()).isEmpty();
    assertThat(decision.requeueAfter()).isEqualTo(RETRY);
    assertThat(decision.transitions())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.kind()).isEqualTo(TransitionKind.DEGRADED);
              assertThat(t.message()).isEqualTo(MESSAGE);
            });
  }

  @Test
  void decide_sameRefusalLater_writesNothing_announcesNothing_andKeepsTheTransitionTime() {
    PassDecision first = Refusal.decide(NOT_ALLOWED, MESSAGE, awake(), 3, RETRY, T0);

    PassDecision later =
        Refusal.decide(NOT_ALLOWED, MESSAGE, first.status(), 3, RETRY, T0.plusSeconds(60));

    assertThat(later.writeStatus()).isFalse();
    assertThat(later.status()).isEqualTo(first.status());
    assertThat(later.transitions()).isEmpty();
    assertThat(later.status().condition(Conditions.DEGRADED).orElseThrow().lastTransitionTime())
        .isEqualTo(T0);
  }

  @Test
  void decide_anotherRefusalWhileDegraded_isAnnounced_butDegradedKeepsItsTransitionTime() {
    PassDecision first = Refusal.decide(NOT_ALLOWED, MESSAGE, awake(), 3, RETRY, T0);
    Instant later = T0.plusSeconds(60);

    PassDecision other =
        Refusal.decide("AccessDenied", "cannot assume the role", first.status(), 3, RETRY, later);

    assertThat(other.writeStatus()).isTrue();
    assertThat(other.transitions())
        .extracting(Transition::kind)
        .containsExactly(TransitionKind.DEGRADED);
    assertThat(other.status().condition(Conditions.DEGRADED).orElseThrow().lastTransitionTime())
        .isEqualTo(T0);
  }

  @Test
  void decide_keepsConditionsOtherThanReadyAndDegraded() {
    Condition invalid =
        new Condition(
            Conditions.DESIRED_STATE_INVALID, ConditionStatus.TRUE, "InvalidState", "bad", T0);
    EnvironmentStatus previous = awake().withScalableTargets(java.util.Map.of(), List.of(invalid));

    PassDecision decision = Refusal.decide(NOT_ALLOWED, MESSAGE, previous, 3, RETRY, T0);

    assertThat(decision.status().conditions()).contains(invalid);
  }

  @Test
  void announced_namesTheStoredDesiredState_elseTheControllerKeepingThePreviousTarget() {
    EnvironmentStatus status = awake();

    assertThat(Refusal.announced(Optional.of(Seed.asleep()), status, T0)).isEqualTo(Seed.asleep());
    DesiredState none = Refusal.announced(Optional.empty(), status, T0);
    assertThat(none.state()).isEqualTo(State.AWAKE);
    assertThat(none.requestedBy()).isEqualTo("daybreak");
    assertThat(Refusal.announced(Optional.empty(), EnvironmentStatus.initial(), T0).state())
        .isEqualTo(State.ASLEEP);
  }
}
