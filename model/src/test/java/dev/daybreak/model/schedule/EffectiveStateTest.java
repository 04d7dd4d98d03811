package dev.daybreak.model.schedule;

import static dev.daybreak.model.schedule.Specs.at;
import static dev.daybreak.model.schedule.Specs.compile;
import static dev.daybreak.model.schedule.Specs.sleepOnly;
import static dev.daybreak.model.schedule.Specs.spec;
import static dev.daybreak.model.schedule.Specs.times;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.DesiredState;
import dev.daybreak.model.State;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EffectiveStateTest {

  private static final String TOKYO = "Asia/Tokyo";
  private static final Schedule WEEKDAYS =
      compile(
          spec(
              TOKYO,
              List.of(LocalDate.parse("2026-03-04")),
              List.of(),
              times("08:00", "20:00", "MON-FRI")));

  private static DesiredState manual(State state, String requestedAt, Optional<String> until) {
    return new DesiredState(
        state, until.map(u -> at(TOKYO, u)), Set.of(), "alice", "testing", at(TOKYO, requestedAt));
  }

  private static Optional<Resolution> resolve(
      Optional<DesiredState> stored, boolean pinned, Optional<Schedule> s, String now) {
    return EffectiveState.resolve(stored, pinned, s, at(TOKYO, now));
  }

  @Test
  void nothingStoredAndNoSchedule_resolvesToNothing() {
    assertThat(EffectiveState.resolve(Optional.empty(), false, Optional.empty(), Instant.EPOCH))
        .isEmpty();
  }

  @Test
  void noSchedule_theStoredStateStands() {
    DesiredState d = manual(State.AWAKE, "2026-03-02T09:00", Optional.empty());

    Resolution r =
        resolve(Optional.of(d), false, Optional.empty(), "2026-03-09T09:00").orElseThrow();

    assertThat(r)
        .isEqualTo(new Resolution(d, Resolution.Reason.STORED, Optional.empty(), Optional.empty()));
  }

  @Test
  void noOverride_theScheduleGovernsAndSaysWhenItNextChanges() {
    Resolution r =
        resolve(Optional.empty(), false, Optional.of(WEEKDAYS), "2026-03-02T12:00").orElseThrow();

    assertThat(r.state()).isEqualTo(State.AWAKE);
    assertThat(r.reason()).isEqualTo(Resolution.Reason.SCHEDULE);
    assertThat(r.desired().requestedBy()).isEqualTo(EffectiveState.SCHEDULE);
    assertThat(r.desired().requestedAt()).isEqualTo(at(TOKYO, "2026-03-02T08:00"));
    assertThat(r.nextChange()).contains(at(TOKYO, "2026-03-02T20:00"));
  }

  @Test
  void anItemTheScheduleWrote_isNotAnOverride() {
    DesiredState written =
        DesiredState.of(
            State.ASLEEP, EffectiveState.SCHEDULE, "schedule", at(TOKYO, "2026-03-01T20:00"));

    Resolution r =
        resolve(Optional.of(written), false, Optional.of(WEEKDAYS), "2026-03-02T12:00")
            .orElseThrow();

    assertThat(r.state()).isEqualTo(State.AWAKE);
    assertThat(r.reason()).isEqualTo(Resolution.Reason.SCHEDULE);
  }

  @Test
  void holiday_isTheReasonTheEnvironmentSleeps() {
    Resolution r =
        resolve(Optional.empty(), false, Optional.of(WEEKDAYS), "2026-03-04T12:00").orElseThrow();

    assertThat(r.state()).isEqualTo(State.ASLEEP);
    assertThat(r.reason()).isEqualTo(Resolution.Reason.HOLIDAY);
    assertThat(r.desired().reason()).isEqualTo("holiday");
  }

  @Test
  void manualWakeInTheEvening_lastsUntilTheNightlySleep() {
    Schedule nightly = compile(spec(TOKYO, sleepOnly("22:00", "MON-SUN")));
    DesiredState wake = manual(State.AWAKE, "2026-03-02T19:00", Optional.empty());

    Resolution during =
        resolve(Optional.of(wake), false, Optional.of(nightly), "2026-03-02T21:59").orElseThrow();
    Resolution after =
        resolve(Optional.of(wake), false, Optional.of(nightly), "2026-03-02T22:00").orElseThrow();

    assertThat(during)
        .isEqualTo(
            new Resolution(
                wake,
                Resolution.Reason.OVERRIDE,
                Optional.of(at(TOKYO, "2026-03-02T22:00")),
                Optional.of(at(TOKYO, "2026-03-02T22:00"))));
    assertThat(after.state()).isEqualTo(State.ASLEEP);
    assertThat(after.reason()).isEqualTo(Resolution.Reason.SCHEDULE);
    assertThat(after.nextChange()).contains(at(TOKYO, "2026-03-03T22:00"));
  }

  @Test
  void manualWakeAt21ForOneHour_sleepsAt22BecauseTheOverrideExpired() {
    DesiredState wake = manual(State.AWAKE, "2026-03-02T21:00", Optional.of("2026-03-02T22:00"));

    Resolution during =
        resolve(Optional.of(wake), false, Optional.of(WEEKDAYS), "2026-03-02T21:30").orElseThrow();
    Resolution expired =
        resolve(Optional.of(wake), false, Optional.of(WEEKDAYS), "2026-03-02T22:00").orElseThrow();
    Resolution morning =
        resolve(Optional.of(wake), false, Optional.of(WEEKDAYS), "2026-03-03T08:00").orElseThrow();

    assertThat(during.state()).isEqualTo(State.AWAKE);
    assertThat(during.reason()).isEqualTo(Resolution.Reason.OVERRIDE);
    assertThat(during.nextChange()).contains(at(TOKYO, "2026-03-02T22:00"));
    assertThat(expired.state()).isEqualTo(State.ASLEEP);
    assertThat(expired.reason()).isEqualTo(Resolution.Reason.OVERRIDE_EXPIRED);
    assertThat(expired.nextChange()).contains(at(TOKYO, "2026-03-03T08:00"));
    assertThat(morning.state()).isEqualTo(State.AWAKE);
    assertThat(morning.reason()).isEqualTo(Resolution.Reason.SCHEDULE);
  }

  @Test
  void manualSleepWithoutUntil_endsAtTheNextFiringEvenIfItRepeatsTheState() {
    Schedule mornings = compile(spec(TOKYO, Specs.wakeOnly("08:00", "MON-FRI")));
    DesiredState sleep = manual(State.ASLEEP, "2026-03-02T18:00", Optional.empty());

    assertThat(
            resolve(Optional.of(sleep), false, Optional.of(mornings), "2026-03-03T07:59")
                .orElseThrow()
                .state())
        .isEqualTo(State.ASLEEP);
    assertThat(
            resolve(Optional.of(sleep), false, Optional.of(mornings), "2026-03-03T08:00")
                .orElseThrow()
                .state())
        .isEqualTo(State.AWAKE);
  }

  @Test
  void manualWakeWithoutUntil_isNotEndedByAWakeSkippedForAHoliday() {
    DesiredState wake = manual(State.AWAKE, "2026-03-04T07:00", Optional.empty());

    Resolution r =
        resolve(Optional.of(wake), false, Optional.of(WEEKDAYS), "2026-03-04T09:00").orElseThrow();

    assertThat(r.reason()).isEqualTo(Resolution.Reason.OVERRIDE);
    assertThat(r.overrideUntil()).contains(at(TOKYO, "2026-03-04T20:00"));
  }

  @Test
  void pinnedWithoutUntil_governsForGood() {
    DesiredState wake = manual(State.AWAKE, "2026-03-02T21:00", Optional.empty());

    Resolution r =
        resolve(Optional.of(wake), true, Optional.of(WEEKDAYS), "2026-04-02T03:00").orElseThrow();

    assertThat(r)
        .isEqualTo(
            new Resolution(wake, Resolution.Reason.PINNED, Optional.empty(), Optional.empty()));
  }

  @Test
  void pinnedWithUntil_governsUntilThenTheScheduleResumes() {
    DesiredState sleep = manual(State.ASLEEP, "2026-03-02T09:00", Optional.of("2026-03-03T12:00"));

    Resolution during =
        resolve(Optional.of(sleep), true, Optional.of(WEEKDAYS), "2026-03-03T11:00").orElseThrow();
    Resolution after =
        resolve(Optional.of(sleep), true, Optional.of(WEEKDAYS), "2026-03-03T12:00").orElseThrow();

    assertThat(during.reason()).isEqualTo(Resolution.Reason.PINNED);
    assertThat(during.state()).isEqualTo(State.ASLEEP);
    assertThat(after.reason()).isEqualTo(Resolution.Reason.OVERRIDE_EXPIRED);
    assertThat(after.state()).isEqualTo(State.AWAKE);
  }

  @Test
  void timedOverrideWithoutSchedule_revertsToTheOppositeState() {
    DesiredState wake = manual(State.AWAKE, "2026-03-02T21:00", Optional.of("2026-03-02T22:00"));

    Resolution r =
        resolve(Optional.of(wake), false, Optional.empty(), "2026-03-02T22:00").orElseThrow();

    assertThat(r.state()).isEqualTo(State.ASLEEP);
    assertThat(r.reason()).isEqualTo(Resolution.Reason.OVERRIDE_EXPIRED);
    assertThat(r.nextChange()).isEmpty();
  }

  @Test
  void partialOverride_keepsItsServices() {
    DesiredState api =
        new DesiredState(
            State.AWAKE,
            Optional.of(at(TOKYO, "2026-03-02T23:00")),
            Set.of("api"),
            "alice",
            "debugging",
            at(TOKYO, "2026-03-02T21:00"));

    Resolution r =
        resolve(Optional.of(api), false, Optional.of(WEEKDAYS), "2026-03-02T22:00").orElseThrow();

    assertThat(r.desired().services()).containsExactly("api");
  }

  @Test
  void overrideUntilFarAhead_nextChangeIsTheUntil() {
    DesiredState wake = manual(State.AWAKE, "2026-03-02T21:00", Optional.of("2026-03-09T21:00"));

    Resolution r =
        resolve(Optional.of(wake), false, Optional.of(WEEKDAYS), "2026-03-05T21:00").orElseThrow();

    assertThat(r.nextChange()).contains(at(TOKYO, "2026-03-09T21:00"));
    assertThat(Duration.between(at(TOKYO, "2026-03-05T21:00"), r.nextChange().orElseThrow()))
        .isEqualTo(Duration.ofDays(4));
  }
}
