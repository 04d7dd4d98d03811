package dev.daybreak.queue;

/**
 * Handles one key taken from a {@link WorkQueue}. The queue guarantees that no two calls for the
 * same key overlap.
 */
@FunctionalInterface
public interface Reconciler {

  /**
   * Brings the thing named by {@code key} one step closer to what it should be.
   *
   * @return when to look at the key again
   * @throws Exception on any failure: the queue retries the key with per-key exponential backoff
   */
  Result reconcile(String key) throws Exception;
}
