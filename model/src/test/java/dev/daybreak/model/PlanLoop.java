package dev.daybreak.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Plays the reconciler for planner tests: plans a pass against the world, keeps the status it
 * returns and executes its actions (desiredCount only; {@link World#settle} lets tasks start).
 */
final class PlanLoop {

  final EnvironmentSpec spec;
  final World world;
  DesiredState desired;
  EnvironmentStatus status = EnvironmentStatus.initial();
  Instant now = Seed.T0;

  PlanLoop(EnvironmentSpec spec, DesiredState desired, World world) {
    this.spec = spec;
    this.desired = desired;
    this.world = world;
  }

  /** One pass: plan, remember the status, execute the actions. */
  Plan pass() {
    Plan plan = Planner.plan(spec, desired, world.observed(), status, now);
    status = plan.status();
    world.apply(plan.actions());
    return plan;
  }

  /** Plans without executing or remembering anything. */
  Plan peek() {
    return Planner.plan(spec, desired, world.observed(), status, now);
  }

  PlanLoop after(Duration elapsed) {
    now = now.plus(elapsed);
    return this;
  }

  /**
   * Passes with ECS catching up after each, until a pass has nothing to do and nothing to wait for.
   */
  Plan untilSettled() {
    for (int i = 0; i < 20; i++) {
      Plan plan = pass();
      world.settle();
      after(plan.requeueAfter());
      if (plan.actions().isEmpty() && plan.status().currentTier() < 0) {
        return plan;
      }
    }
    throw new AssertionError("not settled after 20 passes; status " + status);
  }
}
