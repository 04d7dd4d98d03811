package dev.daybreak.reconcile;

import dev.daybreak.lease.Ownership;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.savings.Downtime;
import dev.daybreak.store.StateStore;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a pass's status under this replica's authority: checked right before the write (observing
 * ECS can take a while), and fenced by the lease epoch, so a replica that stalls between here and
 * the write loses it. Logs as the pass ({@link EnvironmentReconciler}'s logger).
 */
final class StatusWriter {

  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentReconciler.class);

  private final StateStore store;
  private final Ownership ownership;

  StatusWriter(StateStore store, Ownership ownership) {
    this.store = store;
    this.ownership = ownership;
  }

  /**
   * Writes {@code status} over version {@code previousVersion}, recording the downtimes that ended
   * first (idempotent: a status write that then loses a race records them again, over the same
   * items).
   *
   * @return the authority it was written under; empty when the environment's shard was lost during
   *     the pass (nothing written)
   * @throws dev.daybreak.store.ConflictException when the status changed since it was read
   */
  Optional<Ownership.Authority> write(
      String name, EnvironmentStatus status, long previousVersion, List<Downtime> ended) {
    Optional<Ownership.Authority> authority = ownership.authority(name);
    if (authority.isEmpty()) {
      LOG.info("lost this environment's shard during the pass; not acting");
      return authority;
    }
    if (!ended.isEmpty()) {
      store.recordDowntimes(name, ended);
    }
    if (authority.get().fence().isPresent()) {
      store.writeStatus(name, status, previousVersion, authority.get().fence().get());
    } else {
      store.writeStatus(name, status, previousVersion);
    }
    return authority;
  }
}
