package dev.daybreak.chatops;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import java.time.Clock;

/** Builds the Bolt app that serves chat-ops, and the endpoint in front of it. */
public final class SlackApp {

  /** Where Slack sends slash commands and interactions (the app manifest's URLs). */
  public static final String PATH = "/slack/events";

  private SlackApp() {}

  /**
   * The endpoint for HTTP front ends. Bolt's own request verification is off because the {@link
   * RequestGuard} in front of it does the same check on the injected clock, and refuses replays and
   * oversized bodies too.
   */
  public static SlackEndpoint endpoint(
      SigningSecret secret, ChatOps chatOps, Clock clock, int maxBodyBytes) {
    AppConfig config =
        AppConfig.builder().signingSecret(secret.value()).requestVerificationEnabled(false).build();
    App app = chatOps.register(new App(config));
    return new SlackEndpoint(app, new RequestGuard(secret, clock, maxBodyBytes));
  }
}
