package dev.daybreak.cli;

import dev.daybreak.slack.SlackSettings;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The Slack options of the commands that run the controller; mix in with {@code @Mixin}. The bot
 * token is never an option (it would show in process listings): it comes from {@code
 * SLACK_BOT_TOKEN}.
 */
public final class SlackOptions {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  private URI apiUrl = SlackSettings.SLACK_API_URL;
  private Optional<String> defaultChannel = Optional.empty();

  @Option(
      names = "--slack-api-url",
      paramLabel = "URL",
      description =
          "Slack Web API base (default: https://slack.com/api/); e.g. a mock's URL."
              + " Env: DAYBREAK_SLACK_API_URL.")
  void apiUrl(URI url) {
    try {
      this.apiUrl = SlackSettings.normalize(url);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "Invalid value for option '--slack-api-url': " + e.getMessage());
    }
  }

  @Option(
      names = "--slack-channel",
      paramLabel = "CHANNEL",
      description =
          "Slack channel for environments whose manifest names none. Env: DAYBREAK_SLACK_CHANNEL.")
  void defaultChannel(String channel) {
    if (channel.isBlank()) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid value for option '--slack-channel': expected a channel name or id, was blank");
    }
    this.defaultChannel = Optional.of(channel.strip());
  }

  /** Slack settings from these options, other settings at their defaults. */
  public SlackSettings settings() {
    return SlackSettings.builder().apiUrl(apiUrl).defaultChannel(defaultChannel).build();
  }
}
