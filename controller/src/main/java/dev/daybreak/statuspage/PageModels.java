package dev.daybreak.statuspage;

import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.manifests.Calendars;
import dev.daybreak.model.Condition;
import dev.daybreak.model.ConditionStatus;
import dev.daybreak.model.Conditions;
import dev.daybreak.model.DependencyGraph;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.InvalidDesired;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.Phase;
import dev.daybreak.model.ServiceEvent;
import dev.daybreak.model.ServiceReadiness;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.model.selector.LabelSelector;
import dev.daybreak.store.AuditEntry;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.store.StoredStatus;
import dev.daybreak.store.Via;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads the store (and ECS, for one environment) into the page's view models. */
final class PageModels {

  /** How many audit entries the environment view lists. */
  static final int AUDIT_ENTRIES = 20;

  /** How many ECS events the environment view lists, newest first across its services. */
  static final int EVENTS = 15;

  /** The timeline's length. */
  static final int DAYS = 7;

  /** What the page shows where a value is not known (yet). */
  static final String NONE = "—";

  private final StateStore store;
  private final EcsGateway ecs;
  private final Clock clock;
  private final Calendars calendars;
  private final SavingsSource savings;

  PageModels(
      StateStore store, EcsGateway ecs, Clock clock, Calendars calendars, SavingsSource savings) {
    this.store = store;
    this.ecs = ecs;
    this.clock = clock;
    this.calendars = calendars;
    this.savings = savings;
  }

  FleetView fleet(Optional<LabelSelector> selector, String selectorText, boolean live) {
    Instant now = clock.instant();
    List<EnvRow> rows = new ArrayList<>();
    for (String name : store.environments()) {
      Optional<StoredEnvironment> e = store.environment(name);
      if (e.isPresent()
          && selector.map(s -> s.matches(e.get().spec().spec().labels())).orElse(true)) {
        rows.add(row(e.get(), now));
      }
    }
    Optional<String> problem =
        rows.isEmpty()
            ? Optional.of(
                selector.isPresent()
                    ? "No environment matches the selector " + selectorText + "."
                    : "No environment has been applied yet (daybreak apply -f FILE).")
            : Optional.empty();
    return new FleetView(selectorText, problem, rows, live);
  }

  Optional<EnvView> environment(String name, boolean live) {
    Optional<StoredEnvironment> found = store.environment(name);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    StoredEnvironment e = found.get();
    Instant now = clock.instant();
    Schedules schedules = Schedules.of(e, calendars);
    ZoneId zone = schedules.zone();
    List<ServiceSpec> specs = e.spec().spec().services();
    DependencyGraph graph = DependencyGraph.of(specs);
    Map<String, ServiceReadiness> readiness =
        e.status().map(s -> s.status().services()).orElse(Map.of());
    Map<String, ObservedService> observed = Map.of();
    Optional<String> ecsProblem = Optional.empty();
    try {
      observed =
          ecs.observe(
              e.spec().spec().cluster(), specs.stream().map(ServiceSpec::ecsService).toList());
    } catch (RuntimeException failure) {
      ecsProblem = Optional.of("ECS could not be read: " + failure.getMessage());
    }
    List<ServiceRow> services = new ArrayList<>();
    List<EventRow> events = new ArrayList<>();
    for (ServiceSpec s : specs) {
      ServiceReadiness r = readiness.get(s.name());
      Optional<ObservedService> o = Optional.ofNullable(observed.get(s.ecsService()));
      services.add(
          new ServiceRow(
              s.name(),
              s.ecsService(),
              graph.tierOf(s.name()) + 1,
              readinessText(r),
              readinessClass(r),
              o.map(x -> Integer.toString(x.runningCount()))
                  .or(() -> Optional.ofNullable(r).map(x -> Integer.toString(x.runningCount())))
                  .orElse("?"),
              r == null ? "?" : Integer.toString(r.target()),
              s.dependsOn().isEmpty() ? NONE : String.join(", ", s.dependsOn())));
      o.ifPresent(
          x -> {
            for (ServiceEvent event : x.events()) {
              events.add(
                  new EventRow(s.name(), Moment.of(event.createdAt(), zone), event.message()));
            }
          });
    }
    events.sort(Comparator.comparing((EventRow r) -> r.at().iso()).reversed());
    Map<String, ObservedService> seen = observed;
    Graph drawing =
        Graph.of(
            e.name(),
            specs,
            n -> readinessClass(readiness.get(n)),
            n -> readinessText(readiness.get(n)),
            n -> {
              ServiceReadiness r = readiness.get(n);
              String ecsName =
                  specs.stream().filter(s -> s.name().equals(n)).findFirst().get().ecsService();
              String running =
                  Optional.ofNullable(seen.get(ecsName))
                      .map(x -> Integer.toString(x.runningCount()))
                      .orElse(r == null ? "?" : Integer.toString(r.runningCount()));
              return running + "/" + (r == null ? "?" : Integer.toString(r.target())) + " running";
            });
    List<ConditionRow> degraded = new ArrayList<>();
    e.status()
        .map(s -> s.status().conditions())
        .orElse(List.of())
        .forEach(
            c -> {
              if (problem(c)) {
                degraded.add(
                    new ConditionRow(
                        c.type(),
                        c.reason(),
                        c.message(),
                        Moment.of(c.lastTransitionTime(), zone)));
              }
            });
    List<AuditRow> audit = new ArrayList<>();
    for (AuditEntry a : store.audit(name, AUDIT_ENTRIES)) {
      audit.add(
          new AuditRow(
              Moment.of(a.at(), zone),
              a.who(),
              via(a.via()),
              a.from().map(Enum::name).orElse(NONE) + " → " + a.to().name(),
              a.until().map(u -> Moment.of(u, zone).text()).orElse(NONE),
              a.reason().isEmpty() ? NONE : a.reason()));
    }
    return Optional.of(
        new EnvView(
            row(e, now),
            e.spec().spec().cluster(),
            drawing,
            services,
            events.subList(0, Math.min(EVENTS, events.size())),
            ecsProblem,
            degraded,
            audit,
            schedules.timeline(now, DAYS),
            live));
  }

