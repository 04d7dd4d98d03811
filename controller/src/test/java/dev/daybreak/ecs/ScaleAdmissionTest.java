package dev.daybreak.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.AdmissionLine;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.Phase;
import dev.daybreak.model.State;
import dev.daybreak.time.VirtualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * New operations wait for the UpdateService turns started ones leave, measured on the gateway's own
 * client-side bucket (the real {@link SdkEcsGateway}, its ECS client answering UpdateService only).
 */
class ScaleAdmissionTest {

  private static final Instant T0 = Instant.parse("2026-12-07T06:00:00Z");

  private final VirtualClock clock = VirtualClock.startingAt(T0);
  private final AtomicInteger ecsCalls = new AtomicInteger();
  private final SdkEcsGateway gateway =
      new SdkEcsGateway(
          AcceptingEcs.countingUpdates(ecsCalls),
          ElbClients.create(
              EcsEndpoint.simulator(URI.create("http://127.0.0.1:9")), EcsClients.APP_ID),
          GatewaySettings.defaults(),
          clock,
          d -> {});
  private final ScaleAdmission admission = new ScaleAdmission(clock);
  private final DesiredState awake = DesiredState.of(State.AWAKE, "test", "morning", T0);

  @AfterEach
  void close() {
    gateway.close();
  }

  private static EnvironmentStatus waking() {
    return new EnvironmentStatus(
        EnvironmentStatus.FORMAT_VERSION,
        Phase.WAKING,
        Optional.of(State.AWAKE),
        1,
        Map.of(),
        List.of(),
        Map.of(),
        1,
        Optional.of(T0));
  }

  /** Takes every turn of the bucket and {@code seconds} more of its rate: a backlog that long. */
  private void backlog(double seconds) {
    var limit = GatewaySettings.defaults().updates();
    int turns = limit.burst() + (int) Math.ceil(seconds * limit.perSecond());
    for (int i = 0; i < turns; i++) {
      gateway.scale("dev", "svc-" + i, 1);
    }
  }

  @Test
  void waitFor_aNewWake_whenTheBudgetIsFree_isAdmitted() {
    assertThat(admission.waitFor(gateway, "env-a", EnvironmentStatus.initial(), awake, 10))
        .isEmpty();
    assertThat(admission.waiting()).isZero();
  }

  @Test
  void waitFor_aNewWake_whileTheBudgetHasABacklog_waitsWithoutCallingEcs() {
    backlog(5);
    int callsBefore = ecsCalls.get();

    Optional<Duration> wait =
        admission.waitFor(gateway, "env-a", EnvironmentStatus.initial(), awake, 10);

    assertThat(wait).hasValueSatisfying(d -> assertThat(d).isPositive());
    assertThat(ecsCalls).hasValue(callsBefore);
    assertThat(admission.waiting()).isEqualTo(1);
  }

  @Test
  void waitFor_aStartedWake_isAdmittedWhateverTheBacklog() {
    backlog(60);
    admission.waitFor(gateway, "env-new", EnvironmentStatus.initial(), awake, 10);

    assertThat(admission.waitFor(gateway, "env-started", waking(), awake, 10)).isEmpty();
  }

  @Test
  void waitFor_aNewWake_isAdmittedOnceTheBacklogIsUnderTheHorizon_inTheOrderRequested() {
    backlog(5);
    DesiredState later = DesiredState.of(State.AWAKE, "test", "morning", T0.plusSeconds(1));
    assertThat(admission.waitFor(gateway, "env-b", EnvironmentStatus.initial(), later, 10))
        .isPresent();
    assertThat(admission.waitFor(gateway, "env-a", EnvironmentStatus.initial(), awake, 10))
        .isPresent();

    var bucket = gateway.scaleBucket().orElseThrow();
    double horizonTurns = bucket.limit().perSecond() * AdmissionLine.HORIZON.toMillis() / 1000.0;
    while (bucket.available() + horizonTurns <= 0) {
      clock.advance(Duration.ofMillis(100));
    }
    assertThat(bucket.available() + horizonTurns)
        .as("one turn free within the horizon")
        .isLessThan(1);

    assertThat(admission.waitFor(gateway, "env-b", EnvironmentStatus.initial(), later, 10))
        .as("env-a was asked for first")
        .isPresent();
    assertThat(admission.waitFor(gateway, "env-a", EnvironmentStatus.initial(), awake, 10))
        .isEmpty();
    assertThat(admission.waiting()).isEqualTo(1);
  }
}
