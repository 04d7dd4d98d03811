package dev.daybreak.store;

import dev.daybreak.model.EnvironmentStatus;
import java.util.Optional;

/**
 * The role of a {@link StateStore} that keeps each environment's status, written by the controller
 * alone, conditionally on its version and fenced by the lease epoch.
 */
public interface StatusStore {

  /** The environment's status as the controller last wrote it. */
  Optional<StoredStatus> status(String environment);

  /**
   * Writes the status if its version is still {@code expectedVersion} (0 when it must not exist
   * yet).
   *
   * @throws ConflictException when another writer got there first
   */
  StoredStatus writeStatus(String environment, EnvironmentStatus status, long expectedVersion);

  /**
   * Writes the status as {@link #writeStatus(String, EnvironmentStatus, long)} does, and only if
   * the item was not last written under {@code fence}'s lease at a higher epoch; records the fence
   * on the item. Once a lease holder at epoch e has written an environment's status, no writer
   * fenced at an epoch below e under that lease can write it again.
   *
   * @throws ConflictException when another writer got there first or a newer holder wrote it
   */
  StoredStatus writeStatus(
      String environment, EnvironmentStatus status, long expectedVersion, Fence fence);
}
