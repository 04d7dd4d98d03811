package dev.daybreak.chatops;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import java.io.IOException;
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
   * As {@link #endpoint(SigningSecret, ChatOps, Clock, int)}, and refusing a request whose
   * signature {@code replays} (the state table, shared by every instance) has seen before.
   */
  public static SlackEndpoint endpoint(
      SigningSecret secret, ChatOps chatOps, Clock clock, int maxBodyBytes, ReplayCheck replays) {
    AppConfig config =
        AppConfig.builder().signingSecret(secret.value()).requestVerificationEnabled(false).build();
    App app = chatOps.register(new App(config));
    return new SlackEndpoint(app, new RequestGuard(secret, clock, maxBodyBytes, replays));
  }

  /**
   * The Bolt app for Socket Mode: requests arrive over a WebSocket that Slack opened with the app
   * token, so there is no signature to check.
   */
  static App socketModeApp(ChatOps chatOps) {
    return chatOps.register(new App(AppConfig.builder().build()));
  }

  /**
   * Connects to Slack in Socket Mode with {@code appToken} (an {@code xapp-} token) and serves
   * chat-ops over it until closed.
   *
   * @throws IllegalArgumentException when the token is not an app-level token
   */
  public static SocketModeApp startSocketMode(String appToken, ChatOps chatOps) throws Exception {
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
              appToken, socketModeApp(chatOps), SocketModeClient.Backend.JavaWebSocket);
    } catch (IOException e) {
      throw new IOException("could not connect to Slack in Socket Mode: " + e.getMessage(), e);
    }
    socketMode.startAsync();
    return socketMode;
  }
}
