package dev.daybreak.sandbox;

import dev.daybreak.ecssim.AutoScaling;
import dev.daybreak.ecssim.CallRecord;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.HealthSettings;
import dev.daybreak.ecssim.ManifestHealthChecks;
import dev.daybreak.ecssim.Operation;
import dev.daybreak.ecssim.ScalableTargetView;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.http.HttpEndpoints;
import dev.daybreak.manifests.Calendars;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.Phase;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.model.State;
import dev.daybreak.reconcile.Controller;
import dev.daybreak.reconcile.ControllerSettings;
import dev.daybreak.runtime.Application;
import dev.daybreak.runtime.ControllerModule;
import dev.daybreak.savings.Pricing;
import dev.daybreak.savings.SavingsService;
import dev.daybreak.slack.ConsoleNotifier;
import dev.daybreak.statuspage.StatusPage;
import dev.daybreak.statuspage.StatusPageHandler;
import dev.daybreak.time.ScaledClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * {@code daybreak sandbox}: wakes an environment tier by tier on the ECS simulator (with the seed's
 * failure: a service crashes while a service it depends on is not running), next to the naive
 * all-at-once wake of the same environment on a second simulator, then puts it to sleep in reverse.
 * An environment with a {@link SandboxScaling scalable target} stays asleep a while and wakes
 * again, to show the target suspended while asleep and restored on wake. Everything runs in this
 * process: the simulator over real HTTP on loopback, the in-memory store, the real controller, and
 * Slack's messages printed to the terminal.
 */
public final class Sandbox {

  /** How often the live view looks (real time). */
  private static final Duration VIEW_PERIOD = Duration.ofMillis(100);

  /** The controller's resync in the sandbox (sandbox time): flips are picked up at once. */
  private static final Duration RESYNC = Duration.ofSeconds(2);

  private static final String NAIVE = "all-at-once";

  /**
   * The target groups' health checks, as a dev team commonly tunes them instead of AWS's defaults
   * (every 30 s, healthy after 5 passes: over 2.5 minutes per tier): every 10 s, healthy after 2
   * passing checks, so a target is healthy about 30 s after it registers.
   */
  static final HealthSettings HEALTH =
      HealthSettings.AWS_DEFAULTS.withInterval(Duration.ofSeconds(10)).withHealthyThreshold(2);

  /** How long the sandbox leaves an environment with a scalable target asleep (simulated). */
  static final Duration ASLEEP_HOLD = Duration.ofMinutes(10);

  /** Where the sandbox's status page listens: this machine only. */
  private static final String LOOPBACK = "127.0.0.1";

  private final SandboxOptions options;
  private final PrintStream out;
  private final EnvironmentSpec spec;
  private final Clock clock;

  public Sandbox(SandboxOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
    this.spec = options.manifest().spec();
    this.clock = ScaledClock.of(Clock.systemUTC(), options.speed());
  }

  /**
   * Runs the demo, then (unless told to exit) a prompt on {@code in}.
   *
   * @return 0 when daybreak woke the environment with no failed task and put it back to sleep
   */
  public int run(Optional<BufferedReader> in) throws IOException, InterruptedException {
    SimSettings settings = simSettings();
    EcsSimulator daybreakSim = new EcsSimulator(settings, clock);
    EcsSimulator naiveSim = new EcsSimulator(settings, clock);
    List<String> ecsServices = spec.services().stream().map(ServiceSpec::ecsService).toList();
    daybreakSim.provision(spec.cluster(), ecsServices);
    naiveSim.provision(spec.cluster(), ecsServices);
    ManifestHealthChecks.provision(daybreakSim, spec, Set.of());
    ManifestHealthChecks.provision(naiveSim, spec, Set.of());
    try (SandboxApplication backends =
        Application.create(
            SandboxApplication.class,
            new SandboxModule(
                clock, options.speed(), daybreakSim, new ConsoleNotifier(out, Optional.of("dev"))),
            ControllerModule.alone(
                // The resync is timed by the sandbox's scaled scheduler.
                new ControllerSettings(RESYNC, ControllerSettings.DEFAULT_WORKERS)))) {
      Controller controller = backends.controller();
      StatusPageHandler page =
          backends.own(
              "status page",
              new StatusPageHandler(
                  new StatusPage(
                      backends.store(),
                      backends.ecs(),
                      clock,
                      Calendars.builtIn(),
                      new SavingsService(backends.store(), Pricing.builtIn(Optional.empty()), clock)
                          ::monthToDate,
                      true)));
      HttpEndpoints http =
          backends.own("status page server", HttpEndpoints.start(LOOPBACK, 0).mount("/", page));
      LiveView view = new LiveView(out, spec, clock, backends.store(), daybreakSim, naiveSim);
      intro(backends, http);
      backends.store().applySpec(options.manifest());
      controller.start();

      Instant wakeStart = clock.instant();
      view.start(wakeStart);
      for (ServiceSpec s : spec.services()) {
        naiveSim.updateService(
            NAIVE,
            Optional.of(spec.cluster()),
            s.ecsService(),
            OptionalInt.of(LiveView.target(s)),
            Optional.empty(),
            false);
      }
      flip(backends, State.AWAKE, "morning wake (sandbox)");
      controller.trigger(spec.name());
      boolean awake = until(view, () -> view.phase().equals(Optional.of(Phase.AWAKE)));
      Duration daybreakWake = Duration.between(wakeStart, clock.instant());
      until(view, () -> view.naiveRunningAt().isPresent());
      Optional<Duration> naiveWake =
          view.naiveRunningAt().map(at -> Duration.between(wakeStart, at));
      Report report = new Report(out, spec, wakeStart);
      report.wake(awake, daybreakWake, naiveWake, daybreakSim, naiveSim);
      Optional<SandboxScaling> scaling = SandboxScaling.of(spec);
      Optional<ScalableTargetView> before = Optional.empty();
      if (scaling.isPresent()) {
        before = Optional.of(scaling.get().declare(daybreakSim, spec.cluster()));
        out.println(
            "  the team registers a scalable target while it is awake: "
                + scaling.get().ecsService()
                + " "
                + Report.bounds(before.get()));
        out.println();
      }

      Instant sleepStart = clock.instant();
      view.start(sleepStart);
      flip(backends, State.ASLEEP, "night (sandbox)");
      controller.trigger(spec.name());
      boolean asleep = until(view, () -> view.phase().equals(Optional.of(Phase.ASLEEP)));
      report.sleep(asleep, Duration.between(sleepStart, clock.instant()), daybreakSim, sleepStart);
      boolean scaledBack =
          scaling.isEmpty()
              || scalingRound(
                  scaling.get(), before.orElseThrow(), daybreakSim, view, backends, controller);

      int failed = report.daybreakCrashes(daybreakSim);
      int code = awake && asleep && scaledBack && failed == 0 ? 0 : 1;
      if (!options.exitWhenSettled() && in.isPresent()) {
        new Prompt(out, backends, controller, spec, view).run(in.get());
      }
      return code;
    }
  }

