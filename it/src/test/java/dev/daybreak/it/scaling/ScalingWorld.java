package dev.daybreak.it.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.ecs.EcsClients;
import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.ecs.ElbClients;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecs.SdkEcsGateway;
import dev.daybreak.ecssim.AutoScaling;
import dev.daybreak.ecssim.CallRecord;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.ServiceSummary;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.metrics.ReconcileMetrics;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.Phase;
import dev.daybreak.model.ScalingBounds;
import dev.daybreak.model.State;
import dev.daybreak.reconcile.EnvironmentReconciler;
import dev.daybreak.reconcile.ForwardingStateStore;
import dev.daybreak.scaling.ScalingClients;
import dev.daybreak.scaling.ScalingGateway;
import dev.daybreak.scaling.SdkScalingGateway;
import dev.daybreak.slack.LogNotifier;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.Fence;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.StoredStatus;
import dev.daybreak.store.Via;
import dev.daybreak.time.Sleeper;
import dev.daybreak.time.VirtualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/**
 * One environment ({@code a}, then {@code b} which depends on it, {@code replicas: 1} each) on the
 * simulator served over HTTP, with simulated time on a virtual clock: the controller's real
 * reconciler with the real SDK gateways (ECS and Application Auto Scaling), an in-memory store, and
 * a controller that can be killed before any of its mutating calls (a status write,
 * RegisterScalableTarget, UpdateService) and started again.
 */
final class ScalingWorld implements AutoCloseable {

  static final String ENV = "shop";
  static final Instant T0 = Instant.parse("2026-12-01T06:00:00Z");

