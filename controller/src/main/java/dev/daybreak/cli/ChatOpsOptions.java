package dev.daybreak.cli;

import com.slack.api.bolt.socket_mode.SocketModeApp;
import dev.daybreak.chatops.ChatOps;
import dev.daybreak.chatops.ChatOpsSettings;
import dev.daybreak.chatops.Commands;
import dev.daybreak.chatops.RawResponse;
import dev.daybreak.chatops.RequestGuard;
import dev.daybreak.chatops.SigningSecretSource;
import dev.daybreak.chatops.SlackApp;
import dev.daybreak.chatops.SlackEndpoint;
import dev.daybreak.chatops.SlackHttpHandler;
import dev.daybreak.chatops.ThreadLinks;
import dev.daybreak.http.HttpEndpoints;
import dev.daybreak.reconcile.ClusterAllowlist;
import dev.daybreak.slack.Permalinks;
import dev.daybreak.slack.SecretSource;
import dev.daybreak.slack.SlackSettings;
import dev.daybreak.store.ReplayLedger;
import dev.daybreak.store.StateStore;
import dev.daybreak.time.Scheduler;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Chat-ops options of {@code daybreak run} (a picocli mixin). */
final class ChatOpsOptions {

  @Option(
      names = "--slack-allow-user",
      split = ",",
      paramLabel = "USER_ID",
      description =
          "Slack user id allowed to wake and sleep environments whose spec.access.slack is empty"
              + " (repeatable, or comma-separated). Env: DAYBREAK_SLACK_ALLOW_USERS.")
  List<String> allowUsers = new ArrayList<>();

  @Option(
      names = "--slack-allow-channel",
      split = ",",
      paramLabel = "CHANNEL_ID",
      description =
          "Slack channel id from which anyone may wake and sleep environments whose"
              + " spec.access.slack is empty (repeatable, or comma-separated)."
              + " Env: DAYBREAK_SLACK_ALLOW_CHANNELS.")
  List<String> allowChannels = new ArrayList<>();

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      description =
          "The zone `/daybreak wake ENV until 18:30` is read in when the environment's schedule"
              + " names none, e.g. Asia/Tokyo. Env: DAYBREAK_ZONE. Default: the system's.")
  ZoneId zone;

  /**
   * Serves chat-ops at {@link SlackApp#PATH} on {@code endpoints} when a signing secret is
   * configured; the returned handle stops its workers.
   *
   * @param clusters the controller's cluster allowlist; chat-ops refuses environments elsewhere
   * @param links makes the thread links that follow replies up (one per chat-ops, closed with it)
   */
  AutoCloseable mount(
      HttpEndpoints endpoints,
      StateStore store,
      Consumer<String> trigger,
      ClusterAllowlist clusters,
      CliContext context,
      SigningSecretSource secrets,
      Supplier<ThreadLinks> links,
      PrintWriter out) {
    var secret = secrets.signingSecret();
    if (secret.isEmpty()) {
      out.println("chat-ops off: " + secrets.description() + " is not set");
      return () -> {};
    }
    ChatOps chatOps = chatOps(store, trigger, clusters, context, links);
    SlackEndpoint endpoint =
        SlackApp.endpoint(
            secret.get(),
            chatOps,
            context.clock(),
            RequestGuard.DEFAULT_MAX_BODY_BYTES,
            ReplayLedger.on(store, context.clock())::firstSeen);
    RawResponse warm = endpoint.warmUp();
    if (warm.status() != 200) {
      out.println("chat-ops warm-up answered " + warm.status() + ": " + warm.body().strip());
    }
    endpoints.mount(SlackApp.PATH, new SlackHttpHandler(endpoint));
    out.println("serving Slack commands and interactions at " + SlackApp.PATH);
    return chatOps;
  }

  /**
   * Connects to Slack in Socket Mode ({@code daybreak run --slack-socket-mode}); the returned
   * handle disconnects.
   *
   * @param clusters the controller's cluster allowlist; chat-ops refuses environments elsewhere
   * @param apiUrl the Slack Web API base ({@code --slack-api-url}), where the connection is opened
   * @param links makes the thread links that follow replies up (closed with the connection)
   * @throws ParameterException when the flag is given without {@value SlackApp#APP_TOKEN_VARIABLE}
   */
  AutoCloseable socketMode(
      CommandSpec spec,
      StateStore store,
      Consumer<String> trigger,
      ClusterAllowlist clusters,
      CliContext context,
      Map<String, String> environment,
      URI apiUrl,
      Supplier<ThreadLinks> links,
      PrintWriter out)
      throws Exception {
    String token = environment.get(SlackApp.APP_TOKEN_VARIABLE);
    if (token == null || token.isBlank()) {
      throw new ParameterException(
          spec.commandLine(),
          "--slack-socket-mode needs an app-level token (xapp-...) in the environment variable "
              + SlackApp.APP_TOKEN_VARIABLE);
    }
    ChatOps chatOps = chatOps(store, trigger, clusters, context, links);
    try {
      SocketModeApp app = SlackApp.startSocketMode(token.trim(), chatOps, apiUrl);
      out.println("serving Slack commands and interactions over Socket Mode");
      return () -> {
        try (chatOps) {
          app.close();
        }
      };
    } catch (IllegalArgumentException e) {
      chatOps.close();
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } catch (Exception e) {
      chatOps.close();
      throw e;
    }
  }

  private ChatOps chatOps(
      StateStore store,
      Consumer<String> trigger,
      ClusterAllowlist clusters,
      CliContext context,
      Supplier<ThreadLinks> links) {
    return new ChatOps(
        new Commands(store, settings(context.zone(), clusters), context.clock(), trigger),
        links.get());
  }

  /** Chat-ops settings from these options; {@code --zone}, else {@code fallback}. */
  ChatOpsSettings settings(ZoneId fallback, ClusterAllowlist clusters) {
    return new ChatOpsSettings(
        Optional.ofNullable(zone).orElse(fallback), allowUsers, allowChannels, clusters);
  }

  /**
   * Thread links over {@code store}, asking Slack for permalinks with the bot token in {@code
   * secrets} when there is one.
   */
  static ThreadLinks threadLinks(
      StateStore store,
      SlackSettings slack,
      SecretSource secrets,
      Clock clock,
      Scheduler scheduler) {
    Permalinks permalinks =
        secrets
            .botToken()
            .map(token -> Permalinks.viaApi(slack, token))
            .orElseGet(Permalinks::archiveOnly);
    return new ThreadLinks(store, permalinks, clock, scheduler, ThreadLinks.DEFAULT_WAIT);
  }
}
