package dev.daybreak.chatops;

import java.util.Objects;

/**
 * Who sent a command or clicked a button, and where.
 *
 * @param userId the Slack user id ({@code U...} or {@code W...})
 * @param userName the Slack user name, for people
 * @param channelId the channel the request came from
 */
public record Caller(String userId, String userName, String channelId) {

  public Caller {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(channelId, "channelId");
  }

  /** The {@code requestedBy} written to the desired item and the audit: id and name. */
  public String requestedBy() {
    return "slack:" + userId + " (" + userName + ")";
  }
}
