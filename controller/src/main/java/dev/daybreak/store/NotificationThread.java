package dev.daybreak.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the Slack message of one wake or sleep was posted: the thread its progress lands in. Kept
 * in the table (its own item, apart from the status) so that a restarted controller, another
 * replica, or the chat-ops front end can find the thread of an operation another process posted.
 *
 * @param environment the environment
 * @param operationId the operation's id, e.g. {@code seed/wake/2026-11-30T08:00:00Z}
 * @param operationStartedAt when the operation began (the status's {@code operationStartedAt});
 *     orders operations, so an older operation's thread never replaces a newer one's
 * @param channel the channel id Slack answered with
 * @param ts the message's timestamp, its id within the channel
 * @param postedAt when the message was posted
 */
public record NotificationThread(
    String environment,
    String operationId,
    Instant operationStartedAt,
    String channel,
    String ts,
    Instant postedAt) {

  public NotificationThread {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(operationStartedAt, "operationStartedAt");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(postedAt, "postedAt");
  }
}
