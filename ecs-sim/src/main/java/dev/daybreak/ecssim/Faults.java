package dev.daybreak.ecssim;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Failures injected into the simulated ECS.
 *
 * @param errorRates per operation name (or {@code *} for all), the probability in [0, 1] that a
 *     call fails with {@code ServerException} (HTTP 500)
 * @param latencies per operation name (or {@code *}), real time added before the call is answered
 *     (applied by the HTTP front end)
 * @param failToStart ECS service names, or task definitions ({@code family:revision} or ARN, told
 *     apart by their colon, which a service name cannot contain), whose tasks never reach RUNNING
 *     ({@code CannotPullContainerError}): a service that cannot start at all, or a bad revision
 *     that a deployment rolls out
 * @param blackout a window of simulation time in which every call fails with {@code
 *     ServerException}
 * @param throttleRates per operation name (or {@code *} for all), the probability in [0, 1] that a
 *     call is refused with {@code ThrottlingException} (HTTP 400, "Rate exceeded") although its
 *     token bucket has room, as when other callers in the account spend the quota
 */
public record Faults(
    Map<String, Double> errorRates,
    Map<String, Duration> latencies,
    Set<String> failToStart,
    Optional<Blackout> blackout,
    Map<String, Double> throttleRates) {

  /** Matches every operation in {@link #errorRates} and {@link #latencies}. */
  public static final String ALL = "*";

  private static final Faults NONE = new Faults(Map.of(), Map.of(), Set.of(), Optional.empty());

  public Faults {
    errorRates = rates("error rate", errorRates);
    throttleRates = rates("throttle rate", throttleRates);
    latencies = Map.copyOf(latencies);
    latencies.forEach(
        (op, latency) -> {
          checkOperation(op);
          if (latency.isNegative()) {
            throw new IllegalArgumentException(
                "latency of " + op + " must be >= 0, was " + latency);
          }
        });
    failToStart = Set.copyOf(failToStart);
    Objects.requireNonNull(blackout, "blackout");
  }

  /** Faults without injected throttles. */
  public Faults(
      Map<String, Double> errorRates,
      Map<String, Duration> latencies,
      Set<String> failToStart,
      Optional<Blackout> blackout) {
    this(errorRates, latencies, failToStart, blackout, Map.of());
  }

  /** No faults. */
  public static Faults none() {
    return NONE;
  }

  /** The error rate for {@code operation}: its own, else the {@code *} one, else 0. */
  public double errorRate(Operation operation) {
    return errorRates.getOrDefault(operation.name(), errorRates.getOrDefault(ALL, 0.0));
  }

  /** The throttle rate for {@code operation}: its own, else the {@code *} one, else 0. */
  public double throttleRate(Operation operation) {
    return throttleRates.getOrDefault(operation.name(), throttleRates.getOrDefault(ALL, 0.0));
  }

  /** The added latency for {@code operation}: its own, else the {@code *} one, else zero. */
  public Duration latency(Operation operation) {
    return latencies.getOrDefault(operation.name(), latencies.getOrDefault(ALL, Duration.ZERO));
  }

  /** Whether {@code at} lies in the blackout window. */
  public boolean blackedOut(Instant at) {
    return blackout.map(b -> b.contains(at)).orElse(false);
  }

  private static Map<String, Double> rates(String what, Map<String, Double> rates) {
    rates.forEach(
        (op, rate) -> {
          checkOperation(op);
          if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(
                what + " of " + op + " must be in [0, 1], was " + rate);
          }
        });
    return Map.copyOf(rates);
  }

  private static void checkOperation(String name) {
    if (!ALL.equals(name) && Operation.named(name).isEmpty()) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' is not an operation: expected * or one of "
              + java.util.Arrays.toString(Operation.values()));
    }
  }

  /**
   * A window of simulation time, {@code [from, until)}, in which ECS is down.
   *
   * @param from the first instant ECS is down
   * @param until the first instant ECS is back
   */
  public record Blackout(Instant from, Instant until) {
    public Blackout {
      if (!until.isAfter(from)) {
        throw new IllegalArgumentException(
            "a blackout must end after it starts, was " + from + " to " + until);
      }
    }

    public boolean contains(Instant at) {
      return !at.isBefore(from) && at.isBefore(until);
    }
  }
}
