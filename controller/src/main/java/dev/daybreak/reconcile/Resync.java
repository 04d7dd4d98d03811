package dev.daybreak.reconcile;

import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.StateStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads every desired item and queues the environments whose item changed since the last read (or
 * that are new), so a flip made by anyone — the CLI, Slack, or a raw DynamoDB edit — is acted on
 * within one resync period. Unchanged environments are not queued: they are already requeued by
 * their own plans (quickly while waking or sleeping, for drift when settled).
 */
final class Resync {

  private final StateStore store;
  private final Consumer<String> enqueue;
  private final Map<String, Object> lastSeen = new HashMap<>();

  Resync(StateStore store, Consumer<String> enqueue) {
    this.store = store;
    this.enqueue = enqueue;
  }

  /** One read of every desired item; returns the environments it queued. */
  synchronized List<String> run() {
    List<String> environments = store.environments();
    Map<String, DesiredRead> desired = store.allDesired();
    lastSeen.keySet().retainAll(environments);
    List<String> changed =
        environments.stream()
            .filter(
                env -> {
                  Object now = desired.getOrDefault(env, new DesiredRead.Absent());
                  return !Objects.equals(lastSeen.put(env, now), now);
                })
            .toList();
    changed.forEach(enqueue);
    return changed;
  }
}
