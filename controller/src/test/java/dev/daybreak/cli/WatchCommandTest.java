package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.EnvironmentStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class WatchCommandTest {

  @TempDir Path dir;
  private final Cli cli = new Cli();
  private final List<Duration> pauses = new ArrayList<>();

  @BeforeEach
  void applyAndWake() throws Exception {
    cli.memory("apply", "-f", Fixtures.write(dir, "s.yaml", Fixtures.SEED).toString());
  }

  /** Each pause moves the clock and lets the "controller" write its next status. */
  private void controllerWrites(EnvironmentStatus... statuses) {
    Deque<EnvironmentStatus> next = new ArrayDeque<>(List.of(statuses));
    long[] version = {0};
    cli.pause(
        duration -> {
          pauses.add(duration);
          cli.clock.advance(duration);
          if (!next.isEmpty()) {
            version[0] = cli.store.writeStatus("seed", next.poll(), version[0]).version();
          }
        });
  }

  @Test
  void watch_plainOutput_printsOneLinePerChange_andExitsZeroWhenAwake() {
    cli.memory("wake", "seed");
    controllerWrites(
        StatusFixtures.asleep(), // not yet picked up: the old target
        StatusFixtures.waking(1),
        StatusFixtures.waking(1),
        StatusFixtures.waking(2),
        StatusFixtures.awake());

    Cli.Result result = cli.memory("watch", "seed");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines().toList())
        .containsExactly(
            "2026-11-30T08:00:00Z seed: no status yet (desired AWAKE, pending), ready 0/3: a ?  b ?  c ?",
            "2026-11-30T08:00:02Z seed: Asleep (desired AWAKE, pending), ready 0/3: a 0/0  b 0/0  c 0/0",
            "2026-11-30T08:00:04Z seed: Waking (desired AWAKE), tier 1 (of 3), ready 1/3: a 1/1  b 1/3  c 0/1",
            "2026-11-30T08:00:08Z seed: Waking (desired AWAKE), tier 1 (of 3), ready 1/3: a 1/1  b 2/3  c 0/1",
            "2026-11-30T08:00:10Z seed: Awake (desired AWAKE), ready 3/3: a 1/1  b 3/3  c 1/1",
            "environment/seed is Awake");
    assertThat(pauses).containsOnly(Duration.ofSeconds(2)).hasSize(5);
  }

  @Test
  void watch_staleAsleepStatusWhileWakeIsPending_doesNotCountAsSettled() {
    cli.memory("wake", "seed");
    cli.store.writeStatus("seed", StatusFixtures.asleep(), 0);
    controllerWrites();

    Cli.Result result = cli.memory("watch", "seed", "--timeout", "10s");

    assertThat(result.exitCode()).isEqualTo(5);
    assertThat(result.err())
        .isEqualTo(
            "error: environment/seed did not settle within 10s (seed: Asleep (desired AWAKE, pending),"
                + " ready 0/3: a 0/0  b 0/0  c 0/0)\n");
    assertThat(cli.clock.instant()).isEqualTo(Cli.NOW.plusSeconds(10));
  }

  @Test
  void watch_sleepSettlesAsleep() {
    cli.memory("sleep", "seed");
    controllerWrites(StatusFixtures.asleep());

    Cli.Result result = cli.memory("watch", "seed");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).endsWith("environment/seed is Asleep\n");
  }

  @Test
  void watch_degraded_exitsOneWithTheCondition() {
    cli.memory("wake", "seed");
    controllerWrites(StatusFixtures.waking(0), StatusFixtures.degraded());

    Cli.Result result = cli.memory("watch", "seed");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "error: environment/seed is Degraded: ServiceTimedOut: b: 0/3 running after 5m, 4"
                + " failed tasks; latest event: (service b) failed to launch\n");
  }

  @Test
  void watch_timeout_stopsAtTheDeadline_withExitCodeFive() {
    cli.memory("wake", "seed");
    controllerWrites(StatusFixtures.waking(1));

    Cli.Result result = cli.memory("watch", "seed", "--timeout", "5s", "--interval", "2s");

    assertThat(result.exitCode()).isEqualTo(5);
    assertThat(pauses)
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1));
    assertThat(result.err()).startsWith("error: environment/seed did not settle within 5s");
  }

  @Test
  void watch_onATerminal_redrawsTierBarsInPlace() {
    cli.terminal(true);
    cli.memory("wake", "seed");
    controllerWrites(StatusFixtures.waking(1), StatusFixtures.awake());

    Cli.Result result = cli.memory("watch", "seed");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("seed: Waking (desired AWAKE), tier 1 (of 3)   2s")
        .contains("  tier 0  [████████████████████]  a 1/1")
        .contains("  tier 1  [███████░░░░░░░░░░░░░]  b 1/3")
        .contains("  tier 2  [░░░░░░░░░░░░░░░░░░░░]  c 0/1")
        .contains("  all     [████████████████████]  3/3 ready")
        .contains("\033[5F\033[J")
        .endsWith("environment/seed is Awake\n");
  }

  @Test
  void watch_malformedDesiredItem_isAnErrorNotAWait() {
    cli.store.updateDesiredByHand(
        "seed",
        java.util.Map.of(
            "state", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("ON")),
        java.util.Set.of());

    Cli.Result result = cli.memory("watch", "seed");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("the desired item of environment 'seed' is malformed (attribute 'state' is 'ON'");
  }

  @Test
  void watch_unknownEnvironment_isAnError() {
    Cli.Result result = cli.memory("watch", "nope");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("error: unknown environment 'nope'");
  }
}
