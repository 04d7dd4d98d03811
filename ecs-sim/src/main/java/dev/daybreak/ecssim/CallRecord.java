package dev.daybreak.ecssim;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One API call the simulator received.
 *
 * @param at the simulation time it was answered
 * @param op the operation, as named in {@code X-Amz-Target}
 * @param cluster the cluster it addressed, by name, when it addressed one
 * @param services the services it named
 * @param desiredCount the desiredCount it asked for (UpdateService)
 * @param outcome {@code ok} or the ECS exception name it was answered with
 * @param caller who called: the {@code app/} id of the User-Agent, else its first product token
 */
public record CallRecord(
    Instant at,
    String op,
    Optional<String> cluster,
    List<String> services,
    OptionalInt desiredCount,
    String outcome,
    String caller) {

  /** The outcome of a call that succeeded. */
  public static final String OK = "ok";

  public CallRecord {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(cluster, "cluster");
    services = List.copyOf(services);
    Objects.requireNonNull(desiredCount, "desiredCount");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(caller, "caller");
  }
}
