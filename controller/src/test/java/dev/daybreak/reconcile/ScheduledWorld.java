package dev.daybreak.reconcile;

import dev.daybreak.ecs.EcsClients;
import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.ecs.ElbClients;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecs.SdkEcsGateway;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.ServiceView;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.manifests.Calendars;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.Phase;
import dev.daybreak.model.State;
import dev.daybreak.queue.Result;
import dev.daybreak.slack.Announcement;
import dev.daybreak.slack.Notifier;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.StoredStatus;
import dev.daybreak.store.Via;
import dev.daybreak.time.VirtualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * One environment under a schedule, with everything on one virtual clock: the ECS simulator served
 * over HTTP and reached through the real SDK gateway, a state store, and a notifier that records.
 * Passes are driven by calling the reconciler directly, each at the time its previous pass asked to
 * be requeued, exactly as the work queue would: no real waiting, and no pass the controller would
 * not have made.
 */
public final class ScheduledWorld implements AutoCloseable {

  /** The environment's name. */
  public static final String ENV = "dev";

  /** One pass: when it ran, the phase it concluded, and the requeue it asked for. */
  public record Pass(Instant at, Phase phase, Optional<State> target, Optional<Duration> requeue) {}

  public final VirtualClock clock;
  public final EcsSimulator sim;
  public final StateStore store;
  public final EnvironmentReconciler reconciler;
  public final List<Announcement> announcements = new CopyOnWriteArrayList<>();
  public final List<Pass> passes = new ArrayList<>();
  private final EcsSimServer server;
  private final SdkEcsGateway ecs;
  private final ZoneId zone;
  private Instant nextPass;

  /**
   * A world at {@code start} with the environment applied from {@code scheduleYaml} (the lines
   * under {@code spec.schedule}, indented by four spaces).
   *
   * @param storeOn makes the store on the world's clock (in memory, or DynamoDB in {@code it})
   */
  public ScheduledWorld(
      Instant start,
      ZoneId zone,
      String scheduleYaml,
      Function<VirtualClock, StateStore> storeOn,
      ControllerSettings settings) {
    this(start, zone, SERVICES, scheduleYaml, SimSettings.builder().build(), storeOn, settings);
  }

  /** The services of the default world: api (1), then web (2). */
  public static final String SERVICES =
      """
      - name: api
        replicas: 1
      - name: web
        replicas: 2
        dependsOn: [api]
      """;

  /**
   * A world whose environment has {@code servicesYaml} (the items of {@code spec.services}, each an
   * ECS service of the same name) on a simulator with {@code simSettings}.
   */
  public ScheduledWorld(
      Instant start,
      ZoneId zone,
      String servicesYaml,
      String scheduleYaml,
      SimSettings simSettings,
      Function<VirtualClock, StateStore> storeOn,
      ControllerSettings settings) {
    this.zone = zone;
    this.clock = VirtualClock.startingAt(start);
    this.sim = new EcsSimulator(simSettings, clock);
    try {
      this.server = EcsSimServer.start(sim, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.ecs =
        new SdkEcsGateway(
            EcsClients.create(EcsEndpoint.simulator(server.endpoint()), EcsClients.APP_ID),
            ElbClients.create(EcsEndpoint.simulator(server.endpoint()), EcsClients.APP_ID),
            GatewaySettings.defaults(),
            clock,
            clock::advance);
    this.store = storeOn.apply(clock);
    store.applySpec(
        Manifests.parse(
                "dev.yaml",
                """
                apiVersion: daybreak.dev/v1
                kind: Environment
                metadata:
                  name: dev
                spec:
                  cluster: dev
                  services:
                %s
                  schedule:
                %s
                """
                    .formatted(
                        servicesYaml.indent(4).stripTrailing(),
                        scheduleYaml.indent(4).stripTrailing()),
                Calendars.builtIn())
            .get(0));
    sim.provision(
        "dev",
        store.spec(ENV).orElseThrow().spec().services().stream().map(s -> s.ecsService()).toList());
    Notifier recording = announcements::add;
    this.reconciler =
        EnvironmentReconciler.builder(store, ecs, recording, clock).settings(settings).build();
    this.nextPass = start;
  }

  /** Settings with no stagger, so edges land exactly. */
  public static ControllerSettings unstaggered() {
    return new ControllerSettings(
        ControllerSettings.DEFAULT_RESYNC, 1, Optional.of(Duration.ZERO), Calendars.builtIn());
  }

  /** The instant of a local date-time in the schedule's zone, e.g. {@code "2026-12-01T08:00"}. */
  public Instant local(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
  }

  /** Runs every pass the controller would make up to and including {@code until}. */
  public void runUntil(Instant until) {
    for (int guard = 0; guard < 100_000 && !nextPass.isAfter(until); guard++) {
      if (nextPass.isAfter(clock.instant())) {
        clock.advanceTo(nextPass);
      }
      Result result = pass();
      nextPass = clock.instant().plus(result.requeueAfter().orElse(Duration.ofDays(365)));
    }
    if (until.isAfter(clock.instant())) {
      clock.advanceTo(until);
    }
  }

  /** The controller is down until {@code until}: time passes, no pass runs; then one runs. */
  public Result downUntil(Instant until) {
    clock.advanceTo(until);
    Result result = pass();
    nextPass = clock.instant().plus(result.requeueAfter().orElse(Duration.ofDays(365)));
    return result;
  }

  /** One pass now, recorded. */
  public Result pass() {
    Result result = reconciler.reconcile(ENV);
    EnvironmentStatus status = status();
    passes.add(new Pass(clock.instant(), status.phase(), status.target(), result.requeueAfter()));
    return result;
  }

  /** A manual change as the CLI writes it, and the pass a CLI write triggers. */
  public void request(
      State state, Optional<Duration> forHowLong, String who, String reason, boolean pin) {
    Instant now = clock.instant();
    DesiredState desired =
        new DesiredState(state, forHowLong.map(now::plus), Set.of(), who, reason, now);
    DesiredRead read = store.desired(ENV);
    long version = read instanceof DesiredRead.Valid v ? v.stored().version() : 0;
    store.writeDesired(ENV, desired, version, Via.CLI, pin);
    nextPass = now;
  }

  public EnvironmentStatus status() {
    return store.status(ENV).map(StoredStatus::status).orElse(EnvironmentStatus.initial());
  }

  public Phase phase() {
    return status().phase();
  }

  /** What ECS reports for a service: desired and running counts. */
  public int running(String service) {
    return describe(service).runningCount();
  }

  public int desiredCount(String service) {
    return describe(service).desiredCount();
  }

  private ServiceView describe(String service) {
    return sim.describeServices("test", Optional.of("dev"), List.of(service), false).items().get(0);
  }

  /** The first pass at or after {@code from} that concluded {@code phase}. */
  public Optional<Pass> firstPass(Instant from, Phase phase) {
    return passes.stream().filter(p -> !p.at().isBefore(from) && p.phase() == phase).findFirst();
  }

  /** The first pass at or after {@code from} that drove toward {@code target}. */
  public Optional<Pass> firstDrivingTo(Instant from, State target) {
    return passes.stream()
        .filter(p -> !p.at().isBefore(from) && p.target().equals(Optional.of(target)))
        .findFirst();
  }

  /** Announcements that carried transitions, i.e. the ones Slack posts or threads. */
  public List<Announcement> posted() {
    return announcements.stream().filter(a -> !a.transitions().isEmpty()).toList();
  }

  @Override
  public void close() {
    ecs.close();
    server.close();
  }
}
