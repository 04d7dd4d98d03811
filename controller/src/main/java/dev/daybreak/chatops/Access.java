package dev.daybreak.chatops;

import dev.daybreak.model.AccessSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who may change an environment from Slack: the users and channels of its {@code
 * spec.access.slack}; when both lists are empty, the configured default lists; otherwise nobody.
 */
final class Access {

  private Access() {}

  /** Why {@code caller} may not change {@code environment}, or empty when they may. */
  static Optional<String> refusal(
      String environment, AccessSpec access, ChatOpsSettings settings, Caller caller) {
    boolean own = !access.slackUsers().isEmpty() || !access.slackChannels().isEmpty();
    List<String> users = own ? access.slackUsers() : settings.defaultUsers();
    List<String> channels = own ? access.slackChannels() : settings.defaultChannels();
    if (users.contains(caller.userId()) || channels.contains(caller.channelId())) {
      return Optional.empty();
    }
    List<String> who = new ArrayList<>();
    users.forEach(u -> who.add("<@" + u + ">"));
    channels.forEach(c -> who.add("anyone in <#" + c + ">"));
    if (who.isEmpty()) {
      return Optional.of(
          "Nobody may change `"
              + environment
              + "` from Slack: its manifest lists no users or channels under"
              + " `spec.access.slack` and no default allowlist is configured.");
    }
    return Optional.of(
        "You may not change `"
            + environment
            + "` from Slack. Who may: "
            + String.join(", ", who)
            + (own ? " (its `spec.access.slack`)." : " (the default allowlist)."));
  }
}
