package dev.daybreak.model.schedule;

import dev.daybreak.model.DependencyGraph;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.ServiceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How long before a {@code wakeBy} deadline to start waking: the 90th percentile of the last
 * {@value #SAMPLES} measured wake durations, or, before any wake was measured, an estimate from the
 * manifest.
 */
public final class WakeLead {

  /** How many of the latest measured wakes count. */
  public static final int SAMPLES = 10;

  /**
   * Typical time from UpdateService to a Fargate task RUNNING (image pull, ENI attachment, start):
   * about a minute for a small image.
   */
  static final Duration TYPICAL_RUNNING = Duration.ofSeconds(60);

  /** RUNNING plus ECS marking the deployment COMPLETED once the tasks stayed up. */
  static final Duration TYPICAL_STABLE = Duration.ofSeconds(90);

  /**
   * RUNNING plus an Elastic Load Balancing target group's default health check: 5 consecutive
   * passes ({@code HealthyThresholdCount}) 30 s apart ({@code HealthCheckIntervalSeconds}).
   */
  static final Duration TYPICAL_HEALTHY = TYPICAL_RUNNING.plus(Duration.ofSeconds(5 * 30));

  /** The controller's pass between two tiers (the seed's state machine waited 10 s per check). */
  static final Duration PER_TIER = Duration.ofSeconds(10);

  private WakeLead() {}

  /**
   * The lead to compile a schedule with.
   *
   * @param measured measured durations of completed wakes, oldest first; only the last {@value
   *     #SAMPLES} count
   * @param estimate used while nothing was measured (e.g. {@link #estimate(EnvironmentSpec)})
   * @return the 90th percentile of the measured wakes, else the estimate; at most {@link
   *     Schedule#MAX_WAKE_LEAD} and never negative
   */
  public static Duration of(List<Duration> measured, Duration estimate) {
    List<Duration> recent =
        measured.subList(Math.max(0, measured.size() - SAMPLES), measured.size());
    Duration lead = recent.isEmpty() ? estimate : p90(recent);
    if (lead.isNegative()) {
      return Duration.ZERO;
    }
    return lead.compareTo(Schedule.MAX_WAKE_LEAD) > 0 ? Schedule.MAX_WAKE_LEAD : lead;
  }

  /**
   * The 90th percentile by nearest rank: the smallest sample that at least 90% of the samples do
   * not exceed. With fewer than ten samples, that is the largest.
   */
  public static Duration p90(List<Duration> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("p90 of no samples");
    }
    List<Duration> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(0.9 * sorted.size());
    return sorted.get(rank - 1);
  }

  /**
   * A first guess at how long the environment takes to wake, before anything was measured: tiers
   * wake one after another, the services of a tier together, so the sum over tiers of the slowest
   * service in the tier, plus one controller pass per tier. A service's time is the typical time
   * for its readiness ({@code running} 60 s, {@code stable} 90 s, {@code healthy} 210 s), capped by
   * its own timeout.
   *
   * @throws dev.daybreak.model.GraphException when the services do not form a valid graph
   */
  public static Duration estimate(EnvironmentSpec spec) {
    Map<String, ServiceSpec> byName =
        spec.services().stream().collect(Collectors.toMap(ServiceSpec::name, Function.identity()));
    Duration total = Duration.ZERO;
    for (List<String> tier : DependencyGraph.of(spec.services()).tiers()) {
      Duration slowest =
          tier.stream()
              .map(byName::get)
              .map(WakeLead::typical)
              .max(Duration::compareTo)
              .orElseThrow();
      total = total.plus(slowest).plus(PER_TIER);
    }
    return total;
  }

  private static Duration typical(ServiceSpec service) {
    Duration typical =
        switch (service.readiness()) {
          case RUNNING -> TYPICAL_RUNNING;
          case STABLE -> TYPICAL_STABLE;
          case HEALTHY -> TYPICAL_HEALTHY;
        };
    return typical.compareTo(service.timeout()) > 0 ? service.timeout() : typical;
  }
}
