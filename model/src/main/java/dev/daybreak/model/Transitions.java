package dev.daybreak.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What changed between the previous status and this pass's, worth announcing. Derived from the two
 * statuses alone (level-based), so a pass that changes nothing announces nothing.
 */
final class Transitions {

  private Transitions() {}

  /**
   * In order: the start of a wake or sleep, the tier finished since the previous pass, RECOVERED,
   * DRIFT_CORRECTED, DEGRADED, and finally AWAKE or ASLEEP.
   */
  static List<Transition> of(
      Pass pass, DesiredState desired, Progress progress, EnvironmentStatus next) {
    EnvironmentStatus previous = pass.previous();
    String env = "environment '" + pass.spec().name() + "'";
    boolean waking = desired.state() == State.AWAKE;
    List<String> scope = inPlanOrder(pass, progress, -1);
    List<Transition> transitions = new ArrayList<>();
    if (pass.newOperation()) {
      transitions.add(started(pass, desired, scope));
    } else if (previous.currentTier() >= 0) {
      tierDone(pass, progress, waking, previous.currentTier(), next.currentTier())
          .ifPresent(transitions::add);
    }
    boolean wasDegraded = Conditions.isDegraded(previous);
    boolean isDegraded = Conditions.isDegraded(next);
    if (wasDegraded && !isDegraded) {
      transitions.add(
          new Transition(
              TransitionKind.RECOVERED,
              next.currentTier(),
              List.of(),
              env + " is no longer degraded; it is " + next.phase().displayName()));
    }
    boolean wasSettled = previous.phase() == Phase.AWAKE || previous.phase() == Phase.ASLEEP;
    if (!pass.newOperation() && wasSettled && !progress.actions().isEmpty()) {
      transitions.add(driftCorrected(pass, progress, env));
    }
    if (!wasDegraded && isDegraded) {
      List<String> services =
          progress.problems().stream().map(ServiceProblem::service).distinct().toList();
      String message = next.condition(Conditions.DEGRADED).orElseThrow().message();
      transitions.add(
          new Transition(
              TransitionKind.DEGRADED,
              next.currentTier(),
              services,
              env + " is degraded: " + message));
    }
    boolean settledNow = next.phase() == Phase.AWAKE || next.phase() == Phase.ASLEEP;
    if (settledNow && (pass.newOperation() || previous.phase() != next.phase())) {
      transitions.add(
          next.phase() == Phase.AWAKE
              ? new Transition(
                  TransitionKind.AWAKE,
                  -1,
                  scope,
                  env + " is awake: " + count(scope.size()) + " ready")
              : new Transition(
                  TransitionKind.ASLEEP,
                  -1,
                  scope,
                  env + " is asleep: " + count(scope.size()) + " stopped"));
    }
    return transitions;
  }

  private static Transition started(Pass pass, DesiredState desired, List<String> scope) {
    String env = "environment '" + pass.spec().name() + "'";
    String who = " (requested by " + desired.requestedBy() + ": " + desired.reason() + ")";
    if (desired.state() == State.AWAKE) {
      String what =
          desired.isPartial()
              ? String.join(", ", desired.services().stream().sorted().toList())
                  + (desired.services().size() == 1 ? " and its" : " and their")
                  + " dependencies, "
                  + count(scope.size())
              : count(scope.size());
      return new Transition(
          TransitionKind.WAKE_STARTED,
          -1,
          scope,
          "waking " + env + ": " + what + ", lowest tier first" + who);
    }
    String order =
        pass.spec().sleepOrder() == SleepOrder.PARALLEL ? "all at once" : "dependents first";
    return new Transition(
        TransitionKind.SLEEP_STARTED,
        -1,
        scope,
        "putting " + env + " to sleep: " + count(scope.size()) + ", " + order + who);
  }

  /**
   * TIER_DONE for the tier the previous pass worked on, once this pass has moved past it (upward
   * when waking, downward when sleeping) or settled. Tiers that were already ready or stopped when
   * the operation reached them are not announced: nothing happened to them.
   */
  private static Optional<Transition> tierDone(
      Pass pass, Progress progress, boolean waking, int previousTier, int currentTier) {
    boolean movedPast =
        currentTier < 0 || (waking ? currentTier > previousTier : currentTier < previousTier);
    List<String> services = inPlanOrder(pass, progress, previousTier);
    if (!movedPast || services.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Transition(
            TransitionKind.TIER_DONE,
            previousTier,
            services,
            "environment '"
                + pass.spec().name()
                + "': tier "
                + previousTier
                + (waking ? " is ready (" : " has stopped (")
                + String.join(", ", services)
                + ")"));
  }

  private static Transition driftCorrected(Pass pass, Progress progress, String env) {
    List<String> changes = new ArrayList<>();
    for (ScaleAction action : progress.actions()) {
      int was =
          pass.services().stream()
              .filter(s -> s.name().equals(action.service()))
              .findFirst()
              .orElseThrow()
              .observed()
              .desiredCount();
      changes.add(action.service() + " from " + was + " to " + action.desiredCount());
    }
    return new Transition(
        TransitionKind.DRIFT_CORRECTED,
        progress.currentTier(),
        progress.actions().stream().map(ScaleAction::service).toList(),
        env + " had drifted from its state; set desiredCount of " + String.join(", ", changes));
  }

  /** The services in scope, in plan order; only those of one tier unless {@code tier} is -1. */
  private static List<String> inPlanOrder(Pass pass, Progress progress, int tier) {
    return pass.services().stream()
        .filter(s -> progress.scope().contains(s.name()) && (tier < 0 || s.tier() == tier))
        .map(ServiceSnapshot::name)
        .toList();
  }

  private static String count(int services) {
    return services == 1 ? "1 service" : services + " services";
  }
}
