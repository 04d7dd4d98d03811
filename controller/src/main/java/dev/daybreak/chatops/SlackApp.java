package dev.daybreak.chatops;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import dev.daybreak.slack.SlackSettings;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;

/** Builds the Bolt app that serves chat-ops, over HTTP or over Socket Mode. */
public final class SlackApp {

  /** Where Slack sends slash commands and interactions (the app manifest's URLs). */
  public static final String PATH = "/slack/events";

  /** The environment variable that holds the app-level token Socket Mode connects with. */
  public static final String APP_TOKEN_VARIABLE = "SLACK_APP_TOKEN";

  private SlackApp() {}

  /**
   * The endpoint for HTTP front ends. Bolt's own request verification is off because the {@link
   * RequestGuard} in front of it does the same check on the injected clock, and refuses replays and
   * oversized bodies too.
   */
  public static SlackEndpoint endpoint(
      SigningSecret secret, ChatOps chatOps, Clock clock, int maxBodyBytes) {
    return new SlackEndpoint(
        httpApp(secret, chatOps), new RequestGuard(secret, clock, maxBodyBytes));
  }

  /**
   * As {@link #endpoint(SigningSecret, ChatOps, Clock, int)}, and refusing a request whose
   * signature {@code replays} (the state table, shared by every instance) has seen before.
   */
  public static SlackEndpoint endpoint(
      SigningSecret secret, ChatOps chatOps, Clock clock, int maxBodyBytes, ReplayCheck replays) {
    return new SlackEndpoint(
        httpApp(secret, chatOps), new RequestGuard(secret, clock, maxBodyBytes, replays));
  }

  private static App httpApp(SigningSecret secret, ChatOps chatOps) {
    AppConfig config =
        config(SlackSettings.SLACK_API_URL)
            .signingSecret(secret.value())
            .requestVerificationEnabled(false)
            .build();
    return chatOps.register(new App(config));
  }

  /**
   * The Bolt app for Socket Mode: requests arrive over a WebSocket that Slack opened with the app
   * token, so there is no signature to check. {@code apps.connections.open} goes to {@code apiUrl}.
   */
  static App socketModeApp(ChatOps chatOps, URI apiUrl) {
    return chatOps.register(new App(config(apiUrl).build()));
  }

  /**
   * Bolt's configuration, independent of the process environment: Bolt would otherwise pick up
   * {@code SLACK_BOT_TOKEN} (the notifications' token) and call {@code auth.test} at Slack when the
   * app is built, whatever {@code --slack-api-url} says. Chat-ops never calls the Web API through
   * Bolt (it answers with acks and {@code response_url}), so it needs no token; the Web API client
   * Bolt holds (for Socket Mode's {@code apps.connections.open}) goes to {@code apiUrl}.
   */
  private static AppConfig.AppConfigBuilder config(URI apiUrl) {
    SlackConfig slack = new SlackConfig();
    // Stats would call auth.test for a team id and start background threads: not needed here.
    slack.setStatsEnabled(false);
    slack.setMethodsEndpointUrlPrefix(SlackSettings.normalize(apiUrl).toString());
    return AppConfig.builder()
        .slack(Slack.getInstance(slack))
        .singleTeamBotToken(null)
        .signingSecret(null)
        .verificationToken(null)
        .clientId(null)
        .clientSecret(null);
  }

  /**
   * Connects to Slack in Socket Mode with {@code appToken} (an {@code xapp-} token) and serves
   * chat-ops over it until closed: {@code apps.connections.open} at {@code apiUrl} (Slack's Web
   * API, {@link SlackSettings#SLACK_API_URL}, or a mock) gives the WebSocket URL to connect to.
   *
   * @throws IllegalArgumentException when the token is not an app-level token
   */
  public static SocketModeApp startSocketMode(String appToken, ChatOps chatOps, URI apiUrl)
      throws Exception {
    if (!appToken.startsWith("xapp-")) {
      throw new IllegalArgumentException(
          "expected an app-level token starting with xapp- in "
              + APP_TOKEN_VARIABLE
              + ", got one starting with '"
              + appToken.substring(0, Math.min(5, appToken.length()))
              + "'");
    }
    SocketModeApp socketMode;
    try {
      socketMode =
          new SocketModeApp(
              appToken, socketModeApp(chatOps, apiUrl), SocketModeClient.Backend.JavaWebSocket);
    } catch (IOException e) {
      throw new IOException("could not connect to Slack in Socket Mode: " + e.getMessage(), e);
    }
    socketMode.startAsync();
    return socketMode;
  }
}
