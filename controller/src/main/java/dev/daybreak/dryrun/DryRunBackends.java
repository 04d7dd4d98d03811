package dev.daybreak.dryrun;

import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.runtime.Backends;
import dev.daybreak.scaling.ScalingGateway;
import dev.daybreak.slack.Notifier;
import dev.daybreak.store.DryRunStateStore;
import dev.daybreak.store.StateStore;
import dev.daybreak.time.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A controller's backends for a dry run ({@code run --dry-run}, {@code reconcile --once
 * --dry-run}): reads go to the real store and ECS; writes go nowhere. ECS calls become {@link
 * WouldBeCalls}, RegisterScalableTarget calls become announced lines ({@link
 * DryRunScalingGateway}); store writes (status, leases, audit, threads) are kept in memory by a
 * {@link DryRunStateStore}, so the loop progresses in its head; transitions are announced as lines,
 * never to Slack. It needs only read permissions.
 */
public final class DryRunBackends implements Backends {

  private static final Logger LOG = LoggerFactory.getLogger(DryRunBackends.class);

  private final Backends real;
  private final DryRunStateStore store;
  private final WouldBeCalls calls;
  private final DryRunEcsGateway ecs;
  private final DryRunScalingGateway scaling;
  private final DryRunNotifier notifier;

  /**
   * @param real what is read (its notifier is not used)
   * @param announcer where would-be calls and the transitions concluded in the head are announced
   */
  public DryRunBackends(Backends real, Consumer<String> announcer) {
    this.real = real;
    this.store =
        DryRunStateStore.over(
            real.store(), real.clock(), key -> LOG.debug("dry run: kept in memory: {}", key));
    this.calls = new WouldBeCalls(store, real.clock(), announcer);
    this.ecs = new DryRunEcsGateway(real.ecs(), calls);
    this.scaling = new DryRunScalingGateway(real.scaling(), announcer);
    this.notifier = new DryRunNotifier(announcer);
  }

  /** The calls not made. */
  public WouldBeCalls calls() {
    return calls;
  }

  @Override
  public Clock clock() {
    return real.clock();
  }

  @Override
  public Scheduler scheduler() {
    return real.scheduler();
  }

  @Override
  public StateStore store() {
    return store;
  }

  @Override
  public EcsGateway ecs() {
    return ecs;
  }

  @Override
  public ScalingGateway scaling() {
    return scaling;
  }

  @Override
  public Notifier notifier() {
    return notifier;
  }

  @Override
  public MeterRegistry meters() {
    return real.meters();
  }

  /** Leaves the real backends open: whoever made them closes them. */
  @Override
  public void close() {}
}
