package dev.daybreak.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Where a wake or a sleep stands after one look at every service, and what to do next.
 *
 * @param scope the services the operation drives: all of them, or for a partial wake the requested
 *     ones and their dependencies
 * @param currentTier the tier being worked on, or -1 when every service in scope is done
 * @param actions the scale actions to execute now
 * @param services what the pass concluded about each declared service
 * @param waitingFor the services being worked on that are not done yet, in plan order
 * @param problems what makes the environment Degraded, in {@link ServiceProblem#ORDER}
 * @param stalled whether nothing can progress without a problem going away: every service waited
 *     for has a problem (vacuously true when nothing is waited for)
 */
record Progress(
    Set<String> scope,
    int currentTier,
    List<ScaleAction> actions,
    Map<String, ServiceReadiness> services,
    List<String> waitingFor,
    List<ServiceProblem> problems,
    boolean stalled) {

  Progress {
    scope = Set.copyOf(scope);
    actions = List.copyOf(actions);
    services = Map.copyOf(services);
    waitingFor = List.copyOf(waitingFor);
    problems = List.copyOf(problems);
  }

  /**
   * A wake: the lowest tier with a service in scope that is not ready (or whose desiredCount is
   * below its target) is the only one worked on; its ACTIVE services below their target are scaled
   * to it. Services outside the scope of a partial wake are left as they are.
   */
  static Progress waking(
      Pass pass,
      DesiredState desired,
      Map<String, Integer> savedCounts,
      Map<String, ScalingBounds> wakeBounds) {
    List<ServiceProblem> problems = new ArrayList<>();
    Set<String> scope = new HashSet<>();
    if (desired.isPartial()) {
      Set<String> known = new TreeSet<>();
      for (String name : new TreeSet<>(desired.services())) {
        if (pass.graph().contains(name)) {
          known.add(name);
        } else {
          problems.add(ServiceProblem.unknownService(name, pass.spec()));
        }
      }
      scope.addAll(pass.graph().closureOf(known));
    } else {
      pass.services().forEach(s -> scope.add(s.name()));
    }
    Map<String, Integer> targets = new HashMap<>();
    Set<String> ready = new HashSet<>();
    Set<String> done = new HashSet<>();
    for (ServiceSnapshot service : pass.services()) {
      ObservedService observed = service.observed();
      int target =
          scope.contains(service.name())
              ? Targets.wake(service.spec(), savedCounts, wakeBounds)
              : observed.desiredCount();
      targets.put(service.name(), target);
      if (ReadinessCheck.isReady(service.spec().readiness(), observed, target)) {
        ready.add(service.name());
        if (observed.desiredCount() >= target) {
          done.add(service.name());
        }
      }
    }
    int currentTier =
        pass.services().stream()
            .filter(s -> scope.contains(s.name()) && !done.contains(s.name()))
            .mapToInt(ServiceSnapshot::tier)
            .min()
            .orElse(-1);
    Predicate<ServiceSnapshot> worked = s -> scope.contains(s.name()) && s.tier() == currentTier;
    List<ScaleAction> actions = new ArrayList<>();
    for (ServiceSnapshot service : pass.services()) {
      int target = targets.get(service.name());
      if (worked.test(service) && service.active() && service.observed().desiredCount() < target) {
        actions.add(
            new ScaleAction(service.name(), service.spec().ecsService(), target, service.tier()));
      }
    }
    return conclude(
        pass, true, scope, currentTier, worked, targets, ready, done, actions, problems);
  }

  /**
   * A sleep: every service's target is zero. In {@link SleepOrder#REVERSE} order only the highest
   * tier that has not stopped is worked on, so a service is scaled down only once everything that
   * depends on it (all in higher tiers) has stopped; in {@link SleepOrder#PARALLEL} order every
   * service is scaled down at once.
   */
  static Progress sleeping(Pass pass, SleepOrder order) {
    Set<String> scope = new HashSet<>();
    Map<String, Integer> targets = new HashMap<>();
    Set<String> stopped = new HashSet<>();
    for (ServiceSnapshot service : pass.services()) {
      scope.add(service.name());
      targets.put(service.name(), 0);
      if (ReadinessCheck.isStopped(service.observed())) {
        stopped.add(service.name());
      }
    }
    int currentTier =
        pass.services().stream()
            .filter(s -> !stopped.contains(s.name()))
            .mapToInt(ServiceSnapshot::tier)
            .max()
            .orElse(-1);
    Predicate<ServiceSnapshot> worked =
        order == SleepOrder.PARALLEL ? s -> true : s -> s.tier() == currentTier;
    List<ScaleAction> actions = new ArrayList<>();
    for (ServiceSnapshot service : pass.services()) {
      if (worked.test(service) && service.active() && service.observed().desiredCount() > 0) {
        actions.add(
            new ScaleAction(service.name(), service.spec().ecsService(), 0, service.tier()));
      }
    }
    return conclude(
        pass, false, scope, currentTier, worked, targets, stopped, stopped, actions, List.of());
  }

  /** Timers, problems and per-service readiness, the same for waking and sleeping. */
  private static Progress conclude(
      Pass pass,
      boolean waking,
      Set<String> scope,
      int currentTier,
      Predicate<ServiceSnapshot> worked,
      Map<String, Integer> targets,
      Set<String> ready,
      Set<String> done,
      List<ScaleAction> actions,
      List<ServiceProblem> problemsSoFar) {
    Instant now = pass.now();
    List<ServiceProblem> problems = new ArrayList<>(problemsSoFar);
    Map<String, ServiceReadiness> services = new HashMap<>();
    List<String> waitingFor = new ArrayList<>();
    boolean stalled = true;
    for (ServiceSnapshot service : pass.services()) {
      String name = service.name();
      int target = targets.get(name);
      boolean waiting = worked.test(service) && !done.contains(name);
      Optional<Instant> since =
          waiting ? Optional.of(pass.previousWaitingSince(name).orElse(now)) : Optional.empty();
      Optional<ServiceProblem> problem =
          scope.contains(name)
              ? ServiceProblem.ofStatus(service, pass.spec().cluster())
              : Optional.empty();
      if (problem.isEmpty() && waking && scope.contains(name) && target > 0) {
        problem =
            ServiceProblem.ofRollout(service).or(() -> ServiceProblem.ofTargetGroups(service));
      }
      if (problem.isEmpty() && waking && scope.contains(name) && target > 0) {
        problem = ServiceProblem.ofHealthSignal(service);
      }
      if (problem.isEmpty()
          && since.isPresent()
          && ServiceProblem.isTimedOut(service.spec(), since.get(), now)) {
        problem = Optional.of(ServiceProblem.timedOut(service, target, waking, since.get()));
      }
      problem.ifPresent(problems::add);
      if (waiting) {
        waitingFor.add(name);
        stalled &= problem.isPresent();
      }
      ObservedService observed = service.observed();
      services.put(
          name,
          new ServiceReadiness(
              service.tier(),
              ready.contains(name),
              target,
              observed.desiredCount(),
              observed.runningCount(),
              observed.failedTasks(),
              since));
    }
    problems.sort(ServiceProblem.ORDER);
    return new Progress(scope, currentTier, actions, services, waitingFor, problems, stalled);
  }
}
