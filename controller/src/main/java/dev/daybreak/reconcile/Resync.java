package dev.daybreak.reconcile;

import dev.daybreak.lease.Ownership;
import dev.daybreak.store.DesiredScan;
import dev.daybreak.store.DesiredStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads every desired item and queues the environments whose item or spec version changed since the
 * last read (or that are new), so a flip made by anyone — the CLI, Slack, or a raw DynamoDB edit —
 * and a new apply are acted on within one resync period. Unchanged environments are not queued:
 * they are already requeued by their own plans (quickly while waking or sleeping, for drift when
 * settled). Only environments this replica is responsible for are queued; one it is not is
 * forgotten, so it is queued as new as soon as this replica takes its shard over.
 */
final class Resync {

  private final DesiredStore store;
  private final Consumer<String> enqueue;
  private final Function<String, Optional<Ownership.Authority>> authority;
  private final Map<String, Object> lastSeen = new HashMap<>();

  Resync(
      DesiredStore store,
      Consumer<String> enqueue,
      Function<String, Optional<Ownership.Authority>> authority) {
    this.store = store;
    this.enqueue = enqueue;
    this.authority = authority;
  }

  /** One scan of every environment and desired item; returns the environments it queued. */
  synchronized List<String> run() {
    DesiredScan scan = store.scanDesired();
    List<String> environments = scan.environments();
    Map<String, Object> mine = new HashMap<>();
    for (String env : environments) {
      authority
          .apply(env)
          .ifPresent(a -> mine.put(env, List.of(scan.desiredOf(env), scan.specVersionOf(env), a)));
    }
    lastSeen.keySet().retainAll(mine.keySet());
    List<String> changed =
        environments.stream()
            .filter(mine::containsKey)
            .filter(env -> !Objects.equals(lastSeen.put(env, mine.get(env)), mine.get(env)))
            .toList();
    changed.forEach(enqueue);
    return changed;
  }
}
