package dev.daybreak.ecs;

import dev.daybreak.model.ObservedService;
import dev.daybreak.ratelimit.EcsQuotas;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Folds concurrent requests to observe services of one cluster into shared DescribeServices calls
 * of at most {@link EcsQuotas#DESCRIBE_SERVICES_MAX} services.
 *
 * <p>Per cluster, a request adds its services to a pending set (a service already pending is
 * shared, not added twice) and starts workers as needed, at most one per ten pending services.
 * After the coalescing window a worker waits for its turn in the rate limit ({@code pace}), then
 * takes up to ten pending services, describes them, completes everyone waiting on them, and goes
 * again until nothing is pending. So requests that arrive within the window, while a call waits for
 * quota, or while a call is in flight ride on the same calls; and a service is always described by
 * a call sent after it was asked for (never an older answer).
 */
final class DescribeBatcher {

  /**
   * Describes up to ten services of one cluster.
   *
   * @return an observation, or the reason there is none, for each service asked for
   */
  @FunctionalInterface
  interface BatchCall {
    Map<String, Result> describe(String cluster, List<String> services);
  }

  /** One service's outcome within a batch: an observation or an error. */
  sealed interface Result {
    /** The service was observed (possibly as MISSING). */
    record Observed(ObservedService service) implements Result {}

    /** ECS answered the batch but not for this service. */
    record Failed(EcsException error) implements Result {}
  }

  private final Runnable pace;
  private final BatchCall call;
  private final Duration window;
  private final int maxWorkersPerCluster;
  private final ScheduledExecutorService executor;
  private final Map<String, ClusterQueue> queues = new ConcurrentHashMap<>();

  /**
   * A batcher whose workers run on {@code executor}.
   *
   * @param pace waits for the rate limit's permission for one call; {@code call} must not wait
   *     again for its first attempt
   * @param call describes one batch
   * @param window how long a new worker waits for more requests before its first batch
   * @param maxWorkersPerCluster how many calls for one cluster may be under way at once
   */
  DescribeBatcher(
      Runnable pace,
      BatchCall call,
      Duration window,
      int maxWorkersPerCluster,
      ScheduledExecutorService executor) {
    this.pace = pace;
    this.call = call;
    this.window = window;
    this.maxWorkersPerCluster = maxWorkersPerCluster;
    this.executor = executor;
  }

  /** Observes {@code services} of {@code cluster}; blocks until all are described. */
  Map<String, ObservedService> observe(String cluster, Collection<String> services) {
    Map<String, CompletableFuture<ObservedService>> futures =
        queues.computeIfAbsent(cluster, ClusterQueue::new).enqueue(services);
    Map<String, ObservedService> out = new LinkedHashMap<>();
    try {
      CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new)).get();
      futures.forEach((name, future) -> out.put(name, future.join()));
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EcsException("Interrupted", "interrupted while observing " + cluster, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof EcsException ecs) {
        throw ecs;
      }
      throw new EcsException(
          "Unexpected", "observing " + cluster + " failed: " + e.getCause(), e.getCause());
    }
  }

  /** How many observe requests {@code cluster} has received (a metric; tests wait on it). */
  long requests(String cluster) {
    ClusterQueue queue = queues.get(cluster);
    return queue == null ? 0 : queue.requests();
  }

  private final class ClusterQueue {
    private final String cluster;
    private long requests;
    private final LinkedHashMap<String, CompletableFuture<ObservedService>> pending =
        new LinkedHashMap<>();
    private int workers;

    ClusterQueue(String cluster) {
      this.cluster = cluster;
    }

    synchronized long requests() {
      return requests;
    }

    synchronized Map<String, CompletableFuture<ObservedService>> enqueue(
        Collection<String> services) {
      requests++;
      Map<String, CompletableFuture<ObservedService>> mine = new LinkedHashMap<>();
      for (String s : services) {
        mine.put(s, pending.computeIfAbsent(s, k -> new CompletableFuture<>()));
      }
      int wanted =
          Math.min(
              maxWorkersPerCluster,
              (pending.size() + EcsQuotas.DESCRIBE_SERVICES_MAX - 1)
                  / EcsQuotas.DESCRIBE_SERVICES_MAX);
      while (workers < wanted) {
        try {
          executor.schedule(this::work, window.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
          throw new IllegalStateException("the ECS gateway is closed", e);
        }
        workers++;
      }
      return mine;
    }

    /**
     * Waits for the rate limit, then takes a batch (empty, and the worker retires, if none). If the
     * wait fails (the gateway is closing), everything pending fails with it.
     */
    private Map<String, CompletableFuture<ObservedService>> pacedTake() {
      synchronized (this) {
        if (pending.isEmpty()) {
          workers--;
          return Map.of();
        }
      }
      try {
        pace.run();
      } catch (RuntimeException e) {
        synchronized (this) {
          workers--;
          pending.values().forEach(f -> f.completeExceptionally(e));
          pending.clear();
        }
        return Map.of();
      }
      return take();
    }

    private synchronized Map<String, CompletableFuture<ObservedService>> take() {
      Map<String, CompletableFuture<ObservedService>> batch = new LinkedHashMap<>();
      var it = pending.entrySet().iterator();
      while (it.hasNext() && batch.size() < EcsQuotas.DESCRIBE_SERVICES_MAX) {
        var e = it.next();
        batch.put(e.getKey(), e.getValue());
        it.remove();
      }
      if (batch.isEmpty()) {
        workers--;
      }
      return batch;
    }

    private void work() {
      for (var batch = pacedTake(); !batch.isEmpty(); batch = pacedTake()) {
        try {
          Map<String, Result> results = call.describe(cluster, new ArrayList<>(batch.keySet()));
          batch.forEach((name, future) -> complete(future, name, results.get(name)));
        } catch (RuntimeException e) {
          batch.values().forEach(f -> f.completeExceptionally(e));
        } catch (Error e) {
          batch.values().forEach(f -> f.completeExceptionally(e));
          synchronized (this) {
            workers--;
          }
          throw e;
        }
      }
    }

    private void complete(CompletableFuture<ObservedService> future, String name, Result result) {
      if (result instanceof Result.Observed observed) {
        future.complete(observed.service());
      } else if (result instanceof Result.Failed failed) {
        future.completeExceptionally(failed.error());
      } else {
        future.completeExceptionally(
            new EcsException(
                "IncompleteResponse",
                "DescribeServices of " + cluster + " answered nothing for " + name,
                null));
      }
    }
  }
}
