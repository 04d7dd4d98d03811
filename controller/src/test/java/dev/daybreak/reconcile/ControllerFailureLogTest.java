package dev.daybreak.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.lease.Ownership;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.queue.WorkQueue;
import dev.daybreak.sandbox.SimEcsGateway;
import dev.daybreak.slack.LogNotifier;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.StoreException;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.time.ManualClock;
import dev.daybreak.time.ManualScheduler;
import dev.daybreak.time.Sleeper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * What the controller logs when a pass fails: a store outage is expected and heals, so each failed
 * pass is one WARN line (the stack trace only at DEBUG) and the deploy/ alarm on ERROR lines stays
 * quiet; a bug is an ERROR with its stack trace, which the alarm counts.
 */
class ControllerFailureLogTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T09:00:00Z"));
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final InMemoryStateStore backing = new InMemoryStateStore(clock);
  private final Logger queueLog = (Logger) LoggerFactory.getLogger(WorkQueue.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private Level levelBefore;
  private Controller controller;

  @BeforeEach
  void capture() {
    backing.applySpec(
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
    levelBefore = queueLog.getLevel();
    queueLog.setLevel(Level.DEBUG);
    logged.start();
    queueLog.addAppender(logged);
  }

  @AfterEach
  void release() {
    if (controller != null) {
      controller.close();
    }
    queueLog.detachAppender(logged);
    queueLog.setLevel(levelBefore);
  }

  @Test
  void storeUnreachable_failedPassIsOneWarnLineWithTheCausesAndTheRetryDelay_traceOnlyAtDebug() {
    String refused = "Unable to execute HTTP request: Connection refused";
    failEveryPassWith(
        () ->
            new StoreException(
                "cannot reach DynamoDB at http://127.0.0.1:8000: " + refused,
                SdkClientException.create(refused, new ConnectException("Connection refused"))));

    ILoggingEvent warn = only(Level.WARN);
    assertThat(warn.getFormattedMessage())
        .isEqualTo(
            "Work queue environments: pass for seed failed (1 in a row); retrying in PT0.005S:"
                + " StoreException: cannot reach DynamoDB at http://127.0.0.1:8000: "
                + refused
                + "; caused by SdkClientException; caused by ConnectException");
    assertThat(warn.getThrowableProxy()).as("no stack trace at WARN").isNull();
    assertThat(only(Level.DEBUG).getThrowableProxy().getClassName())
        .isEqualTo(StoreException.class.getName());
    assertThat(at(Level.ERROR)).isEmpty();
  }

  @Test
  void bug_failedPassIsAnErrorWithTheStackTrace() {
    failEveryPassWith(() -> new IllegalStateException("status item without a phase"));

    ILoggingEvent error = only(Level.ERROR);
    assertThat(error.getFormattedMessage())
        .isEqualTo(
            "Work queue environments: pass for seed failed unexpectedly (1 in a row); retrying in"
                + " PT0.005S");
    assertThat(error.getThrowableProxy().getClassName())
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(error.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
    assertThat(at(Level.WARN)).isEmpty();
  }

  /** Starts a controller whose store fails every read of the environment; one pass runs. */
  private void failEveryPassWith(Supplier<RuntimeException> failure) {
    ForwardingStateStore store =
        new ForwardingStateStore(backing) {
          @Override
          public Optional<StoredEnvironment> environment(String environment) {
            throw failure.get();
          }
        };
    EnvironmentReconciler reconciler =
        EnvironmentReconciler.builder(
                store,
                new SimEcsGateway(
                    new EcsSimulator(SimSettings.builder().build(), clock),
                    GatewaySettings.defaults(),
                    Sleeper.system()),
                new LogNotifier(),
                clock)
            .build();
    controller =
        new Controller(
            store,
            reconciler,
            scheduler,
            clock,
            ControllerSettings.defaults(),
            Ownership.sole(),
            new SimpleMeterRegistry());
    controller.start();
    // The first resync is due at once, on the scheduler: it queues the environment.
    scheduler.advance(Duration.ZERO);
    // Pending then: the next resync and the failed pass's retry.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> controller.queue().failedPasses() == 1 && scheduler.pending() == 2);
  }

  private List<ILoggingEvent> at(Level level) {
    return logged.list.stream().filter(e -> e.getLevel() == level).toList();
  }

  private ILoggingEvent only(Level level) {
    List<ILoggingEvent> events = at(level);
    assertThat(events).as("%s events of the work queue", level).hasSize(1);
    return events.get(0);
  }
}
