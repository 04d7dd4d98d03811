package dev.daybreak.slack;

/**
 * Where the reconciler hands what a pass has to say. Implementations never block the caller and
 * never throw: delivery problems are theirs to retry, log and count.
 */
public interface Notifier extends AutoCloseable {

  /**
   * Announces one pass. Call it after every pass: an announcement with transitions starts (or
   * continues) the operation's message; one without transitions only refreshes a message already
   * started, so a settled environment does not post anything new.
   */
  void announce(Announcement announcement);

  /**
   * Delivers what is still pending within the implementation's drain timeout, then releases its
   * resources. Announcements after close are dropped.
   */
  @Override
  default void close() {}
}