  /** A true condition other than Ready: why the environment is Degraded or its item invalid. */
  private static boolean problem(Condition c) {
    return c.status() == ConditionStatus.TRUE && !Conditions.READY.equals(c.type());
  }

  private EnvRow row(StoredEnvironment e, Instant now) {
    Schedules schedules = Schedules.of(e, calendars);
    ZoneId zone = schedules.zone();
    Optional<EnvironmentStatus> status = e.status().map(StoredStatus::status);
    Optional<Timeline.Change> next = schedules.next(now);
    Optional<AuditEntry> last = store.audit(e.name(), 1).stream().findFirst();
    List<String> labels = new ArrayList<>();
    e.spec().spec().labels().forEach((k, v) -> labels.add(k + "=" + v));
    labels.sort(null);
    return new EnvRow(
        e.name(),
        labels,
        status.map(PageModels::phase).orElse("Not reconciled yet"),
        status.map(PageModels::phaseClass).orElse("phase-none"),
        status.flatMap(s -> progress(e, s)),
        desired(e.desired()),
        until(e.desired()).map(u -> Moment.of(u, zone)),
        next.map(c -> c.does() + (c.why().isEmpty() ? "" : " (" + c.why() + ")")).orElse(NONE),
        next.map(Timeline.Change::at),
        last.map(a -> a.who() + " via " + via(a.via())).orElse(NONE),
        last.map(a -> Moment.of(a.at(), zone)),
        savings.monthToDate(e.name()).orElse(NONE));
  }

  static String phase(EnvironmentStatus status) {
    return InvalidDesired.isInvalid(status)
        ? Conditions.DESIRED_STATE_INVALID
        : status.phase().displayName();
  }

  static String phaseClass(EnvironmentStatus status) {
    return InvalidDesired.isInvalid(status)
        ? "phase-degraded"
        : "phase-" + status.phase().name().toLowerCase(Locale.ROOT);
  }

  /** E.g. {@code tier 2 of 4, 3/5 services ready}. */
  static Optional<TierProgress> progress(StoredEnvironment e, EnvironmentStatus status) {
    List<ServiceSpec> specs = e.spec().spec().services();
    int tiers = DependencyGraph.of(specs).tiers().size();
    int total = specs.size();
    int ready =
        (int)
            specs.stream()
                .map(s -> status.services().get(s.name()))
                .filter(r -> r != null && r.ready() && r.target() > 0)
                .count();
    Phase phase = status.phase();
    if (phase == Phase.ASLEEP) {
      return Optional.of(new TierProgress("asleep, 0/" + total + " services ready", 0, total));
    }
    if (phase == Phase.AWAKE) {
      return Optional.of(
          new TierProgress(
              "all " + tiers + " tiers, " + ready + "/" + total + " services ready", ready, total));
    }
    String tier =
        status.currentTier() >= 0
            ? "tier " + (status.currentTier() + 1) + " of " + tiers + ", "
            : "";
    return Optional.of(
        new TierProgress(tier + ready + "/" + total + " services ready", ready, total));
  }

  private static String readinessText(ServiceReadiness r) {
    if (r == null) {
      return "unknown";
    }
    return r.ready() ? "ready" : "not ready";
  }

  private static String readinessClass(ServiceReadiness r) {
    if (r == null) {
      return "svc-unknown";
    }
    return r.ready() ? (r.target() > 0 ? "svc-ready" : "svc-asleep") : "svc-waiting";
  }

  private static String desired(DesiredRead read) {
    if (read instanceof DesiredRead.Valid valid) {
      DesiredState d = valid.stored().desired();
      return d.state().name()
          + (d.services().isEmpty()
              ? ""
              : " (" + String.join(", ", d.services().stream().sorted().toList()) + ")")
          + (valid.stored().pinned() ? ", pinned" : "");
    }
    if (read instanceof DesiredRead.Invalid invalid) {
      return "INVALID: " + invalid.reason();
    }
    return "none (the schedule decides)";
  }

  private static Optional<Instant> until(DesiredRead read) {
    return read instanceof DesiredRead.Valid valid
        ? valid.stored().desired().until()
        : Optional.empty();
  }

  /** How a change reached daybreak, as people say it. */
  static String via(Via via) {
    return switch (via) {
      case CLI -> "CLI";
      case SLACK -> "Slack";
      case SCHEDULE -> "schedule";
      case DYNAMODB -> "hand edit";
    };
  }
}
