package dev.daybreak.production;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.daybreak.lease.LeaseSettings;
import dev.daybreak.lease.Ownership;
import dev.daybreak.lease.ShardLeases;
import dev.daybreak.runtime.Lifecycle;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.TableLeaseStore;
import dev.daybreak.time.Monotonic;
import java.time.Clock;
import java.util.Objects;

/**
 * Shard leases in the state table as the controller's {@link Ownership} ({@code daybreak run}): the
 * bound store (a dry run's keeps its lease writes in memory), stamped on the bound clock, their
 * durations measured on the bound monotonic source. Not started: the application starts them.
 */
public final class LeasesModule extends AbstractModule {

  private final LeaseSettings settings;

  public LeasesModule(LeaseSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  protected void configure() {
    bind(Ownership.class).to(ShardLeases.class);
  }

  @Provides
  @Singleton
  ShardLeases leases(StateStore store, Clock clock, Monotonic monotonic, Lifecycle lifecycle) {
    return lifecycle.own(
        "shard leases", new ShardLeases(TableLeaseStore.on(store), clock, monotonic, settings));
  }
}
