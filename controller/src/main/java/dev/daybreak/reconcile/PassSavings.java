package dev.daybreak.reconcile;

import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.metrics.ReconcileMetrics;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.ScheduleSpec;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.model.Transition;
import dev.daybreak.model.TransitionKind;
import dev.daybreak.model.savings.Downtime;
import dev.daybreak.model.savings.EnvironmentSavings;
import dev.daybreak.model.savings.Savings;
import dev.daybreak.model.savings.TaskSize;
import dev.daybreak.savings.Pricing;
import dev.daybreak.savings.SavingsService;
import dev.daybreak.savings.SavingsText;
import dev.daybreak.store.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a pass reads and reports about savings: the task sizes the sleep ledger asks for, the tally
 * of the downtimes that ended (a metric), and the sentence an Asleep announcement carries about
 * what this night is expected to save and what this month saved so far.
 */
final class PassSavings {

  private final StateStore store;
  private final ControllerSettings settings;
  private final Clock clock;
  private final ReconcileMetrics metrics;

  PassSavings(
      StateStore store, ControllerSettings settings, Clock clock, ReconcileMetrics metrics) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * Each logical service's task size, from ECS (DescribeTaskDefinition, cached by ARN by the
   * gateway); services ECS cannot size are left out.
   */
  static Map<String, TaskSize> taskSizes(EcsGateway ecs, EnvironmentSpec spec) {
    Map<String, TaskSize> byEcsName =
        ecs.taskSizes(
            spec.cluster(), spec.services().stream().map(ServiceSpec::ecsService).toList());
    Map<String, TaskSize> sizes = new HashMap<>();
    for (ServiceSpec s : spec.services()) {
      Optional.ofNullable(byEcsName.get(s.ecsService())).ifPresent(t -> sizes.put(s.name(), t));
    }
    return sizes;
  }

  /** Counts what the downtimes that ended in this pass saved, in the savings metric. */
  void tally(EnvironmentSpec spec, List<Downtime> ended) {
    if (ended.isEmpty()) {
      return;
    }
    Pricing pricing = settings.pricing();
    metrics.saved(
        spec.name(),
        Savings.tally(
            spec.name(), pricing.regionOf(spec), ended, Instant.MIN, Instant.MAX, pricing.table()));
  }

  /**
   * The transitions with the ASLEEP one (if any) saying what this night is expected to save until
   * {@code nextChange} (the next scheduled wake) and what was saved this month so far, in the
   * schedule's time zone (UTC without a schedule).
   */
  List<Transition> withSavings(
      EnvironmentSpec spec,
      List<Transition> transitions,
      EnvironmentStatus status,
      Optional<Instant> nextChange) {
    if (transitions.stream().noneMatch(t -> t.kind() == TransitionKind.ASLEEP)) {
      return transitions;
    }
    SavingsService savings = new SavingsService(store, settings.pricing(), clock);
    ZoneId zone = spec.schedule().map(ScheduleSpec::timeZone).orElse(ZoneOffset.UTC);
    Instant now = clock.instant();
    Optional<EnvironmentSavings> month =
        savings.environment(spec.name(), savings.monthStart(zone), now);
    if (month.isEmpty()) {
      return transitions;
    }
    Optional<EnvironmentSavings> tonight =
        nextChange.map(wake -> savings.expected(spec, status, wake));
    String sentence =
        SavingsText.asleep(tonight, nextChange, month.get(), settings.pricing().table().date());
    return transitions.stream()
        .map(
            t ->
                t.kind() == TransitionKind.ASLEEP
                    ? new Transition(
                        t.kind(), t.tier(), t.services(), t.message() + "; " + sentence)
                    : t)
        .toList();
  }
}
