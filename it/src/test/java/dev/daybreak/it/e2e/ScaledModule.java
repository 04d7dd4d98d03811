package dev.daybreak.it.e2e;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.daybreak.runtime.Lifecycle;
import dev.daybreak.time.ExecutorScheduler;
import dev.daybreak.time.Monotonic;
import dev.daybreak.time.ScaledScheduler;
import dev.daybreak.time.Scheduler;
import java.time.Clock;
import java.util.Objects;

/**
 * Overrides the production module's time for a controller running on a clock {@code speed} times
 * faster than the real one (the stack's {@link dev.daybreak.time.ScaledClock}): its clock reads
 * that clock, durations are measured on it and its requeues wait on a {@link ScaledScheduler} of
 * the same speed. The store, the ECS and Slack clients stay the production ones; their own retries
 * keep real time, as the servers they talk to do.
 */
final class ScaledModule extends AbstractModule {

  private final Clock clock;
  private final double speed;

  ScaledModule(Clock clock, double speed) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.speed = speed;
  }

  @Override
  protected void configure() {
    bind(Clock.class).toInstance(clock);
    bind(Monotonic.class).toInstance(Monotonic.elapsedOn(clock));
  }

  @Provides
  @Singleton
  Scheduler scheduler(Lifecycle lifecycle) {
    return new ScaledScheduler(
        lifecycle.own("scheduler", new ExecutorScheduler("scaled-backends")), speed);
  }
}
