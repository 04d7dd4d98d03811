package dev.daybreak.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Who may change the environment from Slack.
 *
 * @param slackUsers Slack user ids allowed to wake or sleep it
 * @param slackChannels Slack channel ids from which anyone may wake or sleep it
 * @param maxWake the longest {@code for} a chat command may ask for
 */
public record AccessSpec(List<String> slackUsers, List<String> slackChannels, Duration maxWake) {

  /** {@code spec.access.maxWake} when the manifest names none. */
  public static final Duration DEFAULT_MAX_WAKE = Duration.ofHours(12);

  public AccessSpec {
    slackUsers = List.copyOf(slackUsers);
    slackChannels = List.copyOf(slackChannels);
    Objects.requireNonNull(maxWake, "maxWake");
  }

  public static AccessSpec defaults() {
    return new AccessSpec(List.of(), List.of(), DEFAULT_MAX_WAKE);
  }
}
