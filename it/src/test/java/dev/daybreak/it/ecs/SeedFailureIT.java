package dev.daybreak.it.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecs.SdkEcsGateway;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.ServiceEvent;
import dev.daybreak.time.ScaledClock;
import dev.daybreak.time.VirtualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The seed's failure, reproduced through the gateway: b crashes at start-up unless a already runs.
 * a is the slower service to start (30 s against b's 20 s), as in the seed's environment.
 */
class SeedFailureIT {

  private static final SimSettings SEED =
      SimSettings.builder()
          .startLatency("a", Latency.fixed(Duration.ofSeconds(30)))
          .startLatency("b", Latency.parse("15s..20s"))
          .require("b", "a")
          .build();

  private EcsSimFixture fixture;
  private SdkEcsGateway gateway;

  @AfterEach
  void stop() {
    fixture.close();
  }

  private void start(Clock clock) {
    fixture = EcsSimFixture.start(SEED, clock);
    fixture.sim.provision("dev", List.of("a", "b", "c", "d", "e"));
    gateway = fixture.gateway(GatewaySettings.defaults());
  }

  private ObservedService observe(String service) {
    return gateway.observe("dev", List.of(service)).get(service);
  }

  @Test
  void scalingAAndBAtOnce_leavesBWithFailedTasks() {
    VirtualClock clock = VirtualClock.startingAt(Instant.parse("2026-01-01T06:00:00Z"));
    start(clock);

    gateway.scale("dev", "a", 1);
    gateway.scale("dev", "b", 3);
    clock.advance(Duration.ofSeconds(25));

    ObservedService b = observe("b");
    assertThat(b.failedTasks()).isGreaterThan(0);
    assertThat(b.events())
        .extracting(ServiceEvent::message)
        .anyMatch(m -> m.startsWith("(service b) has started 3 tasks: (task "));
    assertThat(fixture.get("/_sim/services").get(1).path("failedTasks").asInt())
        .isEqualTo(b.failedTasks());

    clock.advance(Duration.ofMinutes(2));
    ObservedService recovered = observe("b");
    assertThat(recovered.runningCount())
        .as("ECS keeps relaunching; once a runs, b does")
        .isEqualTo(3);
    assertThat(recovered.latestEvent().orElseThrow().message())
        .isEqualTo("(service b) has reached a steady state.");
  }

  @Test
  void scalingAFirstThenBOnceARuns_leavesBWithNoFailedTasks() {
    VirtualClock clock = VirtualClock.startingAt(Instant.parse("2026-01-01T06:00:00Z"));
    start(clock);

    gateway.scale("dev", "a", 1);
    clock.advance(Duration.ofSeconds(30));
    assertThat(observe("a").runningCount()).isEqualTo(1);
    gateway.scale("dev", "b", 3);
    clock.advance(Duration.ofMinutes(2));

    ObservedService b = observe("b");
    assertThat(b.runningCount()).isEqualTo(3);
    assertThat(b.failedTasks()).isZero();
    assertThat(fixture.get("/_sim/services").get(1).path("failedTasks").asInt()).isZero();
  }

  @Test
  void onAScaledClock_waitingForAToRunBeforeScalingB_avoidsTheFailure() {
    start(ScaledClock.of(Clock.systemUTC(), 600));

    gateway.scale("dev", "a", 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> observe("a").runningCount() == 1);
    gateway.scale("dev", "b", 3);
    await().atMost(Duration.ofSeconds(10)).until(() -> observe("b").runningCount() == 3);

    assertThat(observe("b").failedTasks()).isZero();
  }
}
