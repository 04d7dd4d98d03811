package dev.daybreak.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import dev.daybreak.metrics.ReconcileMetrics;
import dev.daybreak.reconcile.CachedReads;
import dev.daybreak.reconcile.Controller;
import dev.daybreak.reconcile.ControllerSettings;
import dev.daybreak.reconcile.EnvironmentReconciler;
import dev.daybreak.savings.WeeklyDigest;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a mode runs, the one object its entry point asks its injector for: the seams its module
 * bound, the reconciler and its metrics, the long-running {@link Controller} when the mode has one.
 * Closing it closes everything the injector opened and everything handed to {@link #own}, in
 * reverse order of creation (the controller before the notifier, the notifier before the store and
 * the scheduler).
 */
public final class Application implements AutoCloseable {

  private final Lifecycle lifecycle;
  private final Backends backends;
  private final EnvironmentReconciler reconciler;
  private final CachedReads reads;
  private final ReconcileMetrics metrics;
  private final ControllerSettings settings;
  private final Provider<Controller> controllers;
  private Controller controller;

  @Inject
  Application(
      Lifecycle lifecycle,
      Backends backends,
      EnvironmentReconciler reconciler,
      CachedReads reads,
      ReconcileMetrics metrics,
      ControllerSettings settings,
      Provider<Controller> controllers) {
    this.lifecycle = lifecycle;
    this.backends = backends;
    this.reconciler = reconciler;
    this.reads = reads;
    this.metrics = metrics;
    this.settings = settings;
    this.controllers = controllers;
  }

  /**
   * The application of a mode: an injector over {@code modules} (a mode's module and a {@link
   * ControllerModule}) in {@link Stage#PRODUCTION}, so every singleton is built, and fails, here
   * rather than midway. No classpath scanning: only what the modules bind. When building fails,
   * what was already opened is closed.
   */
  public static Application create(Module... modules) {
    return create(Application.class, modules);
  }

  /**
   * As {@link #create(Module...)}, for a mode whose application object is {@code type} (which
   * closes the {@link Application} it is given).
   */
  public static <T extends AutoCloseable> T create(Class<T> type, Module... modules) {
    Lifecycle lifecycle = new Lifecycle();
    List<Module> all = new ArrayList<>(List.of(modules));
    all.add(
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(Lifecycle.class).toInstance(lifecycle);
          }
        });
    try {
      return Guice.createInjector(Stage.PRODUCTION, all).getInstance(type);
    } catch (CreationException | ProvisionException e) {
      lifecycle.close();
      throw unwrapped(e);
    }
  }

  /**
   * A failure of one of the modules' own code as it was thrown (Guice reports it again, as a new
   * exception, for each binding that needed it; e.g. a malformed bot token's {@link
   * IllegalStateException}), so a command reports it as it would without Guice.
   */
  private static RuntimeException unwrapped(RuntimeException e) {
    Collection<Message> errors =
        e instanceof CreationException c
            ? c.getErrorMessages()
            : ((ProvisionException) e).getErrorMessages();
    Throwable first = errors.iterator().next().getCause();
    boolean oneFailure =
        errors.stream()
            .map(Message::getCause)
            .allMatch(
                c ->
                    c != null
                        && first != null
                        && c.getClass() == first.getClass()
                        && Objects.equals(c.getMessage(), first.getMessage()));
    return oneFailure && first instanceof RuntimeException r ? r : e;
  }

  /** The seams, as the mode bound them. */
  public Backends backends() {
    return backends;
  }

  /** The reconciler, for a mode that runs passes itself ({@code reconcile --once}, Lambda). */
  public EnvironmentReconciler reconciler() {
    return reconciler;
  }

  /**
   * The reads the reconciler makes through the store, remembered ({@link CachedReads}): what the
   * serverless mode notes of each run's passes.
   */
  public CachedReads reads() {
    return reads;
  }

  /** The reconcile metrics (the Degraded count published to CloudWatch). */
  public ReconcileMetrics metrics() {
    return metrics;
  }

  /** The weekly savings digest, when the notifier is Slack's ({@link Digests}). */
  public Optional<WeeklyDigest> weeklyDigest() {
    return Digests.of(backends, settings.pricing());
  }

  /** The long-running controller, built on first call (not started) and closed with the rest. */
  public synchronized Controller controller() {
    if (controller == null) {
      controller = lifecycle.own("controller", controllers.get());
    }
    return controller;
  }

  /** Closes {@code resource} with the application, before everything created earlier. */
  public <T extends AutoCloseable> T own(String name, T resource) {
    return lifecycle.own(name, resource);
  }

  @Override
  public void close() {
    lifecycle.close();
  }
}
