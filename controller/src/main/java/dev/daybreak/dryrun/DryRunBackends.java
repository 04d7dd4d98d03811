package dev.daybreak.dryrun;

import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.runtime.Backends;
import dev.daybreak.scaling.ScalingGateway;
import dev.daybreak.slack.Notifier;
import dev.daybreak.slack.SlackNotifier;
import dev.daybreak.store.DryRunStateStore;
import dev.daybreak.store.StateStore;
import dev.daybreak.time.Monotonic;
import dev.daybreak.time.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A controller's backends for a dry run ({@code run --dry-run}, {@code reconcile --once
 * --dry-run}): reads go to the real store and ECS; writes go nowhere. ECS calls become {@link
 * WouldBeCalls}, RegisterScalableTarget calls become announced lines ({@link
 * DryRunScalingGateway}); store writes (status, leases, audit, threads) are kept in memory by a
 * {@link DryRunStateStore}, so the loop progresses in its head; transitions and would-be calls are
 * announced as lines and, when Slack is configured, in Slack marked as a dry run ({@link
 * DryRunNotifier}). It needs only read permissions.
 */
public final class DryRunBackends implements Backends, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DryRunBackends.class);

  private final Backends real;
  private final DryRunStateStore store;
  private final WouldBeCalls calls;
  private final DryRunEcsGateway ecs;
  private final DryRunScalingGateway scaling;
  private final DryRunNotifier notifier;

  /**
   * @param real what is read (its notifier is not used: it records threads in the real store)
   * @param announcer where would-be calls and the transitions concluded in the head are printed
   * @param slack given the dry run's store, the Slack notifier that announces them too (recording
   *     its threads in that store), if Slack is configured; closed with these backends
   */
  public DryRunBackends(
      Backends real,
      Consumer<String> announcer,
      Function<StateStore, Optional<SlackNotifier>> slack) {
    this.real = real;
    this.store =
        DryRunStateStore.over(
            real.store(), real.clock(), key -> LOG.debug("dry run: kept in memory: {}", key));
    this.notifier = new DryRunNotifier(announcer, slack.apply(store));
    this.calls =
        new WouldBeCalls(
            store,
            real.clock(),
            call -> {
              announcer.accept(call.line());
              notifier.called(call);
            });
    this.ecs = new DryRunEcsGateway(real.ecs(), calls);
    this.scaling = new DryRunScalingGateway(real.scaling(), announcer);
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
  public Monotonic monotonic() {
    return real.monotonic();
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

  /**
   * Delivers the dry run's pending Slack messages and stops its notifier; leaves the real backends
   * open (whoever made them closes them, after this).
   */
  @Override
  public void close() {
    notifier.close();
  }
}
