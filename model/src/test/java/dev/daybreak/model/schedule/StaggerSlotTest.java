package dev.daybreak.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.AccessSpec;
import dev.daybreak.model.AutoscalingMode;
import dev.daybreak.model.AwsSpec;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.NotifySpec;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.model.SleepOrder;
import dev.daybreak.model.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * Where a schedule edge reaches one environment of a fleet, and when it is looked at again: the
 * stagger decisions of a reconcile pass, with no simulator.
 */
class StaggerSlotTest {

  private static final Instant EDGE = Instant.parse("2026-11-30T23:00:00Z");
  private static final Duration WINDOW = Duration.ofMinutes(10);

  private static Resolution scheduled(State state, Instant next) {
    return new Resolution(
        DesiredState.of(state, EffectiveState.SCHEDULE, "", EDGE),
        Resolution.Reason.SCHEDULE,
        Optional.empty(),
        Optional.of(next));
  }

  /** Asleep before the edge, awake from it, per the schedule. */
  private static Optional<Resolution> wakesAtTheEdge(Instant t) {
    return Optional.of(
        t.isBefore(EDGE)
            ? scheduled(State.ASLEEP, EDGE)
            : scheduled(State.AWAKE, EDGE.plus(Duration.ofHours(12))));
  }

  @Test
  void resolve_betweenTheEdgeAndTheStaggeredStart_keepsTheStateBeforeTheEdge() {
    StaggerSlot slot = new StaggerSlot("dev", WINDOW);
    Instant start = EDGE.plus(slot.offset());
    assertThat(start).as("the test needs a start well after the edge").isAfter(EDGE.plusSeconds(2));
    Instant between = EDGE.plusSeconds(1);

    Resolution early =
        slot.resolve(
            wakesAtTheEdge(between).orElseThrow(), StaggerSlotTest::wakesAtTheEdge, between);
    Resolution onTime =
        slot.resolve(wakesAtTheEdge(start).orElseThrow(), StaggerSlotTest::wakesAtTheEdge, start);

    assertThat(early.state()).isEqualTo(State.ASLEEP);
    assertThat(onTime.state()).isEqualTo(State.AWAKE);
  }

  @Test
  void resolve_manualChange_isNotDelayed() {
    Resolution override =
        new Resolution(
            DesiredState.of(State.AWAKE, "alice", "deploy", EDGE),
            Resolution.Reason.OVERRIDE,
            Optional.empty(),
            Optional.of(EDGE.plusSeconds(3600)));

    Resolution resolved =
        new StaggerSlot("dev", WINDOW)
            .resolve(override, t -> Optional.of(scheduled(State.ASLEEP, EDGE)), EDGE);

    assertThat(resolved).isEqualTo(override);
  }

  @Test
  void requeueAfter_isTheStaggeredEdge_whenSoonerThanThePlan() {
    StaggerSlot slot = new StaggerSlot("dev", Duration.ofSeconds(40));
    Instant now = EDGE.minusSeconds(10);

    Duration requeue =
        slot.requeueAfter(Duration.ofSeconds(60), scheduled(State.ASLEEP, EDGE), now);

    assertThat(requeue)
        .isEqualTo(Duration.between(now, Stagger.staggered(EDGE, "dev", Duration.ofSeconds(40))));
  }

  @Test
  void requeueAfter_withNothingScheduled_isThePlansOwn() {
    Resolution stored =
        new Resolution(
            DesiredState.of(State.AWAKE, "alice", "", EDGE),
            Resolution.Reason.STORED,
            Optional.empty(),
            Optional.empty());

    assertThat(new StaggerSlot("dev", WINDOW).requeueAfter(Duration.ofSeconds(60), stored, EDGE))
        .isEqualTo(Duration.ofSeconds(60));
    assertThat(StaggerSlot.matters(stored)).isFalse();
    assertThat(StaggerSlot.matters(scheduled(State.AWAKE, EDGE))).isTrue();
  }

  @Test
  void window_isWhatTheFleetsFirstTiersNeedAtFiveUpdatesPerSecond() {
    EnvironmentSpec spec =
        new EnvironmentSpec(
            "dev",
            "dev",
            List.of(ServiceSpec.of("a", 1), ServiceSpec.of("b", 1), ServiceSpec.of("c", 1, "a")),
            SleepOrder.REVERSE,
            Optional.empty(),
            NotifySpec.defaults(),
            AccessSpec.defaults(),
            Map.of(),
            AutoscalingMode.MANAGE,
            AwsSpec.home());

    // 100 environments, 2 services in the first tier each: 200 calls at 5 a second.
    assertThat(StaggerSlot.window(spec, 100)).isEqualTo(Duration.ofSeconds(40));
  }

  @Property(tries = 500)
  void requeueAfter_isNeverLaterThanThePlanNorNegative_andNeverBeforeTheEdgesStart(
      @ForAll @StringLength(min = 1, max = 40) String env,
      @ForAll @IntRange(min = 0, max = 600_000) int windowMs,
      @ForAll @IntRange(min = -600_000, max = 600_000) int nowFromEdgeMs,
      @ForAll @IntRange(min = 0, max = 120_000) int plannedMs) {
    StaggerSlot slot = new StaggerSlot(env, Duration.ofMillis(windowMs));
    Instant now = EDGE.plusMillis(nowFromEdgeMs);
    Duration planned = Duration.ofMillis(plannedMs);

    Duration requeue = slot.requeueAfter(planned, scheduled(State.ASLEEP, EDGE), now);

    assertThat(requeue).isBetween(Duration.ZERO, planned);
    Instant start = EDGE.plus(slot.offset());
    if (now.isBefore(start)) {
      assertThat(now.plus(requeue)).isBeforeOrEqualTo(start);
      assertThat(requeue).isIn(planned, Duration.between(now, start));
    } else {
      assertThat(requeue).as("the staggered start has passed").isZero();
    }
  }
}
