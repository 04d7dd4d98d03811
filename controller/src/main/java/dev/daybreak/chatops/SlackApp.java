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
    AppConfig config =
        AppConfig.builder().signingSecret(secret.value()).requestVerificationEnabled(false).build();
    App app = chatOps.register(new App(config));
    return new SlackEndpoint(app, new RequestGuard(secret, clock, maxBodyBytes));
  }

  /**
   * The Bolt app for Socket Mode: requests arrive over a WebSocket that Slack opened with the app
   * token, so there is no signature to check. {@code apps.connections.open} goes to {@code apiUrl}.
   */
  static App socketModeApp(ChatOps chatOps, URI apiUrl) {
    SlackConfig config = new SlackConfig();
    // Stats would call auth.test and start background threads: not needed here.
    config.setStatsEnabled(false);
    config.setMethodsEndpointUrlPrefix(SlackSettings.normalize(apiUrl).toString());
    return chatOps.register(new App(AppConfig.builder().slack(Slack.getInstance(config)).build()));
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
