package dev.daybreak.dryrun;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An UpdateService a dry run did not make.
 *
 * @param at when the controller would have made it
 * @param environment the environment it belongs to, when one declares the service
 * @param cluster the ECS cluster
 * @param ecsService the ECS service
 * @param desiredCount the count it would have set
 * @param reason why the planner made it, in words (e.g. "a is ready")
 * @param waiting the services that wait for it to take effect, and so cannot move in a dry run
 */
public record WouldBeCall(
    Instant at,
    Optional<String> environment,
    String cluster,
    String ecsService,
    int desiredCount,
    String reason,
    List<String> waiting) {

  public WouldBeCall {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(ecsService, "ecsService");
    Objects.requireNonNull(reason, "reason");
    waiting = List.copyOf(waiting);
  }

  /**
   * The line announced for it, e.g. {@code [seed] would scale b to 3: a is ready (dry run: not
   * done, so c, d wait for b here)}.
   */
  public String line() {
    return environment.map(e -> "[" + e + "] ").orElse("[cluster " + cluster + "] ") + sentence();
  }

  /**
   * The line without whose call it is, for the environment's own Slack thread, e.g. {@code would
   * scale b to 3: a is ready (dry run: not done, ...)}.
   */
  public String sentence() {
    String verb = desiredCount == 0 ? "stop" : "wake";
    return "would scale "
        + ecsService
        + " to "
        + desiredCount
        + (reason.isEmpty() ? "" : ": " + reason)
        + " (dry run: not done"
        + (waiting.isEmpty()
            ? ")"
            : ", so "
                + String.join(", ", waiting)
                + (waiting.size() == 1 ? " waits" : " wait")
                + " for "
                + ecsService
                + " to "
                + verb
                + " and this dry run cannot see them move unless someone else scales it)");
  }
}
