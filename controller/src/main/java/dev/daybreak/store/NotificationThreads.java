package dev.daybreak.store;

import java.util.Optional;

/**
 * The role of a {@link StateStore} that remembers where each environment's latest operation was
 * announced in Slack, so a restart or another process continues the same thread.
 */
public interface NotificationThreads {

  /**
   * The Slack thread of the environment's latest announced operation, as recorded by {@link
   * #recordNotificationThread}; empty when none was recorded or the item is malformed (a new
   * message then replaces it).
   */
  Optional<NotificationThread> notificationThread(String environment);

  /**
   * Records where an operation's notification message was posted, in an item of its own (never the
   * status item, so it does not contend with the controller's fenced status writes), unless the
   * item already records a newer operation.
   *
   * @return true when recorded; false when a newer operation's thread was kept
   */
  boolean recordNotificationThread(NotificationThread thread);
}
