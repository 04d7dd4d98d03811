package dev.daybreak.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What to do with the services' Application Auto Scaling targets around a sleep and a wake: a pure
 * function of the spec, the desired state, the planner's plan, the targets observed this pass and
 * the targets saved in the status.
 *
 * <p>Without this, a target with MinCapacity 1 or more raises a service daybreak put to sleep back
 * up minutes later. So, level-based and safe to stop between any two calls:
 *
 * <ol>
 *   <li>Sleeping: each target not yet saved is saved as observed, in the status written before any
 *       call of the pass; then every target not yet in its sleep shape is set to MinCapacity 0 with
 *       dynamic and scheduled scaling suspended ({@link BoundsAction.Kind#SUSPEND}), before the
 *       pass's UpdateService calls. A saved target is never overwritten: the first observation
 *       (before daybreak changed it) is the one restored.
 *   <li>Waking: a saved target is restored ({@link BoundsAction.Kind#RESTORE}) in the pass that
 *       scales its service up, in the same step as that service's own UpdateService and right after
 *       it (not before: RegisterScalableTarget with a MinCapacity above the sleeping count makes
 *       Application Auto Scaling raise the service itself, at once), or once its service needs no
 *       UpdateService; it is dropped from the status once a pass observes it restored. The wake
 *       count is moved into the restored bounds ({@link #wakeBounds}).
 *   <li>A saved target that no longer exists (deregistered) is dropped; there is nothing to
 *       restore.
 * </ol>
 *
 * <p>With {@link AutoscalingMode#IGNORE} nothing is saved, set or dropped.
 */
public final class ScalableTargets {

  /** The condition type that lists the saved targets and the wake counts they changed. */
  public static final String CONDITION = "ScalableTargets";

  /** Reason: targets are saved (the environment sleeps or has not finished waking). */
  public static final String REASON_SAVED = "TargetsSaved";

  /** Reason: a wake count was moved into its target's bounds. */
  public static final String REASON_COUNT_ADJUSTED = "WakeCountAdjusted";

  private ScalableTargets() {}

  /**
   * The pass's decision.
   *
   * @param saved the targets to keep saved in the status
   * @param actions the targets to set, before the plan's scale actions
   * @param conditions the status's conditions with {@link #CONDITION} set or removed
   */
  public record Decision(
      Map<String, ScalingBounds> saved, List<BoundsAction> actions, List<Condition> conditions) {
    public Decision {
      saved = Map.copyOf(saved);
      actions = List.copyOf(actions);
      conditions = List.copyOf(conditions);
    }
  }

  /**
   * Per logical service, the bounds its target has once awake: the saved ones, else the observed
   * ones; none for a service without a target (or in {@link AutoscalingMode#IGNORE}).
   *
   * @param observed the targets observed this pass, by ECS service name
   * @param saved the targets saved in the status, by logical service name
   */
  public static Map<String, ScalingBounds> wakeBounds(
      EnvironmentSpec spec, Map<String, ScalingBounds> observed, Map<String, ScalingBounds> saved) {
    Map<String, ScalingBounds> out = new TreeMap<>();
    if (spec.autoscaling() == AutoscalingMode.IGNORE) {
      return out;
    }
    for (ServiceSpec s : spec.services()) {
      ScalingBounds o = observed.get(s.ecsService());
      if (o != null) {
        out.put(s.name(), saved.getOrDefault(s.name(), o));
      }
    }
    return out;
  }

  /**
   * Decides one pass.
   *
   * @param plan the planner's plan for this pass (made with {@link #wakeBounds})
   * @param observed the targets observed this pass, by ECS service name
   * @param previous the status the previous pass wrote
   */
  public static Decision decide(
      EnvironmentSpec spec,
      DesiredState desired,
      Plan plan,
      Map<String, ScalingBounds> observed,
      EnvironmentStatus previous,
      Instant now) {
    Objects.requireNonNull(plan, "plan");
    Map<String, ScalingBounds> saved = new TreeMap<>(previous.savedScalableTargets());
    List<BoundsAction> actions = new ArrayList<>();
    if (spec.autoscaling() == AutoscalingMode.IGNORE) {
      return new Decision(saved, actions, plan.status().conditions());
    }
    boolean waking = desired.state() == State.AWAKE;
    Set<String> due = waking ? restoreDue(spec, desired, plan) : Set.of();
    for (ServiceSpec s : spec.services()) {
      ScalingBounds o = observed.get(s.ecsService());
      if (o == null) {
        saved.remove(s.name());
        continue;
      }
      if (!waking) {
        saved.putIfAbsent(s.name(), o);
        if (!isAsleep(o)) {
          actions.add(
              new BoundsAction(s.name(), s.ecsService(), o.asleep(), BoundsAction.Kind.SUSPEND));
        }
        continue;
      }
      ScalingBounds r = saved.get(s.name());
      if (r == null || !due.contains(s.name())) {
        continue;
      }
      if (o.equals(r)) {
        saved.remove(s.name());
      } else {
        actions.add(new BoundsAction(s.name(), s.ecsService(), r, BoundsAction.Kind.RESTORE));
      }
    }
    saved.keySet().retainAll(spec.services().stream().map(ServiceSpec::name).toList());
    List<String> adjusted =
        waking ? adjusted(spec, desired, plan, wakeBounds(spec, observed, saved)) : List.of();
    return new Decision(saved, actions, conditions(plan, saved, adjusted, previous, now));
  }

  /** In its sleep shape: MinCapacity 0 and every kind of scaling suspended. */
  static boolean isAsleep(ScalingBounds b) {
    return b.min() == 0
        && b.dynamicInSuspended()
        && b.dynamicOutSuspended()
        && b.scheduledSuspended();
  }

  /**
   * The services whose saved target is restored this pass: those in the wake's scope whose tier is
   * being woken or already was (every one once the wake has settled), and of those only the ones
   * this pass scales up (restored right after their own UpdateService) or that need no
   * UpdateService (already at their wake count). A restored MinCapacity above the service's count
   * makes Application Auto Scaling raise it itself; restored before its own UpdateService, it would
   * act first.
   */
  private static Set<String> restoreDue(EnvironmentSpec spec, DesiredState desired, Plan plan) {
    DependencyGraph graph = DependencyGraph.of(spec.services());
    Set<String> scope = scope(spec, desired);
    int current = plan.status().currentTier();
    Set<String> scaled = new HashSet<>();
    plan.actions().forEach(a -> scaled.add(a.service()));
    Set<String> due = new HashSet<>();
    for (String name : scope) {
      if (current >= 0 && graph.tierOf(name) > current) {
        continue;
      }
      ServiceReadiness r = plan.status().services().get(name);
      if (scaled.contains(name) || (r != null && r.desiredCount() >= r.target())) {
        due.add(name);
      }
    }
    return due;
  }

  /** The services a wake covers: all, or a partial wake's services and their dependencies. */
  private static Set<String> scope(EnvironmentSpec spec, DesiredState desired) {
    Set<String> scope = new HashSet<>();
    if (desired.isPartial()) {
      Set<String> known = new TreeSet<>(desired.services());
      known.retainAll(spec.services().stream().map(ServiceSpec::name).toList());
      scope.addAll(DependencyGraph.of(spec.services()).closureOf(known));
    } else {
      spec.services().forEach(s -> scope.add(s.name()));
    }
    return scope;
  }

  /** The wake counts the bounds changed, as sentences. */
  private static List<String> adjusted(
      EnvironmentSpec spec, DesiredState desired, Plan plan, Map<String, ScalingBounds> bounds) {
    List<String> out = new ArrayList<>();
    Set<String> scope = scope(spec, desired);
    for (ServiceSpec s : spec.services()) {
      ScalingBounds b = bounds.get(s.name());
      if (b == null || !scope.contains(s.name())) {
        continue;
      }
      int asked = Targets.wake(s, plan.status().savedCounts());
      int woken = b.clamp(asked);
      if (woken != asked) {
        out.add(
            s.name()
                + " wakes to "
                + woken
                + ", not "
                + asked
                + ": its scalable target's "
                + (woken > asked ? "MinCapacity is " + b.min() : "MaxCapacity is " + b.max()));
      }
    }
    return out;
  }

  private static List<Condition> conditions(
      Plan plan,
      Map<String, ScalingBounds> saved,
      List<String> adjusted,
      EnvironmentStatus previous,
      Instant now) {
    List<Condition> out = new ArrayList<>();
    plan.status().conditions().stream().filter(c -> !c.type().equals(CONDITION)).forEach(out::add);
    if (saved.isEmpty() && adjusted.isEmpty()) {
      return out;
    }
    List<String> parts = new ArrayList<>(adjusted);
    if (!saved.isEmpty()) {
      List<String> each = new ArrayList<>();
      saved.forEach((name, b) -> each.add(name + " (" + b.describe() + ")"));
      parts.add("saved before sleep, restored when its tier wakes: " + String.join(", ", each));
    }
    Condition next =
        new Condition(
            CONDITION,
            ConditionStatus.TRUE,
            adjusted.isEmpty() ? REASON_SAVED : REASON_COUNT_ADJUSTED,
            String.join("; ", parts),
            now);
    out.add(
        previous
            .condition(CONDITION)
            .filter(p -> p.status() == next.status())
            .map(
                p ->
                    new Condition(
                        next.type(),
                        next.status(),
                        next.reason(),
                        next.message(),
                        p.lastTransitionTime()))
            .orElse(next));
    return out;
  }
}
