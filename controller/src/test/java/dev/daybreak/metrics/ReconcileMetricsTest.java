package dev.daybreak.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.Phase;
import dev.daybreak.model.Transition;
import dev.daybreak.model.TransitionKind;
import dev.daybreak.model.savings.EnvironmentSavings;
import dev.daybreak.model.savings.ServiceSavings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReconcileMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ReconcileMetrics metrics = new ReconcileMetrics(registry);
  private final Instant start = Instant.parse("2026-11-30T09:00:00Z");

  private static List<Transition> of(TransitionKind kind) {
    return List.of(new Transition(kind, -1, List.of(), kind.name()));
  }

  @Test
  void transitions_wakeStartedThenAwake_recordsTheWakeDuration() {
    metrics.transitions("seed", of(TransitionKind.WAKE_STARTED), start);
    metrics.transitions("seed", of(TransitionKind.TIER_DONE), start.plusSeconds(30));
    metrics.transitions("seed", of(TransitionKind.AWAKE), start.plusSeconds(90));

    var wakes = registry.get(ReconcileMetrics.WAKE_DURATION).timer();
    assertThat(wakes.count()).isEqualTo(1);
    assertThat(wakes.totalTime(TimeUnit.SECONDS)).isEqualTo(90.0);
    assertThat(registry.get(ReconcileMetrics.SLEEP_DURATION).timer().count()).isZero();
  }

  @Test
  void transitions_asleepWithoutASeenStart_recordsNothing() {
    metrics.transitions("seed", of(TransitionKind.ASLEEP), start);

    assertThat(registry.get(ReconcileMetrics.SLEEP_DURATION).timer().count()).isZero();
  }

  @Test
  void phase_countsEnvironmentsByTheirLatestPhase_andForgetsThoseNoLongerReconciledHere() {
    metrics.phase("a", Phase.WAKING);
    metrics.phase("b", Phase.WAKING);
    metrics.phase("a", Phase.AWAKE);
    metrics.forget("b");

    assertThat(registry.get(ReconcileMetrics.ENVIRONMENTS).tag("phase", "Awake").gauge().value())
        .isEqualTo(1);
    assertThat(registry.get(ReconcileMetrics.ENVIRONMENTS).tag("phase", "Waking").gauge().value())
        .isZero();
  }

  @Test
  void saved_isScrapedAsDaybreakSavedDollarsAndTaskHoursTotals_perEnvironment() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ReconcileMetrics scraped = new ReconcileMetrics(prometheus);
    EnvironmentSavings night =
        new EnvironmentSavings(
            "seed",
            "us-east-1",
            List.of(new ServiceSavings("api", 14.0, Optional.of(0.34559), Optional.empty())));

    scraped.saved("seed", night);
    scraped.saved("seed", night);

    String text = prometheus.scrape();
    assertThat(text)
        .contains("daybreak_saved_dollars_total{environment=\"seed\"} 0.69118")
        .contains("daybreak_saved_task_hours_total{environment=\"seed\"} 28.0");
  }
}
