package dev.daybreak.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.DesiredState;
import dev.daybreak.model.ScheduleSpec;
import dev.daybreak.model.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class EffectiveStatePropertiesTest {

  record Case(Schedule schedule, DesiredState override, Instant now) {}

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<ScheduleSpec> specs =
        ScheduleArbitraries.specs(ScheduleArbitraries.pairedWindows(false));
    return specs.flatMap(
        spec ->
            Combinators.combine(
                    ScheduleArbitraries.instants(spec.timeZone()),
                    Arbitraries.of(State.values()),
                    Arbitraries.longs().between(1, 3 * 86_400).optional(0.5),
                    Arbitraries.longs().between(-60, 4 * 86_400))
                .as(
                    (requestedAt, state, untilAfter, nowAfter) ->
                        new Case(
                            Schedule.compile(spec, List.of(), Duration.ZERO),
                            new DesiredState(
                                state,
                                untilAfter.map(requestedAt::plusSeconds),
                                Set.of(),
                                "alice",
                                "property",
                                requestedAt),
                            requestedAt.plusSeconds(nowAfter))));
  }

  @Property(tries = 1000)
  void anOverride_governsExactlyUntilItsEnd_thenTheScheduleDoes(@ForAll("cases") Case c) {
    Instant end =
        c.override()
            .until()
            .or(() -> c.schedule().nextFiring(c.override().requestedAt()).map(Edge::at))
            .orElseThrow();

    Resolution r =
        EffectiveState.resolve(Optional.of(c.override()), false, Optional.of(c.schedule()), c.now())
            .orElseThrow();

    if (c.now().isBefore(end)) {
      assertThat(r.reason()).isEqualTo(Resolution.Reason.OVERRIDE);
      assertThat(r.state()).isEqualTo(c.override().state());
      assertThat(r.nextChange()).contains(end);
    } else {
      assertThat(r.reason())
          .isIn(
              Resolution.Reason.OVERRIDE_EXPIRED,
              Resolution.Reason.SCHEDULE,
              Resolution.Reason.HOLIDAY);
      assertThat(r.state()).isEqualTo(c.schedule().stateAt(c.now()));
      assertThat(r.nextChange()).isEqualTo(c.schedule().nextEdge(c.now()).map(Edge::at));
    }
  }

  @Property(tries = 500)
  void pinned_governsUntilItsUntilWhateverTheSchedule(@ForAll("cases") Case c) {
    Resolution r =
        EffectiveState.resolve(Optional.of(c.override()), true, Optional.of(c.schedule()), c.now())
            .orElseThrow();

    boolean active = c.override().until().map(c.now()::isBefore).orElse(true);
    assertThat(r.reason() == Resolution.Reason.PINNED).isEqualTo(active);
    if (active) {
      assertThat(r.state()).isEqualTo(c.override().state());
    } else {
      assertThat(r.state()).isEqualTo(c.schedule().stateAt(c.now()));
    }
  }

  @Property(tries = 500)
  void withoutOverride_theEffectiveStateIsTheSchedules(@ForAll("cases") Case c) {
    Resolution r =
        EffectiveState.resolve(Optional.empty(), false, Optional.of(c.schedule()), c.now())
            .orElseThrow();

    assertThat(r.state()).isEqualTo(c.schedule().stateAt(c.now()));
    assertThat(r.nextChange()).isEqualTo(c.schedule().nextEdge(c.now()).map(Edge::at));
    r.nextChange()
        .ifPresent(
            next ->
                assertThat(
                        EffectiveState.resolve(
                                Optional.empty(),
                                false,
                                Optional.of(c.schedule()),
                                next.minusNanos(1))
                            .orElseThrow())
                    .isEqualTo(r));
  }
}
