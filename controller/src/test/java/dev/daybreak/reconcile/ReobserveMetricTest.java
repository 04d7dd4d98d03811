package dev.daybreak.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.metrics.ReconcileMetrics;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.State;
import dev.daybreak.sandbox.SimEcsGateway;
import dev.daybreak.slack.LogNotifier;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.MutableClock;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.StoredStatus;
import dev.daybreak.store.Via;
import dev.daybreak.time.Monotonic;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The observation-age re-check is expected behaviour under load: it logs at DEBUG, not WARN, and is
 * counted in {@code /metrics} as {@code daybreak_reconcile_reobserved_total}.
 */
class ReobserveMetricTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
  private final InMemoryStateStore store = new InMemoryStateStore(clock);
  private final EcsSimulator ecs = new EcsSimulator(SimSettings.builder().build(), clock);
  private final PrometheusMeterRegistry meters =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Logger log = (Logger) LoggerFactory.getLogger(EnvironmentReconciler.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Level before = log.getLevel();

  @BeforeEach
  void seed() {
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
                - {name: b, replicas: 1, dependsOn: [a]}
            """)
        .forEach(store::applySpec);
    ecs.provision("dev", List.of("a", "b"));
    store.writeDesired(
        "seed", DesiredState.of(State.AWAKE, "test", "test", clock.instant()), 0, Via.CLI);
    logged.start();
    log.addAppender(logged);
    log.setLevel(Level.DEBUG);
  }

  @AfterEach
  void detach() {
    log.detachAppender(logged);
    log.setLevel(before);
  }

  private void reconcile(Duration stall) {
    StateStore stalling =
        new ForwardingStateStore(store) {
          @Override
          public StoredStatus writeStatus(
              String environment, EnvironmentStatus status, long version) {
            StoredStatus written = delegate().writeStatus(environment, status, version);
            clock.advance(stall);
            return written;
          }
        };
    EnvironmentReconciler.builder(
            stalling,
            new SimEcsGateway(ecs, GatewaySettings.defaults(), clock::advance),
            new LogNotifier(),
            clock)
        .monotonic(Monotonic.elapsedOn(clock))
        .metrics(new ReconcileMetrics(meters))
        .build()
        .reconcile("seed");
  }

  @Test
  void staleObservation_isCounted_andLoggedAtDebugOnly() {
    reconcile(EnvironmentReconciler.MAX_OBSERVATION_AGE.plusMillis(1));

    assertThat(meters.scrape()).contains("daybreak_reconcile_reobserved_total 1.0");
    assertThat(updateServiceCalls()).isZero();
    assertThat(logged.list)
        .filteredOn(e -> e.getFormattedMessage().contains("observing again"))
        .extracting(ILoggingEvent::getLevel)
        .containsExactly(Level.DEBUG);
    assertThat(logged.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
  }

  @Test
  void freshObservation_isNotCounted() {
    reconcile(EnvironmentReconciler.MAX_OBSERVATION_AGE);

    assertThat(meters.scrape()).contains("daybreak_reconcile_reobserved_total 0.0");
    assertThat(updateServiceCalls()).isEqualTo(1);
  }

  /**
   * A gateway whose UpdateService turns each take {@code planned} under its own rate limit, while
   * the clock actually moves {@code actual}: the difference is a stall.
   */
  private void reconcilePaced(Duration planned, Duration actual) {
    SimEcsGateway sim = new SimEcsGateway(ecs, GatewaySettings.defaults(), clock::advance);
    EcsGateway pacing =
        new EcsGateway() {
          @Override
          public Map<String, ObservedService> observe(
              String cluster, Collection<String> ecsServices) {
            return sim.observe(cluster, ecsServices);
          }

          @Override
          public Map<String, ObservedService> observe(
              String cluster, Collection<String> ecsServices, Set<String> withHealth) {
            return sim.observe(cluster, ecsServices, withHealth);
          }

          @Override
          public void scale(String cluster, String ecsService, int desiredCount) {
            throw new AssertionError("a pass takes its turn first, then scales in turn");
          }

          @Override
          public Duration awaitScaleTurn() {
            clock.advance(actual);
            return planned;
          }

          @Override
          public void scaleInTurn(String cluster, String ecsService, int desiredCount) {
            sim.scale(cluster, ecsService, desiredCount);
          }
        };
    EnvironmentReconciler.builder(store, pacing, new LogNotifier(), clock)
        .monotonic(Monotonic.elapsedOn(clock))
        .metrics(new ReconcileMetrics(meters))
        .build()
        .reconcile("seed");
  }

  @Test
  void waitingForTheClientsOwnUpdateServiceTurn_isPacing_notStaleness() {
    Duration turn = EnvironmentReconciler.MAX_OBSERVATION_AGE.multipliedBy(5);

    reconcilePaced(turn, turn);

    assertThat(updateServiceCalls()).isEqualTo(1);
    assertThat(meters.scrape()).contains("daybreak_reconcile_reobserved_total 0.0");
  }

  @Test
  void aStallBeyondThePlannedTurn_isStaleness_andNothingIsScaled() {
    Duration planned = EnvironmentReconciler.MAX_OBSERVATION_AGE;
    Duration actual = planned.plus(EnvironmentReconciler.MAX_OBSERVATION_AGE).plusMillis(1);

    reconcilePaced(planned, actual);

    assertThat(updateServiceCalls()).isZero();
    assertThat(meters.scrape()).contains("daybreak_reconcile_reobserved_total 1.0");
  }

  private long updateServiceCalls() {
    return ecs.calls().stream().filter(c -> c.op().equals("UpdateService")).count();
  }
}
