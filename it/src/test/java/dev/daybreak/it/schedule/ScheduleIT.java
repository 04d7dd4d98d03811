package dev.daybreak.it.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.daybreak.it.Dynalite;
import dev.daybreak.it.DynaliteExtension;
import dev.daybreak.model.Phase;
import dev.daybreak.model.State;
import dev.daybreak.reconcile.ScheduledWorld;
import dev.daybreak.slack.Announcement;
import dev.daybreak.store.DynamoDbStateStore;
import dev.daybreak.store.TableSetup;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Schedules end to end: the reconciler, the ECS simulator over HTTP through the SDK gateway, and
 * the DynamoDB store (dynalite), all on one virtual clock. Passes run exactly when the previous
 * pass asked to be requeued, as the work queue would run them, so an edge is acted on only if the
 * controller's own timer lands on it.
 */
@ExtendWith(DynaliteExtension.class)
final class ScheduleIT {

  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  /** Awake 08:00-20:00 on weekdays in Tokyo, except Japan's public holidays. */
  private static final String OFFICE_HOURS =
      """
      timeZone: Asia/Tokyo
      windows:
        - wakeAt: "08:00"
          sleepAt: "20:00"
          days: MON-FRI
      calendars: [jp]
      """;

  /** Awake by 09:00 on weekdays (pre-warmed), asleep from 20:00. */
  private static final String AWAKE_BY_NINE =
      """
      timeZone: Asia/Tokyo
      windows:
        - wakeBy: "09:00"
          sleepAt: "20:00"
          days: MON-FRI
      """;

  private static DynamoDbClient client;
  private ScheduledWorld world;

  @BeforeAll
  static void connect(Dynalite dynalite) {
    client = dynalite.newClient();
  }

  @AfterAll
  static void disconnect() {
    client.close();
  }

  @AfterEach
  void close() {
    world.close();
  }

  private ScheduledWorld world(String localStart, String schedule) {
    String table = "daybreak-" + UUID.randomUUID();
    new TableSetup(client).ensureTable(table);
    world =
        new ScheduledWorld(
            LocalDateTime.parse(localStart).atZone(TOKYO).toInstant(),
            TOKYO,
            schedule,
            clock -> new DynamoDbStateStore(client, table, clock),
            ScheduledWorld.unstaggered());
    return world;
  }

  @Test
  void weekday_wakesAtWakeAt_andSleepsAtSleepAt_announcingTheSchedule() {
    ScheduledWorld w = world("2026-11-30T07:55:00", OFFICE_HOURS); // a Monday

    w.runUntil(w.local("2026-11-30T07:59:59"));
    assertThat(w.phase()).isEqualTo(Phase.ASLEEP);
    w.runUntil(w.local("2026-11-30T08:10:00"));

    assertThat(w.firstDrivingTo(w.local("2026-11-30T07:55:00"), State.AWAKE))
        .get()
        .extracting(ScheduledWorld.Pass::at)
        .isEqualTo(w.local("2026-11-30T08:00:00"));
    assertThat(w.phase()).isEqualTo(Phase.AWAKE);
    assertThat(w.running("web")).isEqualTo(2);

    w.downUntil(w.local("2026-11-30T19:50:00"));
    w.runUntil(w.local("2026-11-30T20:10:00"));

    assertThat(w.firstDrivingTo(w.local("2026-11-30T19:50:00"), State.ASLEEP))
        .get()
        .extracting(ScheduledWorld.Pass::at)
        .isEqualTo(w.local("2026-11-30T20:00:00"));
    assertThat(w.phase()).isEqualTo(Phase.ASLEEP);
    assertThat(w.desiredCount("api")).isZero();
    assertThat(operations(w.posted()))
        .extracting(Announcement::requestedBy, Announcement::reason)
        .containsOnly(tuple("schedule", "schedule"));
    assertThat(operations(w.posted()))
        .extracting(a -> a.operation().target())
        .endsWith(State.AWAKE, State.ASLEEP);
  }

