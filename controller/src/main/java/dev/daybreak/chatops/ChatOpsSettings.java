package dev.daybreak.chatops;

import dev.daybreak.reconcile.ClusterAllowlist;
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
 * @param clusters the ECS clusters the controller acts on (its {@code --clusters} / {@value
 *     ClusterAllowlist#VARIABLE}); a wake or sleep for an environment on any other is refused, as
 *     the controller would never carry it out
 */
public record ChatOpsSettings(
    ZoneId zone,
    List<String> defaultUsers,
    List<String> defaultChannels,
    ClusterAllowlist clusters) {

  public ChatOpsSettings {
    Objects.requireNonNull(zone, "zone");
    defaultUsers = List.copyOf(defaultUsers);
    defaultChannels = List.copyOf(defaultChannels);
    Objects.requireNonNull(clusters, "clusters");
  }

  /** Settings acting on every cluster. */
  public ChatOpsSettings(ZoneId zone, List<String> defaultUsers, List<String> defaultChannels) {
    this(zone, defaultUsers, defaultChannels, ClusterAllowlist.any());
  }

  /** The same settings, acting only on {@code allowed}. */
  public ChatOpsSettings withClusters(ClusterAllowlist allowed) {
    return new ChatOpsSettings(zone, defaultUsers, defaultChannels, allowed);
  }
}
