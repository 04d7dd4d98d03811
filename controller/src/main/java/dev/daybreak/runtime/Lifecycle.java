package dev.daybreak.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an application opened, closed in reverse order of creation: a mode's module hands each
 * resource it provides to {@link #own} as it is created, so whatever was built on a resource (the
 * Slack notifier on the scheduler and the store, the controller on all of them) is closed before
 * it. One per injector; the application object closes it last.
 */
public final class Lifecycle implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

  /** Something owned, with the name its close is logged under. */
  private record Owned(String name, AutoCloseable resource) {}

  private final Deque<Owned> owned = new ArrayDeque<>();
  private boolean closed;

  /**
   * Closes {@code resource} with this lifecycle, before everything owned earlier.
   *
   * @param name what it is, for the log if closing it fails
   * @return {@code resource}
   * @throws IllegalStateException when this lifecycle is already closed
   */
  public synchronized <T extends AutoCloseable> T own(String name, T resource) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(resource, "resource");
    if (closed) {
      throw new IllegalStateException("cannot own " + name + ": the application is closed");
    }
    owned.push(new Owned(name, resource));
    return resource;
  }

  /**
   * Closes what it owns, newest first; a failure is logged and the rest are closed all the same.
   * Closing twice closes nothing the second time.
   */
  @Override
  public void close() {
    while (true) {
      Owned next;
      synchronized (this) {
        closed = true;
        next = owned.poll();
      }
      if (next == null) {
        return;
      }
      try {
        next.resource().close();
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        LOG.warn("closing {} failed: {}", next.name(), e.toString());
      }
    }
  }
}
