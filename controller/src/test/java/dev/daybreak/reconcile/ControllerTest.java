package dev.daybreak.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.lease.Ownership;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.queue.Result;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.time.ManualClock;
import dev.daybreak.time.ManualScheduler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The controller's timers are tasks on its injected scheduler: the resync, the passes it queues and
 * their requeues all wait for the scheduler to run them, so a virtual clock drives the loop.
 */
class ControllerTest {

  private static final Instant START = Instant.parse("2026-11-30T09:00:00Z");

  private final ManualClock clock = new ManualClock(START);
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final InMemoryStateStore store = new InMemoryStateStore(clock);

  @Test
  void onScheduler_resyncPassesAndRequeuesRunAsSchedulerTasks_untilClosed() {
    store.applySpec(
        Manifests.parse(
                "seed.yaml",
                """
                apiVersion: daybreak.dev/v1
                kind: Environment
                metadata: {name: seed}
                spec:
                  cluster: dev
                  services:
                    - {name: a, replicas: 1}
                """)
            .get(0));
    List<String> passes = new ArrayList<>();
    Controller controller =
        Controller.onScheduler(
            store,
            env -> {
              passes.add(env + "@" + clock.instant());
              return Result.requeueAfter(Duration.ofMinutes(1));
            },
            scheduler,
            clock,
            ControllerSettings.defaults(),
            Ownership.sole(),
            new SimpleMeterRegistry());

    controller.start();
    assertThat(passes).as("nothing runs until the scheduler runs it").isEmpty();

    scheduler.advance(Duration.ZERO);
    assertThat(passes).containsExactly("seed@" + START);

    scheduler.advance(Duration.ofMinutes(1));
    assertThat(passes).containsExactly("seed@" + START, "seed@" + START.plusSeconds(60));
    assertThat(scheduler.requestedDelays())
        .as("the resync asks for its next round every period")
        .contains(ControllerSettings.DEFAULT_RESYNC);

    controller.close();
    scheduler.advance(Duration.ofMinutes(5));
    assertThat(passes).hasSize(2);
    assertThat(scheduler.pending()).as("closing cancels the resync and the requeue").isZero();
  }
}
