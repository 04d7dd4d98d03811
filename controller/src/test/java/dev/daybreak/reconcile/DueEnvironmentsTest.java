package dev.daybreak.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.manifests.Calendars;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.State;
import dev.daybreak.reconcile.DueEnvironments.Looked;
import dev.daybreak.reconcile.DueEnvironments.Marks;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.DesiredScan;
import dev.daybreak.store.StoredDesired;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.store.StoredSpec;
import dev.daybreak.store.StoredStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DueEnvironmentsTest {

  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  private static final DesiredRead ASLEEP =
      new DesiredRead.Valid(
          new StoredDesired(DesiredState.of(State.ASLEEP, "alice", "night", NOW), 3), false);

  private static final Marks MARKS = new Marks(Optional.of(2L), ASLEEP, Optional.of(9L));

  private static Optional<Looked> settledAt(Instant at, Optional<Instant> nextChange) {
    return Optional.of(new Looked(MARKS, at, nextChange, true));
  }

  @Test
  void isDue_settledAndUnchangedWithinTheDriftCheck_isNot() {
    assertThat(
            DueEnvironments.isDue(
                settledAt(NOW.minus(Duration.ofMinutes(9)), Optional.empty()), MARKS, NOW))
        .isFalse();
  }

  @Test
  void isDue_neverLookedAtHere_is() {
    assertThat(DueEnvironments.isDue(Optional.empty(), MARKS, NOW)).isTrue();
  }

  @Test
  void isDue_unsettledLastTime_is() {
    assertThat(
            DueEnvironments.isDue(
                Optional.of(new Looked(MARKS, NOW, Optional.empty(), false)), MARKS, NOW))
        .isTrue();
  }

  @Test
  void isDue_eachMarkChanged_is() {
    Optional<Looked> last = settledAt(NOW, Optional.empty());
    DesiredRead awake =
        new DesiredRead.Valid(
            new StoredDesired(DesiredState.of(State.AWAKE, "alice", "night", NOW), 3), true);

    assertThat(
            DueEnvironments.isDue(last, new Marks(Optional.of(3L), ASLEEP, Optional.of(9L)), NOW))
        .as("a new apply")
        .isTrue();
    assertThat(
            DueEnvironments.isDue(last, new Marks(Optional.empty(), ASLEEP, Optional.of(9L)), NOW))
        .as("a spec the index shows no version for")
        .isTrue();
    assertThat(DueEnvironments.isDue(last, new Marks(Optional.of(2L), awake, Optional.of(9L)), NOW))
        .as("a hand edit that kept the version")
        .isTrue();
    assertThat(
            DueEnvironments.isDue(last, new Marks(Optional.of(2L), ASLEEP, Optional.of(10L)), NOW))
        .as("a status another invocation wrote")
        .isTrue();
  }

  @Test
  void isDue_atTheDriftCheck_is() {
    assertThat(
            DueEnvironments.isDue(
                settledAt(NOW.minus(DueEnvironments.DRIFT_CHECK), Optional.empty()), MARKS, NOW))
        .isTrue();
  }

  @Test
  void isDue_atTheNextChange_isButNotAMomentBefore() {
    Optional<Looked> last = settledAt(NOW.minus(Duration.ofMinutes(1)), Optional.of(NOW));

    assertThat(DueEnvironments.isDue(last, MARKS, NOW.minusMillis(1))).isFalse();
    assertThat(DueEnvironments.isDue(last, MARKS, NOW)).isTrue();
  }

  @Test
  void ran_rememberesTheScheduleEdgeFromWhatThePassRead() {
    String yaml =
        """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata: {name: blue}
        spec:
          cluster: dev
          schedule:
            timeZone: UTC
            windows:
              - {days: MON-FRI, wakeAt: "09:00", sleepAt: "18:00"}
          services:
            - {name: a, replicas: 1}
        """;
    var manifest = Manifests.parse("blue.yaml", yaml).get(0);
    StoredEnvironment read =
        new StoredEnvironment(
            "blue",
            new StoredSpec(manifest.spec(), manifest.json(), 2),
            NOW,
            NOW,
            new DesiredRead.Absent(),
            Optional.of(new StoredStatus(EnvironmentStatus.initial(), 9)));
    DueEnvironments due = new DueEnvironments(Calendars.builtIn());
    DesiredScan scan = new DesiredScan(List.of("blue"), Map.of(), Map.of("blue", 2L));
    Map<String, Long> statuses = Map.of("blue", 9L);
    Instant monday = Instant.parse("2026-11-30T12:00:00Z");

    assertThat(due.due(scan, statuses, monday)).containsExactly("blue");
    due.ran(List.of("blue"), List.of("blue"), env -> Optional.of(read), monday);

    assertThat(due.due(scan, statuses, monday.plus(Duration.ofMinutes(5)))).isEmpty();
    assertThat(due.due(scan, statuses, Instant.parse("2026-11-30T17:59:59Z")))
        .as("drift check at 12:10")
        .containsExactly("blue");
    due.ran(
        List.of("blue"),
        List.of("blue"),
        env -> Optional.of(read),
        Instant.parse("2026-11-30T17:55:00Z"));
    assertThat(due.due(scan, statuses, Instant.parse("2026-11-30T17:59:59Z"))).isEmpty();
    assertThat(due.due(scan, statuses, Instant.parse("2026-11-30T18:00:00Z")))
        .as("the schedule's 18:00 edge, before the drift check at 18:05")
        .containsExactly("blue");
  }
}
