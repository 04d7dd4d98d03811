package dev.daybreak.ecssim;

import java.util.Objects;
import java.util.Optional;

/**
 * One target as DescribeTargetHealth returns it ({@code TargetHealthDescription}).
 *
 * @param id the target's id: the task's private IP address ({@code ip} target type)
 * @param port the port the target receives traffic on
 * @param state {@code initial}, {@code healthy}, {@code unhealthy} or {@code draining}
 * @param reason absent when healthy, else e.g. {@code Elb.InitialHealthChecking}
 * @param description ELB's sentence for the reason
 */
public record TargetHealthView(
    String id, int port, String state, Optional<String> reason, Optional<String> description) {

  public TargetHealthView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(description, "description");
  }
}
