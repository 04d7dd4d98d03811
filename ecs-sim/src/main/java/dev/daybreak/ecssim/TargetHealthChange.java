package dev.daybreak.ecssim;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One change of a target's health, for tests and people ({@code GET /_sim/target-health}).
 *
 * @param at the simulation time of the change
 * @param targetGroupArn the target group
 * @param cluster the task's cluster
 * @param service the task's service
 * @param taskArn the task the target belongs to
 * @param targetId the target's id (the task's private IP address)
 * @param port the target's port
 * @param state the new state; {@code deregistered} once the target has left the group
 * @param reason ELB's reason code, absent for {@code healthy}
 */
public record TargetHealthChange(
    Instant at,
    String targetGroupArn,
    String cluster,
    String service,
    String taskArn,
    String targetId,
    int port,
    String state,
    Optional<String> reason) {

  /** The history's state for a target that left its group (no longer described at all). */
  public static final String DEREGISTERED = "deregistered";

  public TargetHealthChange {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(targetGroupArn, "targetGroupArn");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
  }
}