  /**
   * Leaves the environment asleep for {@link #ASLEEP_HOLD} (Application Auto Scaling would raise an
   * unsuspended target's service within seconds), wakes it again and reports the target's bounds.
   *
   * @return whether it woke again, with the target's bounds and suspended state exactly as before
   *     and no desiredCount raised by Application Auto Scaling while asleep
   */
  private boolean scalingRound(
      SandboxScaling scaling,
      ScalableTargetView before,
      EcsSimulator sim,
      LiveView view,
      SandboxApplication backends,
      Controller controller)
      throws InterruptedException {
    Instant asleepAt = clock.instant();
    Instant holdEnd = asleepAt.plus(ASLEEP_HOLD);
    until(view, () -> !clock.instant().isBefore(holdEnd), holdEnd.plus(options.limit()));
    Optional<ScalableTargetView> during = scaling.read(sim, spec.cluster());
    Instant wakeStart = clock.instant();
    view.start(wakeStart);
    flip(backends, State.AWAKE, "next morning (sandbox)");
    controller.trigger(spec.name());
    boolean awake = until(view, () -> view.phase().equals(Optional.of(Phase.AWAKE)));
    Optional<ScalableTargetView> after = scaling.read(sim, spec.cluster());
    List<CallRecord> raised =
        updates(sim).stream()
            .filter(c -> c.caller().equals(AutoScaling.CALLER))
            .filter(c -> !c.at().isBefore(asleepAt) && c.at().isBefore(wakeStart))
            .toList();
    boolean restored =
        after.isPresent()
            && after.get().minCapacity() == before.minCapacity()
            && after.get().maxCapacity() == before.maxCapacity()
            && after.get().suspended().equals(before.suspended());
    new Report(out, spec, wakeStart)
        .scaling(
            scaling.ecsService(),
            before,
            during,
            after,
            restored,
            raised,
            ASLEEP_HOLD,
            awake ? Optional.of(Duration.between(wakeStart, clock.instant())) : Optional.empty(),
            updates(sim).stream().filter(c -> !c.at().isBefore(wakeStart)).toList());
    return awake && restored && raised.isEmpty();
  }

  private void intro(SandboxApplication backends, HttpEndpoints http) {
    out.println("daybreak sandbox — environment '" + spec.name() + "', cluster " + spec.cluster());
    out.println(
        "  ECS simulator on "
            + backends.server().endpoint()
            + " (tasks start in "
            + options.startLatency()
            + (options.startLatencies().isEmpty() ? "" : ", " + options.startLatencies())
            + "; a service crashes while a service it depends on is not running)");
    out.println(
        "  time runs " + options.speed() + "x faster than real time; times below are simulated");
    out.println(
        "  status page: http://"
            + LOOPBACK
            + ":"
            + http.port()
            + "/ (open it in a browser: it"
            + " follows the wake live)");
    out.println();
  }

  private void flip(SandboxApplication backends, State state, String reason) {
    backends.setDesired(spec.name(), state, Set.of(), reason);
  }

  /** Draws the live view until {@code done} or the limit (simulated time) passes. */
  private boolean until(LiveView view, BooleanSupplier done) throws InterruptedException {
    return until(view, done, clock.instant().plus(options.limit()));
  }

  private boolean until(LiveView view, BooleanSupplier done, Instant deadline)
      throws InterruptedException {
    while (!done.getAsBoolean()) {
      if (clock.instant().isAfter(deadline)) {
        view.draw();
        return false;
      }
      view.draw();
      Thread.sleep(VIEW_PERIOD.toMillis());
    }
    view.draw();
    return true;
  }

  private SimSettings simSettings() {
    SimSettings.Builder b =
        SimSettings.builder()
            .seed(options.seed())
            .startLatency(options.startLatency())
            .health(HEALTH);
    options.startLatencies().forEach(b::startLatency);
    for (ServiceSpec s : spec.services()) {
      for (String dependency : s.dependsOn()) {
        b.require(s.ecsService(), spec.service(dependency).orElseThrow().ecsService());
      }
    }
    return b.build();
  }

  /** The UpdateService calls daybreak made, in order. */
  static List<CallRecord> updates(EcsSimulator sim) {
    return sim.calls().stream().filter(c -> c.op().equals(Operation.UpdateService.name())).toList();
  }
}
