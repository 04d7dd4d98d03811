package dev.daybreak.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.AccessSpec;
import dev.daybreak.model.Deployment;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.NotifySpec;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.Phase;
import dev.daybreak.model.Plan;
import dev.daybreak.model.Readiness;
import dev.daybreak.model.Replicas;
import dev.daybreak.model.RolloutState;
import dev.daybreak.model.ServiceEvent;
import dev.daybreak.model.ServiceReadiness;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.model.ServiceStatus;
import dev.daybreak.model.SleepOrder;
import dev.daybreak.model.State;
import dev.daybreak.model.Transition;
import dev.daybreak.model.TransitionKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnnouncementTest {

  private static final Instant REQUESTED = Instant.parse("2026-11-29T06:59:58Z");
  private static final Instant STARTED = Instant.parse("2026-11-29T07:00:00Z");

  private final EnvironmentSpec spec =
      new EnvironmentSpec(
          "seed",
          "dev-cluster",
          List.of(
              ServiceSpec.of("a", 1),
              new ServiceSpec(
                  "b",
                  "seed-b-svc",
                  Replicas.fixed(3),
                  Readiness.RUNNING,
                  Duration.ofMinutes(5),
                  List.of("a"))),
          SleepOrder.REVERSE,
          Optional.empty(),
          new NotifySpec(Optional.of("dev-envs"), List.of("U1")),
          AccessSpec.defaults(),
          java.util.Map.of(),
          dev.daybreak.model.AutoscalingMode.MANAGE,
          dev.daybreak.model.AwsSpec.home());
  private final DesiredState desired =
      new DesiredState(State.AWAKE, Optional.empty(), Set.of(), "alice", "standup", REQUESTED);

  private Plan plan(Optional<Instant> operationStartedAt, List<Transition> transitions) {
    EnvironmentStatus status =
        new EnvironmentStatus(
            EnvironmentStatus.FORMAT_VERSION,
            Phase.WAKING,
            Optional.of(State.AWAKE),
            1,
            Map.of(
                "a", new ServiceReadiness(0, true, 1, 1, 1, 0, Optional.of(STARTED)),
                "b", new ServiceReadiness(1, false, 3, 3, 1, 2, Optional.of(STARTED))),
            List.of(),
            Map.of(),
            4,
            operationStartedAt);
    return new Plan(List.of(), status, transitions, Duration.ofSeconds(2));
  }

  @Test
  void of_aPass_carriesWhoAskedTheOperationAndTheSeedsFieldsPerService() {
    ServiceEvent latest =
        new ServiceEvent(
            "ev-2", STARTED.plusSeconds(30), "(service seed-b-svc) has started 3 tasks");
    ServiceEvent older = new ServiceEvent("ev-1", STARTED.plusSeconds(5), "older");
    Map<String, ObservedService> observed =
        Map.of(
            "a",
            new ObservedService(
                "a", ServiceStatus.ACTIVE, 1, 1, 0, List.of(), List.of(), Optional.empty()),
            "seed-b-svc",
            new ObservedService(
                "seed-b-svc",
                ServiceStatus.ACTIVE,
                3,
                1,
                2,
                List.of(
                    new Deployment("d1", "PRIMARY", RolloutState.IN_PROGRESS, 3, 1, 2, 2),
                    new Deployment("d0", "ACTIVE", RolloutState.COMPLETED, 0, 0, 0, 1)),
                List.of(latest, older),
                Optional.empty()));
    Transition tierDone =
        new Transition(TransitionKind.TIER_DONE, 0, List.of("a"), "Tier 0 is ready");

    Announcement a =
        Announcement.of(spec, desired, plan(Optional.of(STARTED), List.of(tierDone)), observed);

    assertThat(a.environment()).isEqualTo("seed");
    assertThat(a.operationId()).isEqualTo("seed/wake/2026-11-29T07:00:00Z");
    assertThat(a.requestedBy()).isEqualTo("alice");
    assertThat(a.reason()).isEqualTo("standup");
    assertThat(a.transitions()).containsExactly(tierDone);
    assertThat(a.notifications().slackChannel()).contains("dev-envs");
    assertThat(a.tierCount()).isEqualTo(2);
    assertThat(a.services())
        .containsExactly(
            new ServiceReport("a", "a", 0, true, 1, 1, 1, 0, Optional.empty()),
            new ServiceReport("b", "seed-b-svc", 1, false, 3, 3, 1, 3, Optional.of(latest)));
  }

  @Test
  void of_noOperationStartInStatus_usesTheRequestTimeSoEveryPassOfTheRequestSharesAnId() {
    Announcement first =
        Announcement.of(spec, desired, plan(Optional.empty(), List.of()), Map.of());
    Announcement second =
        Announcement.of(spec, desired, plan(Optional.empty(), List.of()), Map.of());

    assertThat(first.operationId())
        .isEqualTo("seed/wake/2026-11-29T06:59:58Z")
        .isEqualTo(second.operationId());
  }

  @Test
  void of_serviceNotObserved_fallsBackToThePlannersCounts() {
    Announcement a =
        Announcement.of(spec, desired, plan(Optional.of(STARTED), List.of()), Map.of());

    assertThat(a.service("b"))
        .contains(new ServiceReport("b", "seed-b-svc", 1, false, 3, 3, 1, 2, Optional.empty()));
  }
}
