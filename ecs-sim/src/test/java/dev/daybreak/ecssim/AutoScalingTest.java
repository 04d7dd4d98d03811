package dev.daybreak.ecssim;

import static dev.daybreak.ecssim.SimTesting.CALLER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class AutoScalingTest {

  private final SimTesting t =
      new SimTesting(
          SimSettings.builder()
              .startLatency(Latency.fixed(Duration.ofSeconds(1)))
              .scalingDelay(Duration.ofSeconds(5))
              .build(),
          "a",
          "b");

  private ScalableTargetView register(
      String service, Integer min, Integer max, Boolean in, Boolean out, Boolean scheduled) {
    return t.sim
        .autoScaling()
        .register(
            CALLER,
            new ScalingRequests.Register(
                "ecs",
                "service/dev/" + service,
                "ecs:service:DesiredCount",
                min == null ? OptionalInt.empty() : OptionalInt.of(min),
                max == null ? OptionalInt.empty() : OptionalInt.of(max),
                Optional.ofNullable(in),
                Optional.ofNullable(out),
                Optional.ofNullable(scheduled)));
  }

  private int desired(String service) {
    return t.describe(service).desiredCount();
  }

  @Test
  void register_newTarget_movesTheCapacityIntoTheRangeAtOnce() {
    register("b", 2, 4, null, null, null);

    assertThat(desired("b")).isEqualTo(2);
    assertThat(t.sim.calls())
        .filteredOn(c -> c.caller().equals(AutoScaling.CALLER))
        .singleElement()
        .satisfies(c -> assertThat(c.desiredCount()).hasValue(2));
  }

  @Test
  void updateServiceBelowTheMinimum_isRaisedBackAfterTheDelay() {
    register("b", 2, 4, null, null, null);
    t.scale("b", 0);

    t.advance(Duration.ofSeconds(4));
    assertThat(desired("b")).isZero();
    t.advance(Duration.ofSeconds(1));
    assertThat(desired("b")).isEqualTo(2);
  }

  @Test
  void updateServiceAboveTheMaximum_isLoweredBackUnlessScaleInIsSuspended() {
    register("b", 1, 2, null, null, null);
    t.scale("b", 5);
    t.advance(Duration.ofSeconds(5));
    assertThat(desired("b")).isEqualTo(2);

    register("b", null, null, true, null, null);
    t.scale("b", 5);
    t.advance(Duration.ofMinutes(10));
    assertThat(desired("b")).isEqualTo(5);
  }

  @Test
  void dynamicScaleOutSuspended_leavesAServiceBelowTheMinimumAlone() {
    register("b", 2, 4, false, true, false);
    t.scale("b", 0);

    t.advance(Duration.ofMinutes(10));

    assertThat(desired("b")).isZero();
  }

  @Test
  void scaleOutResumed_raisesTheServiceOnTheNextChange() {
    register("b", 2, 4, false, true, false);
    t.scale("b", 0);
    register("b", null, null, null, false, null);

    t.advance(Duration.ofSeconds(5));

    assertThat(desired("b")).isEqualTo(2);
  }

  @Test
  void registerUpdate_keepsWhatItDoesNotName() {
    register("b", 2, 4, true, false, true);

    ScalableTargetView v = register("b", 0, null, null, null, null);

    assertThat(v.minCapacity()).isZero();
    assertThat(v.maxCapacity()).isEqualTo(4);
    assertThat(v.suspended()).isEqualTo(new Suspension(true, false, true));
  }

  @Test
  void register_newTargetWithoutBounds_isAValidationException() {
    assertThatThrownBy(() -> register("b", 2, null, null, null, null))
        .isInstanceOf(ScalingException.class)
        .satisfies(
            e ->
                assertThat(((ScalingException) e).error())
                    .isEqualTo(ScalingError.ValidationException))
        .hasMessageContaining("MinCapacity and MaxCapacity are required");
  }

  @Test
  void register_minAboveMax_orUnknownService_isAValidationException() {
    assertThatThrownBy(() -> register("b", 5, 4, null, null, null))
        .hasMessageContaining("cannot be greater than maximum capacity");
    assertThatThrownBy(() -> register("nope", 1, 4, null, null, null))
        .hasMessageContaining("ECS service doesn't exist: service/dev/nope");
  }

  @Test
  void deregister_unknownTarget_isObjectNotFound() {
    assertThatThrownBy(
            () ->
                t.sim
                    .autoScaling()
                    .deregister(CALLER, "ecs", "service/dev/b", "ecs:service:DesiredCount"))
        .isInstanceOf(ScalingException.class)
        .satisfies(
            e ->
                assertThat(((ScalingException) e).error())
                    .isEqualTo(ScalingError.ObjectNotFoundException));
  }

  @Test
  void deregister_stopsTheBoundFromActing() {
    register("b", 2, 4, null, null, null);
    t.sim.autoScaling().deregister(CALLER, "ecs", "service/dev/b", "ecs:service:DesiredCount");
    t.scale("b", 0);

    t.advance(Duration.ofMinutes(1));

    assertThat(desired("b")).isZero();
  }

  @Test
  void describeTargets_paginatesAndRejectsATokenItDidNotIssue() {
    register("a", 0, 1, null, null, null);
    register("b", 0, 1, null, null, null);
    AutoScaling s = t.sim.autoScaling();

    ScalingPage<ScalableTargetView> first =
        s.describeTargets(
            CALLER, "ecs", List.of(), Optional.empty(), OptionalInt.of(1), Optional.empty());
    ScalingPage<ScalableTargetView> second =
        s.describeTargets(
            CALLER, "ecs", List.of(), Optional.empty(), OptionalInt.of(1), first.nextToken());

    assertThat(first.items())
        .extracting(ScalableTargetView::resourceId)
        .containsExactly("service/dev/a");
    assertThat(second.items())
        .extracting(ScalableTargetView::resourceId)
        .containsExactly("service/dev/b");
    assertThat(second.nextToken()).isEmpty();
    assertThatThrownBy(
            () ->
                s.describeTargets(
                    CALLER,
                    "ecs",
                    List.of(),
                    Optional.empty(),
                    OptionalInt.empty(),
                    Optional.of("bogus")))
        .satisfies(
            e ->
                assertThat(((ScalingException) e).error())
                    .isEqualTo(ScalingError.InvalidNextTokenException));
  }

  @Test
  void scheduledAction_at_setsTheBoundsUnlessScheduledScalingIsSuspended() {
    register("a", 0, 4, null, null, null);
    register("b", 0, 4, false, false, true);
    for (String service : List.of("a", "b")) {
      t.sim
          .autoScaling()
          .putScheduled(
              CALLER,
              new ScalingRequests.PutScheduled(
                  "ecs",
                  "service/dev/" + service,
                  "ecs:service:DesiredCount",
                  "morning",
                  Optional.of("at(2026-01-01T07:00:00)"),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  OptionalInt.of(3),
                  OptionalInt.of(4)));
    }

    t.advance(Duration.ofHours(1));

    assertThat(desired("a")).isEqualTo(3);
    assertThat(desired("b")).isZero();
  }

  @Test
  void calls_areLoggedWithTheirClusterServiceAndOutcome() {
    register("b", 2, 4, null, null, null);
    assertThatThrownBy(() -> register("b", 9, 4, null, null, null));

    assertThat(t.sim.calls())
        .filteredOn(c -> c.op().equals("RegisterScalableTarget"))
        .extracting(c -> c.cluster().orElseThrow() + " " + c.services() + " " + c.outcome())
        .containsExactly("dev [b] ok", "dev [b] ValidationException");
  }
}
