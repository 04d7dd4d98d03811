package dev.daybreak.metrics;

import dev.daybreak.model.Phase;
import dev.daybreak.model.Transition;
import dev.daybreak.model.savings.EnvironmentSavings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the reconciler reports: pass durations by outcome, environments by phase (those this replica
 * reconciles), and how long wakes and sleeps took from start to Awake or Asleep.
 */
@Singleton
public final class ReconcileMetrics {

  /** How long one pass took, tagged {@code outcome}. */
  public static final String RECONCILE_DURATION = "daybreak.reconcile.duration";

  /** Environments this replica reconciles, tagged {@code phase}. */
  public static final String ENVIRONMENTS = "daybreak.environments";

  /** From the pass that started a wake to the one that found every tier ready. */
  public static final String WAKE_DURATION = "daybreak.wake.duration";

  /** From the pass that started a sleep to the one that found every service at zero. */
  public static final String SLEEP_DURATION = "daybreak.sleep.duration";

  /**
   * Passes that stopped before an action because what ECS reported was older than the reconciler's
   * maximum observation age (2 s), and observed again (Prometheus: {@code
   * daybreak_reconcile_reobserved_total}).
   */
  public static final String REOBSERVED = "daybreak.reconcile.reobserved";

  /**
   * Passes that waited in line for the UpdateService budget, without calling ECS, before starting a
   * wake or sleep (issue 22; Prometheus: {@code daybreak_reconcile_admission_held_total}).
   */
  public static final String HELD_IN_LINE = "daybreak.reconcile.admission.held";

  /** A pass that found nothing to do or was not this replica's. */
  public static final String DONE = "done";

  /**
   * Task-hours not run because daybreak kept services at zero, by environment (Prometheus: {@code
   * daybreak_saved_task_hours_total}); counted when a service is scaled up again.
   */
  public static final String SAVED_TASK_HOURS = "daybreak.saved.task.hours";

  /**
   * What those task-hours would have cost in US dollars, by environment (Prometheus: {@code
   * daybreak_saved_dollars_total}), at the price table's figures; unpriced ones add nothing.
   */
  public static final String SAVED_DOLLARS = "daybreak.saved.dollars";

  /** A pass that asked to be run again later. */
  public static final String REQUEUED = "requeued";

  /** A pass that lost a conditional write and replans. */
  public static final String CONFLICT = "conflict";

  /** A pass that failed (ECS or the store); the queue backs it off. */
  public static final String ERROR = "error";

  private static final Duration SHORTEST_OPERATION = Duration.ofSeconds(5);
  private static final Duration LONGEST_OPERATION = Duration.ofHours(2);

  private final MeterRegistry registry;
  private final Map<String, Phase> phases = new ConcurrentHashMap<>();
  private final Map<String, Instant> wakeStarted = new ConcurrentHashMap<>();
  private final Map<String, Instant> sleepStarted = new ConcurrentHashMap<>();
  private final Timer wakes;
  private final Timer sleeps;
  private final Counter reobserved;
  private final Counter heldInLine;

  @Inject
  public ReconcileMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (Phase phase : Phase.values()) {
      Gauge.builder(ENVIRONMENTS, phases, m -> m.values().stream().filter(phase::equals).count())
          .description("Environments reconciled by this replica, by phase")
          .tag("phase", phase.displayName())
          .register(registry);
    }
    this.wakes = operation(WAKE_DURATION, "Time from a wake's start until every tier was ready");
    this.sleeps = operation(SLEEP_DURATION, "Time from a sleep's start until every service was 0");
    this.reobserved =
        Counter.builder(REOBSERVED)
            .description(
                "Passes that observed ECS again before acting because the observation was too old")
            .register(registry);
    this.heldInLine =
        Counter.builder(HELD_IN_LINE)
            .description(
                "Passes that waited in line for the UpdateService budget before starting a wake or"
                    + " sleep")
            .register(registry);
  }

  private Timer operation(String name, String description) {
    return Timer.builder(name)
        .description(description)
        .publishPercentileHistogram()
        .minimumExpectedValue(SHORTEST_OPERATION)
        .maximumExpectedValue(LONGEST_OPERATION)
        .register(registry);
  }

  /** Starts timing a pass on the registry's monotonic clock. */
  public Timer.Sample startPass() {
    return Timer.start(registry);
  }

  /** Counts what the downtimes that just ended in {@code environment} saved. */
  public void saved(String environment, EnvironmentSavings savings) {
    if (savings.services().isEmpty()) {
      return;
    }
    Counter.builder(SAVED_TASK_HOURS)
        .description("Task-hours not run because daybreak kept services at zero")
        .tag("environment", environment)
        .register(registry)
        .increment(savings.taskHours());
    Counter.builder(SAVED_DOLLARS)
        .description("What the task-hours not run would have cost, in US dollars")
        .tag("environment", environment)
        .register(registry)
        .increment(savings.dollars());
  }

  /** A pass found its observation too old to act on and observes again. */
  public void reobserved() {
    reobserved.increment();
  }

  /** A pass waited in line for the UpdateService budget ({@link #HELD_IN_LINE}). */
  public void heldInLine() {
    heldInLine.increment();
  }

  /** How many passes observed again because their observation was too old. */
  public double reobservedCount() {
    return reobserved.count();
  }

  /** Records one pass, started with {@link #startPass()}. */
  public void pass(Timer.Sample started, String outcome) {
    started.stop(
        Timer.builder(RECONCILE_DURATION)
            .description("Duration of one reconcile pass")
            .tag("outcome", outcome)
            .register(registry));
  }

  /** The phase an environment's status now has. */
  public void phase(String environment, Phase phase) {
    phases.put(environment, phase);
  }

  /** How many of the environments this replica reconciles are in {@code phase} now. */
  public long environmentsIn(Phase phase) {
    return phases.values().stream().filter(phase::equals).count();
  }

  /** The environment is no longer reconciled here (deleted, or another replica's shard). */
  public void forget(String environment) {
    phases.remove(environment);
    wakeStarted.remove(environment);
    sleepStarted.remove(environment);
  }

  /** Times wakes and sleeps from the transitions of each pass. */
  public void transitions(String environment, List<Transition> transitions, Instant now) {
    for (Transition t : transitions) {
      switch (t.kind()) {
        case WAKE_STARTED -> {
          wakeStarted.put(environment, now);
          sleepStarted.remove(environment);
        }
        case SLEEP_STARTED -> {
          sleepStarted.put(environment, now);
          wakeStarted.remove(environment);
        }
        case AWAKE -> finish(wakeStarted, wakes, environment, now);
        case ASLEEP -> finish(sleepStarted, sleeps, environment, now);
        default -> {}
      }
    }
  }

  private static void finish(Map<String, Instant> started, Timer timer, String env, Instant now) {
    Instant start = started.remove(env);
    if (start != null) {
      timer.record(Duration.between(start, now));
    }
  }
}
