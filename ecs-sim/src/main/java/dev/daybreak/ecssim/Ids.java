package dev.daybreak.ecssim;

import java.util.Random;
import java.util.UUID;

/** ECS-shaped identifiers drawn from the simulation's seeded random source. */
final class Ids {

  private final Random random;

  Ids(Random random) {
    this.random = random;
  }

  /** A task id: 32 lowercase hex digits. */
  String taskId() {
    return String.format("%016x%016x", random.nextLong(), random.nextLong());
  }

  /** An event id: a version-4 UUID. */
  String eventId() {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  /** A deployment id: {@code ecs-svc/} and 19 digits. */
  String deploymentId() {
    long n =
        1_000_000_000_000_000_000L + Math.floorMod(random.nextLong(), 8_000_000_000_000_000_000L);
    return "ecs-svc/" + n;
  }
}
