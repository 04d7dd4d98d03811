package dev.daybreak.chatops;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * How chat-ops behaves where a manifest says nothing.
 *
 * @param zone the zone {@code until 18:30} is read in for environments without a schedule zone
 * @param defaultUsers Slack user ids allowed on environments whose {@code spec.access.slack} is
 *     empty
 * @param defaultChannels Slack channel ids allowed on environments whose {@code spec.access.slack}
 *     is empty
 */
public record ChatOpsSettings(
    ZoneId zone, List<String> defaultUsers, List<String> defaultChannels) {

  public ChatOpsSettings {
    Objects.requireNonNull(zone, "zone");
    defaultUsers = List.copyOf(defaultUsers);
    defaultChannels = List.copyOf(defaultChannels);
  }
}
