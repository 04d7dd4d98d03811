package dev.daybreak.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.Faults;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.Suspension;
import dev.daybreak.model.ScalingBounds;
import dev.daybreak.scaling.ScalingException;
import dev.daybreak.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimScalingGatewayTest {

  private final VirtualClock clock = VirtualClock.startingAt(Instant.parse("2026-01-05T00:00:00Z"));
  private final EcsSimulator ecs = new EcsSimulator(SimSettings.builder().build(), clock);
  private final SimScalingGateway gateway = new SimScalingGateway(ecs, d -> clock.advance(d));

  @Test
  void targets_returnsOnlyServicesWithATarget_withTheirSuspendedState() {
    ecs.provision("dev", List.of("a", "b"));
    ecs.autoScaling().declare("dev", "a", 2, 4, new Suspension(false, true, false));

    Map<String, ScalingBounds> found = gateway.targets("dev", List.of("a", "b"));

    assertThat(found).isEqualTo(Map.of("a", new ScalingBounds(2, 4, false, true, false)));
    assertThat(ecs.calls())
        .filteredOn(c -> c.op().equals("DescribeScalableTargets"))
        .singleElement()
        .satisfies(c -> assertThat(c.caller()).isEqualTo(SimEcsGateway.CALLER));
  }

  @Test
  void set_registersMinMaxAndEverySuspendedMember_andIsLogged() {
    ecs.provision("dev", List.of("a"));
    ecs.autoScaling().declare("dev", "a", 2, 4, Suspension.NONE);

    gateway.set("dev", "a", new ScalingBounds(2, 4, false, false, false).asleep());

    assertThat(gateway.targets("dev", List.of("a")))
        .containsEntry("a", new ScalingBounds(0, 4, true, true, true));
    assertThat(ecs.calls()).filteredOn(c -> c.op().equals("RegisterScalableTarget")).hasSize(1);
  }

  @Test
  void set_duringABlackout_retriesWithBackoffOnTheSleeper_thenReportsScalingException() {
    ecs.provision("dev", List.of("a"));
    ecs.autoScaling().declare("dev", "a", 1, 2, Suspension.NONE);
    Instant start = clock.instant();
    ecs.setFaults(
        new Faults(
            Map.of(),
            Map.of(),
            java.util.Set.of(),
            Optional.of(new Faults.Blackout(start, start.plusSeconds(600)))));

    assertThatThrownBy(() -> gateway.set("dev", "a", new ScalingBounds(0, 2, true, true, true)))
        .isInstanceOf(ScalingException.class)
        .hasMessageContaining("RegisterScalableTarget failed: InternalServiceException");
    assertThat(ecs.calls())
        .filteredOn(c -> c.op().equals("RegisterScalableTarget"))
        .hasSize(SimScalingGateway.ATTEMPTS);
    assertThat(Duration.between(start, clock.instant()))
        .as("200 + 400 + 800 ms of backoff, on the virtual clock")
        .isEqualTo(Duration.ofMillis(1_400));
  }

  @Test
  void set_ofAServiceThatDoesNotExist_isAScalingExceptionAtOnce() {
    ecs.provision("dev", List.of("a"));

    assertThatThrownBy(() -> gateway.set("dev", "ghost", new ScalingBounds(0, 1, true, true, true)))
        .isInstanceOf(ScalingException.class)
        .hasMessageContaining("ValidationException");
    assertThat(ecs.calls()).filteredOn(c -> c.op().equals("RegisterScalableTarget")).hasSize(1);
  }
}