  /** Thrown where the controller is killed: nothing after it in the pass happens. */
  static final class Killed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Killed(String where) {
      super("controller killed before " + where);
    }
  }

  final VirtualClock clock = VirtualClock.startingAt(T0);
  final EcsSimulator sim;
  final EcsSimServer server;
  final ApplicationAutoScalingClient aas;
  private final StateStore store;
  private final SdkEcsGateway ecs;
  private final SdkScalingGateway scaling;
  private int mutations;
  private Optional<Integer> killAt = Optional.empty();
  private Duration callLatency = Duration.ZERO;
  private EnvironmentReconciler controller;
  int restarts;
  Optional<String> killedBefore = Optional.empty();

  private ScalingWorld(String autoscaling) {
    sim =
        new EcsSimulator(
            SimSettings.builder()
                .startLatency(Latency.fixed(Duration.ofSeconds(20)))
                .stopLatency(Latency.fixed(Duration.ofSeconds(5)))
                .build(),
            clock);
    try {
      server = EcsSimServer.start(sim, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sim.provision("dev", List.of("a", "b"));
    EcsEndpoint endpoint = EcsEndpoint.simulator(server.endpoint());
    aas = ScalingClients.create(endpoint, "it");
    ecs =
        new SdkEcsGateway(
            EcsClients.create(endpoint, EcsClients.APP_ID),
            ElbClients.create(endpoint, EcsClients.APP_ID),
            GatewaySettings.defaults(),
            clock,
            Sleeper.system());
    scaling =
        new SdkScalingGateway(ScalingClients.create(endpoint, EcsClients.APP_ID), Sleeper.system());
    store = new KillableStore(new InMemoryStateStore(clock));
    store.applySpec(
        Manifests.parse(
                "shop.yaml",
                String.join(
                    "\n",
                    "apiVersion: daybreak.dev/v1",
                    "kind: Environment",
                    "metadata:",
                    "  name: " + ENV,
                    "spec:",
                    "  cluster: dev",
                    "  autoscaling: " + autoscaling,
                    "  services:",
                    "    - name: a",
                    "      replicas: 1",
                    "    - name: b",
                    "      replicas: 1",
                    "      dependsOn: [a]",
                    ""))
            .get(0));
    controller = newController();
  }

  /** A world whose manifest says {@code autoscaling: manage} or {@code ignore}. */
  static ScalingWorld start(String autoscaling) {
    return new ScalingWorld(autoscaling);
  }

  /** The controller is killed before its {@code n}th mutating call from now (0: the next one). */
  void killBefore(int n) {
    killAt = Optional.of(mutations + n);
  }

  /**
   * Every RegisterScalableTarget and UpdateService from now on takes {@code latency} of simulated
   * time to reach AWS, as a call retried through throttling does: the world moves on meanwhile.
   */
  void callLatency(Duration latency) {
    callLatency = latency;
  }

  /** How many mutating calls the controller made (or was killed before). */
  int mutations() {
    return mutations;
  }

  /** Writes the desired state as the CLI would. */
  void desire(State state) {
    long version =
        store.environment(ENV).map(e -> e.desired()).orElseThrow() instanceof DesiredRead.Valid v
            ? v.stored().version()
            : 0;
    store.writeDesired(
        ENV, DesiredState.of(state, "it", "test", clock.instant()), version, Via.CLI);
  }

  /**
   * Runs passes 5 s of simulated time apart until the environment is settled in {@code phase}; a
   * killed controller is replaced by a new one (a restart) for the next pass.
   */
  void driveTo(Phase phase) {
    for (int n = 0; n < 400; n++) {
      pass();
      Optional<EnvironmentStatus> s = status();
      if (s.isPresent() && s.get().phase() == phase && s.get().currentTier() < 0) {
        return;
      }
      advance(Duration.ofSeconds(5));
    }
    throw new AssertionError("not " + phase + " after 400 passes: " + status());
  }

  /** One pass, with no time passing (a killed controller is restarted for the next). */
  void pass() {
    try {
      controller.reconcile(ENV);
    } catch (Killed killed) {
      restarts++;
      controller = newController();
    }
  }

  /** Moves simulated time on, running whatever the simulator has due (no controller pass). */
  void advance(Duration d) {
    Instant until = clock.instant().plus(d);
    while (clock.instant().isBefore(until)) {
      Instant next = sim.nextChangeAt().filter(t -> t.isBefore(until)).orElse(until);
      clock.advanceTo(next.isAfter(clock.instant()) ? next : until);
      sim.now();
    }
  }

  Optional<EnvironmentStatus> status() {
    return store.environment(ENV).flatMap(e -> e.status()).map(StoredStatus::status);
  }

  /** b's desiredCount in the simulator. */
  int desiredCount(String service) {
    return sim.services().stream()
        .filter(s -> s.service().equals(service))
        .mapToInt(ServiceSummary::desiredCount)
        .findFirst()
        .orElseThrow();
  }

  /** DescribeScalableTargets for {@code service}, through the SDK. */
  ScalableTarget target(String service) {
    List<ScalableTarget> found =
        aas.describeScalableTargets(
                r ->
                    r.serviceNamespace(ServiceNamespace.ECS)
                        .resourceIds("service/dev/" + service)
                        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT))
            .scalableTargets();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  /** The changes Application Auto Scaling made itself (UpdateService by its service role). */
  List<CallRecord> autoScalingChanges() {
    return sim.calls().stream().filter(c -> c.caller().equals(AutoScaling.CALLER)).toList();
  }

  private EnvironmentReconciler newController() {
    return EnvironmentReconciler.builder(store, new KillableEcs(ecs), new LogNotifier(), clock)
        .scaling(new KillableScaling(scaling))
        .metrics(new ReconcileMetrics(new SimpleMeterRegistry()))
        .build();
  }

  private void mutating(String what) {
    int n = mutations++;
    if (killAt.isPresent() && killAt.get() == n) {
      killAt = Optional.empty();
      killedBefore = Optional.of(what);
      throw new Killed(what + " (mutating call #" + n + ")");
    }
  }

  @Override
  public void close() {
    ecs.close();
    scaling.close();
    aas.close();
    server.close();
  }

  private final class KillableStore extends ForwardingStateStore {
    KillableStore(StateStore delegate) {
      super(delegate);
    }

    @Override
    public StoredStatus writeStatus(String environment, EnvironmentStatus status, long expected) {
      mutating("the status write");
      return delegate().writeStatus(environment, status, expected);
    }

    @Override
    public StoredStatus writeStatus(
        String environment, EnvironmentStatus status, long expected, Fence fence) {
      mutating("the status write");
      return delegate().writeStatus(environment, status, expected, fence);
    }
  }

  private final class KillableEcs implements EcsGateway {
    private final EcsGateway delegate;

    KillableEcs(EcsGateway delegate) {
      this.delegate = delegate;
    }

    @Override
    public Map<String, ObservedService> observe(String cluster, Collection<String> services) {
      return delegate.observe(cluster, services);
    }

    @Override
    public void scale(String cluster, String service, int desiredCount) {
      mutating("UpdateService " + service + " " + desiredCount);
      advance(callLatency);
      delegate.scale(cluster, service, desiredCount);
    }
  }

  private final class KillableScaling implements ScalingGateway {
    private final ScalingGateway delegate;

    KillableScaling(ScalingGateway delegate) {
      this.delegate = delegate;
    }

    @Override
    public Map<String, ScalingBounds> targets(String cluster, Collection<String> services) {
      return delegate.targets(cluster, services);
    }

    @Override
    public void set(String cluster, String service, ScalingBounds bounds) {
      mutating("RegisterScalableTarget " + service);
      advance(callLatency);
      delegate.set(cluster, service, bounds);
    }
  }
}
