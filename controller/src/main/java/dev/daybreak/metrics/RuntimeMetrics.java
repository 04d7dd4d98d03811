package dev.daybreak.metrics;

import dev.daybreak.lease.ShardLeases;
import dev.daybreak.queue.WorkQueue;
import dev.daybreak.slack.OutboxStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/** Gauges and counters read from the runtime's own counters when Prometheus scrapes. */
public final class RuntimeMetrics {

  /** Environments waiting in the work queue. */
  public static final String QUEUE_DEPTH = "daybreak.queue.depth";

  /** Environments being reconciled right now. */
  public static final String QUEUE_IN_FLIGHT = "daybreak.queue.in.flight";

  /** Shards whose lease this replica holds (and may act on). */
  public static final String LEASES_HELD = "daybreak.leases.held";

  /** 1 for each shard whose lease this replica holds, 0 for the others, tagged {@code shard}. */
  public static final String LEASE_HELD = "daybreak.lease.held";

  /** Slack Web API calls, tagged {@code outcome}. */
  public static final String SLACK_DELIVERIES = "daybreak.slack.deliveries";

  /** Slack messages waiting for delivery. */
  public static final String SLACK_PENDING = "daybreak.slack.pending";

  private RuntimeMetrics() {}

  public static void queue(MeterRegistry registry, WorkQueue queue) {
    Gauge.builder(QUEUE_DEPTH, queue, WorkQueue::depth)
        .description("Environments waiting in the work queue")
        .register(registry);
    Gauge.builder(QUEUE_IN_FLIGHT, queue, WorkQueue::inFlight)
        .description("Environments being reconciled now")
        .register(registry);
  }

  public static void leases(MeterRegistry registry, ShardLeases leases) {
    Gauge.builder(LEASES_HELD, leases, l -> l.heldShards().size())
        .description("Shards whose lease this replica holds")
        .register(registry);
    for (int shard = 0; shard < leases.shards(); shard++) {
      int s = shard;
      Gauge.builder(LEASE_HELD, leases, l -> l.heldShards().contains(s) ? 1 : 0)
          .description("1 when this replica holds the shard's lease")
          .tag("shard", Integer.toString(shard))
          .register(registry);
    }
  }

  public static void slack(MeterRegistry registry, Supplier<OutboxStats> stats) {
    delivery(registry, stats, "delivered", OutboxStats::delivered);
    delivery(registry, stats, "retried", OutboxStats::retried);
    delivery(registry, stats, "given_up", OutboxStats::givenUp);
    delivery(registry, stats, "dropped", OutboxStats::dropped);
    Gauge.builder(SLACK_PENDING, stats, s -> s.get().pending())
        .description("Slack messages waiting for delivery")
        .register(registry);
  }

  private static void delivery(
      MeterRegistry registry,
      Supplier<OutboxStats> stats,
      String outcome,
      ToLongFunction<OutboxStats> count) {
    FunctionCounter.builder(SLACK_DELIVERIES, stats, s -> count.applyAsLong(s.get()))
        .description("Slack Web API calls and messages, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }
}