  @Test
  void holiday_staysAsleep_andSaysWhy() {
    // Wednesday 2026-05-06 is a substitute holiday in Japan. Someone left the services running.
    ScheduledWorld w = world("2026-05-06T08:30:00", OFFICE_HOURS);
    w.sim.updateService(
        "test", Optional.of("dev"), "api", OptionalInt.of(1), Optional.empty(), false);

    w.runUntil(w.local("2026-05-06T19:00:00"));

    assertThat(w.phase()).isEqualTo(Phase.ASLEEP);
    assertThat(w.desiredCount("api")).isZero();
    assertThat(w.passes).noneMatch(p -> p.target().equals(Optional.of(State.AWAKE)));
    assertThat(w.posted())
        .first()
        .satisfies(
            a -> {
              assertThat(a.requestedBy()).isEqualTo("schedule");
              assertThat(a.reason()).startsWith("holiday").contains("振替休日");
            });

    w.downUntil(w.local("2026-05-07T07:55:00"));
    w.runUntil(w.local("2026-05-07T08:10:00"));
    assertThat(w.phase()).isEqualTo(Phase.AWAKE);
  }

  @Test
  void wakeBy_isAwakeByItsDeadline_andLearnsFromMeasuredWakes() {
    ScheduledWorld w = world("2026-11-30T08:00:00", AWAKE_BY_NINE);

    w.runUntil(w.local("2026-11-30T09:00:00"));

    assertThat(w.phase()).isEqualTo(Phase.AWAKE);
    Instant firstStart =
        w.firstDrivingTo(w.local("2026-11-30T08:00:00"), State.AWAKE).orElseThrow().at();
    assertThat(firstStart)
        .isBefore(w.local("2026-11-30T09:00:00"))
        .isAfter(w.local("2026-11-30T08:30:00"));
    assertThat(w.status().wakeDurations()).hasSize(1);

    w.downUntil(w.local("2026-12-01T08:00:00"));
    w.runUntil(w.local("2026-12-01T09:00:00"));

    assertThat(w.phase()).isEqualTo(Phase.AWAKE);
    Instant secondStart =
        w.firstDrivingTo(w.local("2026-12-01T08:00:00"), State.AWAKE).orElseThrow().at();
    Duration firstLead = Duration.between(firstStart, w.local("2026-11-30T09:00:00"));
    Duration secondLead = Duration.between(secondStart, w.local("2026-12-01T09:00:00"));
    assertThat(secondLead)
        .as("the lead is the measured wake now, shorter than the manifest's estimate")
        .isLessThan(firstLead)
        .isEqualTo(w.status().wakeDurations().get(0));
  }

  @Test
  void manualWakeAtNine_forAnHour_sleepsAgainAtTen_announcingTheExpiry() {
    ScheduledWorld w = world("2026-11-30T21:00:00", OFFICE_HOURS);
    w.pass();
    w.request(State.AWAKE, Optional.of(Duration.ofHours(1)), "alice", "hotfix", false);

    w.runUntil(w.local("2026-11-30T21:10:00"));
    assertThat(w.phase()).isEqualTo(Phase.AWAKE);
    w.runUntil(w.local("2026-11-30T22:10:00"));

    assertThat(w.firstDrivingTo(w.local("2026-11-30T21:10:00"), State.ASLEEP))
        .get()
        .extracting(ScheduledWorld.Pass::at)
        .isEqualTo(w.local("2026-11-30T22:00:00"));
    assertThat(w.phase()).isEqualTo(Phase.ASLEEP);
    List<Announcement> all = operations(w.posted());
    List<Announcement> operations = all.subList(all.size() - 2, all.size());
    assertThat(operations)
        .extracting(a -> a.operation().target())
        .containsExactly(State.AWAKE, State.ASLEEP);
    assertThat(operations.get(0).requestedBy()).isEqualTo("alice");
    assertThat(operations.get(0).reason()).isEqualTo("hotfix");
    assertThat(operations.get(1).requestedBy()).isEqualTo("schedule");
    assertThat(operations.get(1).reason()).startsWith("override expired");
  }

  /**
   * The first announcement of each wake or sleep operation (the first pass also announces the state
   * it found the environment in).
   */
  private static List<Announcement> operations(List<Announcement> posted) {
    return posted.stream()
        .filter(
            a ->
                posted.stream()
                        .filter(b -> b.operation().equals(a.operation()))
                        .findFirst()
                        .orElseThrow()
                    == a)
        .toList();
  }
}
