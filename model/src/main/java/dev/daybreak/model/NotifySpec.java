package dev.daybreak.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an environment's transitions are announced.
 *
 * @param slackChannel the Slack channel id or name; the controller's default when empty
 * @param mentionOnDegraded Slack user or group ids mentioned when the environment is Degraded
 * @param weeklyDigest whether the environment is listed in its channel's weekly savings digest
 *     ({@code spec.notify.slack.digest: weekly})
 */
public record NotifySpec(
    Optional<String> slackChannel, List<String> mentionOnDegraded, boolean weeklyDigest) {

  public NotifySpec {
    Objects.requireNonNull(slackChannel, "slackChannel");
    mentionOnDegraded = List.copyOf(mentionOnDegraded);
  }

  /** A spec without the weekly digest. */
  public NotifySpec(Optional<String> slackChannel, List<String> mentionOnDegraded) {
    this(slackChannel, mentionOnDegraded, false);
  }

  public static NotifySpec defaults() {
    return new NotifySpec(Optional.empty(), List.of());
  }
}
