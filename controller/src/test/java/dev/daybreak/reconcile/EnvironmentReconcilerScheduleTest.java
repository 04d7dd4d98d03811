package dev.daybreak.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.manifests.Calendars;
import dev.daybreak.model.Phase;
import dev.daybreak.model.State;
import dev.daybreak.model.schedule.Stagger;
import dev.daybreak.queue.Result;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.InMemoryStateStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The reconciler drives the effective desired state (override, pin, schedule) on a virtual clock,
 * against the ECS simulator over HTTP and the in-memory store.
 */
class EnvironmentReconcilerScheduleTest {

  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  /** Awake 08:00-20:00 on weekdays in Tokyo. */
  private static final String OFFICE_HOURS =
      """
      timeZone: Asia/Tokyo
      windows:
        - wakeAt: "08:00"
          sleepAt: "20:00"
          days: MON-FRI
      """;

  private ScheduledWorld world;

  private ScheduledWorld world(String localStart, ControllerSettings settings) {
    Instant start = java.time.LocalDateTime.parse(localStart).atZone(TOKYO).toInstant();
    world = new ScheduledWorld(start, TOKYO, OFFICE_HOURS, InMemoryStateStore::new, settings);
    return world;
  }

  @AfterEach
  void close() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void settledPass_beforeAnEdge_isRequeuedAtTheEdge_soonerThanTheDriftCheck() {
    ScheduledWorld w = world("2026-11-30T07:59:30", ScheduledWorld.unstaggered());

    Result result = w.pass();

    assertThat(w.phase()).isEqualTo(Phase.ASLEEP);
    assertThat(result.requeueAfter()).contains(Duration.ofSeconds(30));
  }

  @Test
  void awakeBeforeSleepAt_isRequeuedExactlyAtSleepAt_andSleepsThen() {
    ScheduledWorld w = world("2026-11-30T19:50:00", ScheduledWorld.unstaggered());
    w.runUntil(w.local("2026-11-30T19:58:00"));
    assertThat(w.phase()).isEqualTo(Phase.AWAKE);

    w.runUntil(w.local("2026-11-30T20:10:00"));

    assertThat(w.firstDrivingTo(w.local("2026-11-30T19:50:00"), State.ASLEEP))
        .get()
        .extracting(ScheduledWorld.Pass::at)
        .isEqualTo(w.local("2026-11-30T20:00:00"));
    assertThat(w.phase()).isEqualTo(Phase.ASLEEP);
    assertThat(w.desiredCount("api")).isZero();
  }

  @Test
  void requeue_isTheStaggeredEdge_whenSoonerThanThePlansDriftCheck() {
    Duration window = Duration.ofSeconds(40);
    ScheduledWorld w =
        world(
            "2026-11-30T07:59:50",
            new ControllerSettings(
                Duration.ofSeconds(5), 1, Optional.of(window), Calendars.builtIn()));

    Result result = w.pass();

    Instant edge = w.local("2026-11-30T08:00:00");
    assertThat(result.requeueAfter())
        .contains(Duration.between(w.clock.instant(), Stagger.staggered(edge, "dev", window)));
  }

  @Test
  void passBetweenAnEdgeAndTheStaggeredStart_doesNotStartTheEnvironmentEarly() {
    Duration window = Duration.ofMinutes(10);
    ScheduledWorld w =
        world(
            "2026-11-30T07:59:50",
            new ControllerSettings(
                Duration.ofSeconds(5), 1, Optional.of(window), Calendars.builtIn()));
    w.pass();
    Instant edge = w.local("2026-11-30T08:00:00");
    Instant start = Stagger.staggered(edge, "dev", window);
    assertThat(start).as("the test needs a start well after the edge").isAfter(edge.plusSeconds(2));

    w.clock.advanceTo(edge.plusSeconds(1));
    w.pass();

    assertThat(w.status().target()).contains(State.ASLEEP);
    assertThat(w.desiredCount("api")).isZero();

    w.clock.advanceTo(start);
    w.pass();

    assertThat(w.status().target()).contains(State.AWAKE);
  }

  @Test
  void controllerDownAcrossTheSleepEdge_catchesUpOnItsFirstPass() {
    ScheduledWorld w = world("2026-11-30T12:00:00", ScheduledWorld.unstaggered());
    w.runUntil(w.local("2026-11-30T12:05:00"));
    assertThat(w.phase()).isEqualTo(Phase.AWAKE);

    w.downUntil(w.local("2026-11-30T23:30:00"));
    w.runUntil(w.local("2026-11-30T23:35:00"));

    assertThat(w.phase()).isEqualTo(Phase.ASLEEP);
    assertThat(w.posted()).last().extracting(a -> a.requestedBy()).isEqualTo("schedule");
  }

