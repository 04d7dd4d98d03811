package dev.daybreak.sandbox;

import dev.daybreak.ecssim.Latency;
import dev.daybreak.manifests.Manifest;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the sandbox runs.
 *
 * @param manifest the environment to wake and put to sleep
 * @param speed how many times faster than real time the sandbox's clock runs
 * @param startLatency how long a task takes to reach RUNNING in the simulator
 * @param startLatencies per ECS service, where it differs from {@code startLatency}
 * @param seed the simulator's random seed (the same seed gives the same latencies)
 * @param limit the longest a wake or a sleep may take (simulated time) before the sandbox gives up
 * @param exitWhenSettled exit after the demo instead of offering a prompt
 */
public record SandboxOptions(
    Manifest manifest,
    double speed,
    Latency startLatency,
    Map<String, Latency> startLatencies,
    long seed,
    Duration limit,
    boolean exitWhenSettled) {

  public SandboxOptions {
    Objects.requireNonNull(manifest, "manifest");
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed must be a finite number > 0, was " + speed);
    }
    Objects.requireNonNull(startLatency, "startLatency");
    startLatencies = Map.copyOf(startLatencies);
    Objects.requireNonNull(limit, "limit");
  }
}
