package dev.daybreak.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One service of an environment.
 *
 * @param name the logical name used in {@code dependsOn}
 * @param ecsService the ECS service name (defaults to {@code name} in manifests)
 * @param replicas the count to wake it to
 * @param readiness what "ready" means for it
 * @param timeout how long it may take to become ready once scaled before the environment is
 *     Degraded
 * @param dependsOn logical names of the services that must be ready before this one is scaled up
 */
public record ServiceSpec(
    String name,
    String ecsService,
    Replicas replicas,
    Readiness readiness,
    Duration timeout,
    List<String> dependsOn) {

  /** The timeout when a manifest names none. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  public ServiceSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ecsService, "ecsService");
    Objects.requireNonNull(replicas, "replicas");
    Objects.requireNonNull(readiness, "readiness");
    Objects.requireNonNull(timeout, "timeout");
    dependsOn = List.copyOf(dependsOn);
  }

  /** A service with default readiness and timeout, named as its ECS service. */
  public static ServiceSpec of(String name, int replicas, String... dependsOn) {
    return new ServiceSpec(
        name,
        name,
        Replicas.fixed(replicas),
        Readiness.RUNNING,
        DEFAULT_TIMEOUT,
        List.of(dependsOn));
  }
}
