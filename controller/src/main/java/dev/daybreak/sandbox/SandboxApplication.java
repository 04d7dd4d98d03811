package dev.daybreak.sandbox;

import dev.daybreak.ecs.EcsGateway;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.State;
import dev.daybreak.reconcile.Controller;
import dev.daybreak.runtime.Application;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.Via;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * The sandbox's application ({@link SandboxModule}): the controller over the simulator and the
 * in-memory store, and what the demo does by hand (set the desired state as the CLI would). Closing
 * it closes everything, newest first.
 */
final class SandboxApplication implements AutoCloseable {

  private final Application application;
  private final EcsSimServer server;
  private final InMemoryStateStore store;
  private final Clock clock;

  @Inject
  SandboxApplication(
      Application application, EcsSimServer server, InMemoryStateStore store, Clock clock) {
    this.application = application;
    this.server = server;
    this.store = store;
    this.clock = clock;
  }

  /** Where the simulator listens, for any AWS client. */
  EcsSimServer server() {
    return server;
  }

  Clock clock() {
    return clock;
  }

  InMemoryStateStore store() {
    return store;
  }

  EcsGateway ecs() {
    return application.backends().ecs();
  }

  /** The controller, not started. */
  Controller controller() {
    return application.controller();
  }

  /** Closes {@code resource} with the sandbox, before everything created earlier. */
  <T extends AutoCloseable> T own(String name, T resource) {
    return application.own(name, resource);
  }

  /**
   * Sets the environment's desired state the way the CLI does (via {@code cli}, as "sandbox"), over
   * whatever version the item has now.
   */
  void setDesired(String environment, State state, Set<String> services, String reason) {
    long version =
        store.desired(environment) instanceof DesiredRead.Valid v ? v.stored().version() : 0;
    store.writeDesired(
        environment,
        new DesiredState(state, Optional.empty(), services, "sandbox", reason, clock.instant()),
        version,
        Via.CLI);
  }

  @Override
  public void close() {
    application.close();
  }
}