  @Test
  void manualWakeWithoutUntil_inTheEvening_endsAtTheNextSleepEdge() {
    ScheduledWorld w = world("2026-11-30T21:00:00", ScheduledWorld.unstaggered());
    w.pass();
    w.request(State.AWAKE, Optional.empty(), "alice", "late deploy", false);

    w.runUntil(w.local("2026-11-30T21:05:00"));
    assertThat(w.phase()).isEqualTo(Phase.AWAKE);

    w.downUntil(w.local("2026-12-01T07:55:00"));
    w.runUntil(w.local("2026-12-01T08:05:00"));
    assertThat(w.phase()).isEqualTo(Phase.AWAKE);
    w.downUntil(w.local("2026-12-01T19:55:00"));
    w.runUntil(w.local("2026-12-01T20:05:00"));

    assertThat(w.phase()).isEqualTo(Phase.ASLEEP);
    assertThat(w.firstDrivingTo(w.local("2026-12-01T19:55:00"), State.ASLEEP))
        .get()
        .extracting(ScheduledWorld.Pass::at)
        .isEqualTo(w.local("2026-12-01T20:00:00"));
  }

  @Test
  void manualWakeAtSeven_isOverriddenByTheScheduleFromItsNextEdge() {
    ScheduledWorld w = world("2026-11-30T17:00:00", ScheduledWorld.unstaggered());
    w.runUntil(w.local("2026-11-30T17:01:00"));
    w.request(State.ASLEEP, Optional.empty(), "bob", "saving money", false);
    w.runUntil(w.local("2026-11-30T17:05:00"));
    assertThat(w.phase()).isEqualTo(Phase.ASLEEP);

    w.downUntil(w.local("2026-12-01T07:55:00"));
    assertThat(w.phase()).isEqualTo(Phase.ASLEEP);
    w.runUntil(w.local("2026-12-01T08:05:00"));

    assertThat(w.firstDrivingTo(w.local("2026-11-30T17:06:00"), State.AWAKE))
        .get()
        .extracting(ScheduledWorld.Pass::at)
        .isEqualTo(w.local("2026-12-01T08:00:00"));
    assertThat(w.phase()).isEqualTo(Phase.AWAKE);
  }

  @Test
  void pinnedWake_holdsPastTheSleepEdge() {
    ScheduledWorld w = world("2026-11-30T19:50:00", ScheduledWorld.unstaggered());
    w.request(State.AWAKE, Optional.empty(), "alice", "load test overnight", true);

    w.runUntil(w.local("2026-11-30T20:15:00"));

    assertThat(w.phase()).isEqualTo(Phase.AWAKE);
    assertThat(w.passes).noneMatch(p -> p.target().equals(Optional.of(State.ASLEEP)));
  }

  @Test
  void handEdit_countsAsAnOverrideFromWhenTheControllerFirstSawIt() {
    ScheduledWorld w = world("2026-11-29T21:00:00", ScheduledWorld.unstaggered());
    w.request(State.ASLEEP, Optional.empty(), "alice", "weekend", false);
    w.runUntil(w.local("2026-11-29T21:01:00"));

    // Monday night a person flips only the state with the AWS CLI: requestedAt stays Sunday's,
    // whose next edge (Monday 08:00) has long passed.
    w.clock.advanceTo(w.local("2026-11-30T21:30:00"));
    ((InMemoryStateStore) w.store)
        .updateDesiredByHand("dev", Map.of("state", AttributeValue.fromS("AWAKE")), Set.of());
    w.downUntil(w.clock.instant());
    w.runUntil(w.local("2026-11-30T23:00:00"));

    assertThat(w.phase()).isEqualTo(Phase.AWAKE);
    assertThat(((DesiredRead.Valid) w.store.desired("dev")).handEdited()).isFalse();
  }

  @Test
  void completedWake_isMeasuredIntoTheStatus() {
    ScheduledWorld w = world("2026-11-30T07:59:00", ScheduledWorld.unstaggered());

    w.runUntil(w.local("2026-11-30T08:10:00"));

    assertThat(w.phase()).isEqualTo(Phase.AWAKE);
    assertThat(w.status().wakeDurations())
        .singleElement()
        .satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(20), Duration.ofMinutes(2)));
  }
}
