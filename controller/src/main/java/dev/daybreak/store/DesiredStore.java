package dev.daybreak.store;

import dev.daybreak.model.DesiredState;
import java.util.Map;

/**
 * The role of a {@link StateStore} that keeps each environment's desired item: what people (the
 * CLI, chat-ops, a hand edit) ask for. Every write is conditional on the item's version.
 */
public interface DesiredStore {

  /**
   * The environment's desired item as read (absent, valid, or invalid with the reason). Never
   * throws for a malformed item.
   */
  DesiredRead desired(String environment);

  /** Every desired item (the resync's cheap scan), by environment name in name order. */
  Map<String, DesiredRead> allDesired();

  /**
   * The names of every environment and {@link #allDesired()} read together, from the table's index
   * where the store can (eventually consistent): what the resync reads every period.
   */
  DesiredScan scanDesired();

  /**
   * Writes the desired state if the item's version is still {@code expectedVersion} (0 when the
   * item must not exist yet), and records an audit entry. A hand edit found in the item is recorded
   * (as {@link #adoptHandEdit} would) before it is replaced; a malformed item is replaced when
   * {@code expectedVersion} is the version {@link DesiredRead.Invalid} reported.
   *
   * @throws ConflictException when someone else wrote first
   */
  default StoredDesired writeDesired(
      String environment, DesiredState desired, long expectedVersion, Via via) {
    return writeDesired(environment, desired, expectedVersion, via, false);
  }

  /**
   * As {@link #writeDesired(String, DesiredState, long, Via)}, and pins the change against the
   * schedule when {@code pinned} ({@code wake --pin}): it then holds past the schedule's next edge,
   * until its {@code until} or for good.
   *
   * @throws ConflictException when someone else wrote first
   */
  StoredDesired writeDesired(
      String environment, DesiredState desired, long expectedVersion, Via via, boolean pinned);

  /**
   * Takes over a desired item someone edited by hand (read as {@link DesiredRead.Valid} with {@code
   * handEdited}): records it in the audit with {@link Via#DYNAMODB} and stamps it with the next
   * version, leaving the requested state as the person wrote it. Call it when a read first shows
   * the hand edit; the environment is driven by the item either way.
   *
   * @param seen the item as read
   * @return the item as stamped
   * @throws ConflictException when the item changed after {@code seen} was read
   */
  StoredDesired adoptHandEdit(String environment, StoredDesired seen);
}
