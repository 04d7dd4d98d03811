package dev.daybreak.ecssim;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the simulated ECS behaves. Per-service settings are keyed by ECS service name and apply in
 * every cluster.
 *
 * @param region the region in ARNs
 * @param accountId the account in ARNs
 * @param seed seeds every random choice (ids, latency draws, injected errors): same seed and same
 *     call sequence, same run
 * @param startLatency how long a task takes from launch to RUNNING, unless set per service
 * @param stopLatency how long a task takes from being stopped to STOPPED, unless set per service
 * @param startLatencies per-service start latencies
 * @param stopLatencies per-service stop latencies
 * @param requires per service, the services (same cluster) it crashes without: a task that reaches
 *     RUNNING while one of them has runningCount 0 exits after {@code crashGrace}
 * @param crashGrace how long a task with a missing requirement runs before its container exits
 * @param relaunchDelay how soon the service scheduler replaces a task that exited after RUNNING
 * @param startFailureBackoff the first delay of ECS's service throttle logic for tasks that fail to
 *     reach RUNNING; it doubles per consecutive failure up to {@code startFailureBackoffMax}
 * @param startFailureBackoffMax the longest delay between launch attempts (27 minutes in ECS)
 * @param callLogLimit how many calls the call log keeps (the oldest are dropped beyond it)
 * @param health how target group and container health checks run
 * @param scalingDelay how long after a service's desiredCount leaves its scalable target's bounds
 *     Application Auto Scaling moves it back (when that direction of scaling is not suspended)
 */
public record SimSettings(
    String region,
    String accountId,
    long seed,
    Latency startLatency,
    Latency stopLatency,
    Map<String, Latency> startLatencies,
    Map<String, Latency> stopLatencies,
    Map<String, Set<String>> requires,
    Duration crashGrace,
    Duration relaunchDelay,
    Duration startFailureBackoff,
    Duration startFailureBackoffMax,
    int callLogLimit,
    HealthSettings health,
    Duration scalingDelay) {

  public SimSettings {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(startLatency, "startLatency");
    Objects.requireNonNull(stopLatency, "stopLatency");
    startLatencies = Map.copyOf(startLatencies);
    stopLatencies = Map.copyOf(stopLatencies);
    Map<String, Set<String>> copy = new HashMap<>();
    requires.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
    requires = Map.copyOf(copy);
    Objects.requireNonNull(crashGrace, "crashGrace");
    Objects.requireNonNull(relaunchDelay, "relaunchDelay");
    Objects.requireNonNull(startFailureBackoff, "startFailureBackoff");
    Objects.requireNonNull(startFailureBackoffMax, "startFailureBackoffMax");
    if (callLogLimit < 0) {
      throw new IllegalArgumentException("callLogLimit must be >= 0, was " + callLogLimit);
    }
    Objects.requireNonNull(health, "health");
    if (scalingDelay.isNegative()) {
      throw new IllegalArgumentException("scalingDelay must be >= 0, was " + scalingDelay);
    }
  }

  /** Defaults: 20 s starts, 5 s stops, no requirements, seed 0, us-east-1, account 000000000000. */
  public static Builder builder() {
    return new Builder();
  }

  /** These settings for another account and region (everything else alike). */
  public SimSettings in(String region, String accountId) {
    return new SimSettings(
        region,
        accountId,
        seed,
        startLatency,
        stopLatency,
        startLatencies,
        stopLatencies,
        requires,
        crashGrace,
        relaunchDelay,
        startFailureBackoff,
        startFailureBackoffMax,
        callLogLimit,
        health,
        scalingDelay);
  }

  /** The start latency of {@code service}'s tasks. */
  public Latency startLatencyOf(String service) {
    return startLatencies.getOrDefault(service, startLatency);
  }

  /** The stop latency of {@code service}'s tasks. */
  public Latency stopLatencyOf(String service) {
    return stopLatencies.getOrDefault(service, stopLatency);
  }

  /** The services {@code service} crashes without. */
  public Set<String> requirementsOf(String service) {
    return requires.getOrDefault(service, Set.of());
  }

  /** Builds {@link SimSettings}; every setter returns the builder. */
  public static final class Builder {
    private String region = "us-east-1";
    private String accountId = "000000000000";
    private long seed;
    private Latency startLatency = Latency.fixed(Duration.ofSeconds(20));
    private Latency stopLatency = Latency.fixed(Duration.ofSeconds(5));
    private final Map<String, Latency> startLatencies = new HashMap<>();
    private final Map<String, Latency> stopLatencies = new HashMap<>();
    private final Map<String, Set<String>> requires = new HashMap<>();
    private Duration crashGrace = Duration.ofSeconds(3);
    private Duration relaunchDelay = Duration.ofSeconds(10);
    private Duration startFailureBackoff = Duration.ofSeconds(10);
    private Duration startFailureBackoffMax = Duration.ofMinutes(27);
    private int callLogLimit = 100_000;
    private HealthSettings health = HealthSettings.AWS_DEFAULTS;
    private Duration scalingDelay = Duration.ofSeconds(5);

    private Builder() {}

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    public Builder accountId(String accountId) {
      this.accountId = accountId;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder startLatency(Latency latency) {
      this.startLatency = latency;
      return this;
    }

    public Builder stopLatency(Latency latency) {
      this.stopLatency = latency;
      return this;
    }

    public Builder startLatency(String service, Latency latency) {
      startLatencies.put(service, latency);
      return this;
    }

    public Builder stopLatency(String service, Latency latency) {
      stopLatencies.put(service, latency);
      return this;
    }

    /** {@code service} crashes unless {@code required} has a running task. */
    public Builder require(String service, String required) {
      if (service.equals(required)) {
        throw new IllegalArgumentException("service '" + service + "' cannot require itself");
      }
      requires.computeIfAbsent(service, k -> new LinkedHashSet<>()).add(required);
      return this;
    }

    public Builder crashGrace(Duration crashGrace) {
      this.crashGrace = crashGrace;
      return this;
    }

    public Builder relaunchDelay(Duration relaunchDelay) {
      this.relaunchDelay = relaunchDelay;
      return this;
    }

    public Builder startFailureBackoff(Duration first, Duration max) {
      this.startFailureBackoff = first;
      this.startFailureBackoffMax = max;
      return this;
    }

    public Builder callLogLimit(int callLogLimit) {
      this.callLogLimit = callLogLimit;
      return this;
    }

    public Builder health(HealthSettings health) {
      this.health = health;
      return this;
    }

    /** How soon Application Auto Scaling moves a desiredCount back into its target's bounds. */
    public Builder scalingDelay(Duration scalingDelay) {
      this.scalingDelay = scalingDelay;
      return this;
    }

    public SimSettings build() {
      return new SimSettings(
          region,
          accountId,
          seed,
          startLatency,
          stopLatency,
          startLatencies,
          stopLatencies,
          requires,
          crashGrace,
          relaunchDelay,
          startFailureBackoff,
          startFailureBackoffMax,
          callLogLimit,
          health,
          scalingDelay);
    }
  }
}
