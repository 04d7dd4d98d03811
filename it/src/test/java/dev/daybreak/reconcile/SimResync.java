package dev.daybreak.reconcile;

import dev.daybreak.lease.Ownership;
import dev.daybreak.store.StateStore;
import java.util.List;
import java.util.function.Consumer;

/**
 * The controller's real {@link Resync} for the deterministic simulation, which runs it on its own
 * virtual-clock schedule instead of the controller's timer thread.
 */
public final class SimResync {

  private final Resync resync;

  /** A resync that queues with {@code enqueue} what {@code ownership} lets this replica act on. */
  public SimResync(StateStore store, Consumer<String> enqueue, Ownership ownership) {
    this.resync = new Resync(store, enqueue, ownership::authority);
  }

  /** One read of every desired item; returns the environments it queued. */
  public List<String> run() {
    return resync.run();
  }
}
