package dev.daybreak.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The seed's environment: a (1) -> b (3) -> c (1), d (7), e (1); c, d and e depend on b. Tiers:
 * [a], [b], [c, d, e].
 */
final class Seed {

  static final Instant T0 = Instant.parse("2026-11-30T07:00:00Z");

  private Seed() {}

  static EnvironmentSpec spec() {
    return spec(SleepOrder.REVERSE);
  }

  static EnvironmentSpec spec(SleepOrder order) {
    return spec(
        order,
        List.of(
            ServiceSpec.of("a", 1),
            ServiceSpec.of("b", 3, "a"),
            ServiceSpec.of("c", 1, "b"),
            ServiceSpec.of("d", 7, "b"),
            ServiceSpec.of("e", 1, "b")));
  }

  static EnvironmentSpec spec(SleepOrder order, List<ServiceSpec> services) {
    return new EnvironmentSpec(
        "dev",
        "dev-cluster",
        services,
        order,
        Optional.empty(),
        NotifySpec.defaults(),
        AccessSpec.defaults(),
        java.util.Map.of(),
        AutoscalingMode.MANAGE,
        AwsSpec.home());
  }

  /** The seed with one service replaced. */
  static EnvironmentSpec specWith(ServiceSpec replacement) {
    return spec(
        SleepOrder.REVERSE,
        spec().services().stream()
            .map(s -> s.name().equals(replacement.name()) ? replacement : s)
            .toList());
  }

  static ServiceSpec service(
      String name, Replicas replicas, Readiness readiness, Duration timeout, String... dependsOn) {
    return new ServiceSpec(name, name, replicas, readiness, timeout, List.of(dependsOn));
  }

  static DesiredState awake() {
    return DesiredState.of(State.AWAKE, "alice", "morning", T0);
  }

  static DesiredState awake(String... services) {
    return new DesiredState(
        State.AWAKE, Optional.empty(), Set.of(services), "alice", "debugging", T0);
  }

  static DesiredState asleep() {
    return DesiredState.of(State.ASLEEP, "schedule", "night", T0);
  }

  /** The seed fully awake: every service at its count. */
  static World awakeWorld() {
    return World.asleep(spec())
        .set("a", 1, 1)
        .set("b", 3, 3)
        .set("c", 1, 1)
        .set("d", 7, 7)
        .set("e", 1, 1);
  }
}
