package dev.daybreak.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.daybreak.ecssim.CallRecord;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.it.Dynalite;
import dev.daybreak.model.Phase;
import dev.daybreak.model.Requeue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With the long-running controller serving settled environments' reads from memory ({@code
 * CachedReads}, issue 22), against dynalite through its index: a hand edit of the desired item and
 * a new apply are still acted on by the pass the next resync queues, not by a drift check. The
 * environment has just settled when each change is made, so its next drift check is a minute away
 * ({@link Requeue#DRIFT_CHECK}); the change is asserted acted on within half of that, and the pass
 * that does so finds a remembered read of the environment (written by its settling pass), so a
 * remembered read that ignored the change would leave it undone for ten minutes.
 */
class CachedReadsIT {

  private static final Duration RESYNC = Duration.ofSeconds(1);
  private static final Duration BEFORE_THE_DRIFT_CHECK = Requeue.DRIFT_CHECK.dividedBy(2);
  private static final String ENV = "shop";

  private Dynalite dynalite;
  private Stack stack;

  @BeforeEach
  void start() {
    dynalite = Dynalite.start();
    stack =
        Stack.start(
            dynalite,
            SimSettings.builder()
                .seed(22)
                .startLatency(Latency.parse("100ms..200ms"))
                .stopLatency(Latency.parse("100ms..200ms"))
                .build());
    stack.apply(Envs.seed(ENV, "dev", ""));
    stack.startController(RESYNC);
  }

  @AfterEach
  void stop() throws InterruptedException {
    try {
      stack.close();
    } finally {
      dynalite.close();
    }
  }

  private Instant settled(Phase phase) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(() -> assertThat(stack.phase(ENV)).as(ENV).contains(phase));
    return Instant.now();
  }

  private List<CallRecord> updatesAfter(Instant at) {
    return stack.updates("dev").stream().filter(c -> !c.at().isBefore(at)).toList();
  }

  @Test
  void aHandEditOfTheDesiredItem_isActedOnByTheNextResync_notTheDriftCheck() {
    stack.rawFlip(ENV, "AWAKE");
    Instant awake = settled(Phase.AWAKE);

    Instant edited = stack.rawFlip(ENV, "ASLEEP");

    await()
        .atMost(BEFORE_THE_DRIFT_CHECK)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> !updatesAfter(edited).isEmpty());
    CallRecord first = updatesAfter(edited).get(0);
    assertThat(first.desiredCount()).as("a sleep").isEqualTo(OptionalInt.of(0));
    assertThat(first.at()).isBefore(awake.plus(Requeue.DRIFT_CHECK));
    settled(Phase.ASLEEP);
  }

  @Test
  void aNewApply_isReadByThePassTheNextResyncQueues_notTheDriftCheck() {
    stack.rawFlip(ENV, "AWAKE");
    Instant awake = settled(Phase.AWAKE);
    assertThat(observedGeneration()).isEqualTo(1);

    stack.apply(Envs.seed(ENV, "dev", "").replace("replicas: 7", "replicas: 9"));

    await()
        .atMost(BEFORE_THE_DRIFT_CHECK)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> observedGeneration() == 2);
    assertThat(Instant.now()).isBefore(awake.plus(Requeue.DRIFT_CHECK));
  }

  /** The spec generation the controller's last status write was planned from. */
  private long observedGeneration() {
    return stack.store.status(ENV).orElseThrow().status().observedGeneration();
  }
}
