package dev.daybreak.reconcile;

import dev.daybreak.model.Requeue;
import dev.daybreak.queue.CauseChain;
import dev.daybreak.queue.Reconciler;
import dev.daybreak.queue.Result;
import dev.daybreak.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs reconcile passes, each environment again when its plan says, until every environment has
 * settled or a time budget is spent: what a scheduled Lambda invocation does, so that a multi-tier
 * wake does not wait a schedule period per tier. Single-threaded; passes that fail are retried
 * after {@link #AFTER_ERROR}.
 */
public final class UntilSettled {

  private static final Logger LOG = LoggerFactory.getLogger(UntilSettled.class);

  /** The wait before retrying a pass that threw. */
  static final Duration AFTER_ERROR = Duration.ofSeconds(5);

  private final Reconciler reconciler;
  private final Clock clock;
  private final Sleeper sleeper;

  public UntilSettled(Reconciler reconciler, Clock clock, Sleeper sleeper) {
    this.reconciler = reconciler;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * What a run did.
   *
   * @param settled environments whose last plan asked for nothing sooner than a drift check
   * @param unsettled environments still waking, sleeping or Degraded when the budget ran out
   * @param passes passes run
   * @param failedPasses passes that threw
   */
  public record Summary(
      List<String> settled, List<String> unsettled, int passes, int failedPasses) {
    public Summary {
      settled = List.copyOf(settled);
      unsettled = List.copyOf(unsettled);
    }
  }

  private record Due(Instant at, String environment) {}

  /** Reconciles {@code environments} until each settles or {@code budget} has passed. */
  public Summary run(List<String> environments, Duration budget) throws InterruptedException {
    Instant deadline = clock.instant().plus(budget);
    PriorityQueue<Due> queue =
        new PriorityQueue<>(Comparator.comparing(Due::at).thenComparing(Due::environment));
    Instant start = clock.instant();
    environments.forEach(env -> queue.add(new Due(start, env)));
    List<String> settled = new ArrayList<>();
    int passes = 0;
    int failed = 0;
    while (!queue.isEmpty() && !queue.peek().at().isAfter(deadline)) {
      Due next = queue.poll();
      sleeper.sleep(Duration.between(clock.instant(), next.at()));
      passes++;
      Duration again;
      try {
        Result result = reconciler.reconcile(next.environment());
        again = result.requeueAfter().orElse(Requeue.DRIFT_CHECK);
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          throw (InterruptedException) e;
        }
        failed++;
        if (TransientFailures.isTransient(e)) {
          LOG.warn(
              "pass of {} failed; again in {}: {}",
              next.environment(),
              AFTER_ERROR,
              CauseChain.of(e));
          LOG.debug("the failure of the pass of {}", next.environment(), e);
        } else {
          LOG.error(
              "pass of {} failed unexpectedly; again in {}", next.environment(), AFTER_ERROR, e);
        }
        again = AFTER_ERROR;
      }
      if (again.compareTo(Requeue.DRIFT_CHECK) >= 0) {
        settled.add(next.environment());
      } else {
        queue.add(new Due(clock.instant().plus(again), next.environment()));
      }
    }
    List<String> unsettled = queue.stream().map(Due::environment).sorted().toList();
    return new Summary(settled.stream().sorted().toList(), unsettled, passes, failed);
  }
}
