package dev.daybreak.savings;

import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.ScheduleSpec;
import dev.daybreak.model.savings.DownSince;
import dev.daybreak.model.savings.Downtime;
import dev.daybreak.model.savings.EnvironmentSavings;
import dev.daybreak.model.savings.Savings;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.StoredEnvironment;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What sleeping saved, read from the store: the downtimes recorded when services were scaled up
 * again, and those still open in each environment's status (counted up to now), priced with {@link
 * Pricing}. The one place the CLI ({@code daybreak savings}), the Slack messages and the status
 * page get savings from.
 */
public final class SavingsService {

  private final StateStore store;
  private final Pricing pricing;
  private final Clock clock;

  public SavingsService(StateStore store, Pricing pricing, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.pricing = Objects.requireNonNull(pricing, "pricing");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The pricing in use. */
  public Pricing pricing() {
    return pricing;
  }

  /**
   * What each of {@code environments} saved in [{@code from}, {@code to}), {@code to} capped at
   * now. An environment with no applied spec is left out.
   */
  public SavingsReport report(List<String> environments, Instant from, Instant to) {
    Instant now = clock.instant();
    Instant end = to.isAfter(now) ? now : to;
    List<EnvironmentSavings> out = new ArrayList<>();
    for (String name : environments) {
      environment(name, from, end).ifPresent(out::add);
    }
    return new SavingsReport(from, end, pricing.table().date(), out);
  }

  /** What {@code environment} saved in [{@code from}, {@code to}); empty when it has no spec. */
  public Optional<EnvironmentSavings> environment(String environment, Instant from, Instant to) {
    Optional<StoredEnvironment> stored = store.environment(environment);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Instant end = to.isAfter(now) ? now : to;
    List<Downtime> downtimes = new ArrayList<>(store.downtimes(environment, from, end));
    stored
        .get()
        .status()
        .map(s -> s.status().downSince())
        .orElse(Map.of())
        .forEach((service, d) -> downtimes.add(d.until(service, end)));
    String region = pricing.regionOf(stored.get().spec().spec());
    return Optional.of(Savings.tally(environment, region, downtimes, from, end, pricing.table()));
  }

  /**
   * What the services {@code status} keeps down save from now until {@code wakeAt}: this night's
   * expected saving.
   */
  public EnvironmentSavings expected(
      EnvironmentSpec spec, EnvironmentStatus status, Instant wakeAt) {
    Map<String, DownSince> open = status.downSince();
    return Savings.expected(
        spec.name(), pricing.regionOf(spec), open, clock.instant(), wakeAt, pricing.table());
  }

  /**
   * What {@code environment} saved this month so far, as people read it ({@code $12.34}, or
   * task-hours where no price applies), the month taken in the schedule's time zone (UTC without a
   * schedule) as the Slack message does; empty when it has no spec. The status page's figure.
   */
  public Optional<String> monthToDate(String environment) {
    return store
        .environment(environment)
        .flatMap(
            stored -> {
              ZoneId zone =
                  stored
                      .spec()
                      .spec()
                      .schedule()
                      .map(ScheduleSpec::timeZone)
                      .orElse(ZoneOffset.UTC);
              return environment(environment, monthStart(zone), clock.instant());
            })
        .map(SavingsText::amount);
  }

  /** The start of the current month in {@code zone}, as an instant. */
  public Instant monthStart(ZoneId zone) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    return today.withDayOfMonth(1).atStartOfDay(zone).toInstant();
  }
}
