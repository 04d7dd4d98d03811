package dev.daybreak.ecssim;

import java.time.Duration;
import java.util.Objects;

/**
 * How the simulated health checks run. The defaults are AWS's: a target group checks every 30 s, a
 * target is healthy after 5 consecutive passing checks and unhealthy after 2 failing ones (<a
 * href="https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html">Health
 * checks for Application Load Balancer target groups</a>); a container health check runs every 30 s
 * and a container is UNHEALTHY after 3 failing retries (<a
 * href="https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html">ECS
 * HealthCheck</a>).
 *
 * @param targetInterval time between two health checks of a target ({@code
 *     HealthCheckIntervalSeconds}); the first runs one interval after the target is registered
 * @param healthyThreshold consecutive passing checks that make a target healthy
 * @param unhealthyThreshold consecutive failing checks that make a target unhealthy
 * @param registration how long a new target stays {@code initial} with {@code
 *     Elb.RegistrationInProgress} before its health checks start ({@code
 *     Elb.InitialHealthChecking})
 * @param containerInterval time between two container health checks
 * @param containerRetries consecutive failing container checks that make it UNHEALTHY
 */
public record HealthSettings(
    Duration targetInterval,
    int healthyThreshold,
    int unhealthyThreshold,
    Duration registration,
    Duration containerInterval,
    int containerRetries) {

  /** AWS's defaults. */
  public static final HealthSettings AWS_DEFAULTS =
      new HealthSettings(
          Duration.ofSeconds(30), 5, 2, Duration.ofSeconds(10), Duration.ofSeconds(30), 3);

  public HealthSettings {
    positive("targetInterval", targetInterval);
    Objects.requireNonNull(registration, "registration");
    if (registration.isNegative()) {
      throw new IllegalArgumentException("registration must be >= 0, was " + registration);
    }
    positive("containerInterval", containerInterval);
    range("healthyThreshold", healthyThreshold);
    range("unhealthyThreshold", unhealthyThreshold);
    range("containerRetries", containerRetries);
  }

  /** These settings with health checks every {@code interval} (targets and containers). */
  public HealthSettings withInterval(Duration interval) {
    return new HealthSettings(
        interval, healthyThreshold, unhealthyThreshold, registration, interval, containerRetries);
  }

  /** These settings with {@code threshold} passing checks to become healthy. */
  public HealthSettings withHealthyThreshold(int threshold) {
    return new HealthSettings(
        targetInterval,
        threshold,
        unhealthyThreshold,
        registration,
        containerInterval,
        containerRetries);
  }

  /** These settings with target registration taking {@code registration}. */
  public HealthSettings withRegistration(Duration registration) {
    return new HealthSettings(
        targetInterval,
        healthyThreshold,
        unhealthyThreshold,
        registration,
        containerInterval,
        containerRetries);
  }

  /** How long a target that passes every check takes from registration to healthy. */
  public Duration timeToHealthy() {
    return registration.plus(targetInterval.multipliedBy(healthyThreshold));
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + d);
    }
  }

  /** AWS allows 2 to 10 for the thresholds and 1 to 10 for the container retries. */
  private static void range(String name, int n) {
    if (n < 1 || n > 10) {
      throw new IllegalArgumentException(name + " must be 1 to 10, was " + n);
    }
  }
}
