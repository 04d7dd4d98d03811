package dev.daybreak.dryrun;

import dev.daybreak.model.CallReasons;
import dev.daybreak.model.DependencyGraph;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.ScaleAction;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.store.SpecStore;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.store.StoredStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UpdateService calls a dry run did not make, each announced once per change of plan. Nothing
 * changes in ECS, so every pass plans the same call again while a service waits: a call is a repeat
 * (recorded, not announced) while its count and the service's observed desiredCount are what they
 * were when it was announced, and announced again once either changes.
 */
public final class WouldBeCalls {

  private static final Logger LOG = LoggerFactory.getLogger(WouldBeCalls.class);

  private record Announced(int desiredCount, int observedDesiredCount) {}

  private final SpecStore store;
  private final Clock clock;
  private final Consumer<WouldBeCall> announcer;
  private final Map<String, Announced> announced = new HashMap<>();
  private final Map<String, String> owners = new ConcurrentHashMap<>();
  private final List<WouldBeCall> calls = new ArrayList<>();
  private final AtomicLong repeats = new AtomicLong();

  /**
   * @param store the dry run's store: what the pass that plans a call has just written (its status)
   *     explains the call
   * @param announcer told each call announced, besides the log (the command's output, Slack)
   */
  public WouldBeCalls(SpecStore store, Clock clock, Consumer<WouldBeCall> announcer) {
    this.store = store;
    this.clock = clock;
    this.announcer = announcer;
  }

  /**
   * Records a call the controller would have made.
   *
   * @param observedDesiredCount the service's desiredCount as last observed
   */
  public void scale(String cluster, String ecsService, int desiredCount, int observedDesiredCount) {
    Announced now = new Announced(desiredCount, observedDesiredCount);
    synchronized (announced) {
      if (now.equals(announced.put(cluster + "/" + ecsService, now))) {
        repeats.incrementAndGet();
        return;
      }
    }
    WouldBeCall call = explain(cluster, ecsService, desiredCount);
    synchronized (calls) {
      calls.add(call);
    }
    LOG.info("{}", call.line());
    announcer.accept(call);
  }

  /** Every call announced, oldest first. */
  public List<WouldBeCall> announced() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** How many planned calls repeated one already announced (and were not announced again). */
  public long repeats() {
    return repeats.get();
  }

  private WouldBeCall explain(String cluster, String ecsService, int desiredCount) {
    String key = cluster + "/" + ecsService;
    Optional<String> owner = Optional.ofNullable(owners.get(key));
    if (owner.isEmpty()) {
      learnOwners();
      owner = Optional.ofNullable(owners.get(key));
    }
    Optional<StoredEnvironment> environment = owner.flatMap(store::environment);
    Optional<ServiceSpec> service =
        environment.flatMap(
            e ->
                e.spec().spec().services().stream()
                    .filter(s -> s.ecsService().equals(ecsService))
                    .findFirst());
    if (environment.isEmpty() || service.isEmpty()) {
      return new WouldBeCall(
          clock.instant(), Optional.empty(), cluster, ecsService, desiredCount, "", List.of());
    }
    EnvironmentSpec spec = environment.get().spec().spec();
    EnvironmentStatus status =
        environment.get().status().map(StoredStatus::status).orElse(EnvironmentStatus.initial());
    ScaleAction action =
        new ScaleAction(
            service.get().name(),
            ecsService,
            desiredCount,
            DependencyGraph.of(spec.services()).tierOf(service.get().name()));
    return new WouldBeCall(
        clock.instant(),
        Optional.of(environment.get().name()),
        cluster,
        ecsService,
        desiredCount,
        CallReasons.why(spec, status, action),
        CallReasons.waitingFor(spec, action));
  }

  /**
   * Which environment declares each ECS service: read once for every environment when a call names
   * a service not seen yet, so a fleet's calls do not each read every spec.
   */
  private void learnOwners() {
    for (String name : store.environments()) {
      store
          .spec(name)
          .ifPresent(
              stored ->
                  stored
                      .spec()
                      .services()
                      .forEach(
                          s -> owners.put(stored.spec().cluster() + "/" + s.ecsService(), name)));
    }
  }
}
