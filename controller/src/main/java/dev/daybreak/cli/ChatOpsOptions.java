package dev.daybreak.cli;

import dev.daybreak.chatops.ChatOps;
import dev.daybreak.chatops.ChatOpsSettings;
import dev.daybreak.chatops.Commands;
import dev.daybreak.chatops.RequestGuard;
import dev.daybreak.chatops.SigningSecretSource;
import dev.daybreak.chatops.SlackApp;
import dev.daybreak.chatops.SlackHttpHandler;
import dev.daybreak.http.HttpEndpoints;
import dev.daybreak.store.StateStore;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** Chat-ops options of {@code daybreak run} (a picocli mixin). */
final class ChatOpsOptions {

  @Option(
      names = "--slack-allow-user",
      paramLabel = "USER_ID",
      description =
          "Slack user id allowed to wake and sleep environments whose spec.access.slack is empty"
              + " (repeatable).")
  List<String> allowUsers = new ArrayList<>();

  @Option(
      names = "--slack-allow-channel",
      paramLabel = "CHANNEL_ID",
      description =
          "Slack channel id from which anyone may wake and sleep environments whose"
              + " spec.access.slack is empty (repeatable).")
  List<String> allowChannels = new ArrayList<>();

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      description =
          "The zone `/daybreak wake ENV until 18:30` is read in when the environment's schedule"
              + " names none, e.g. Asia/Tokyo. Default: the system's.")
  ZoneId zone;

  /**
   * Serves chat-ops at {@link SlackApp#PATH} on {@code endpoints} when a signing secret is
   * configured; the returned handle stops its workers.
   */
  AutoCloseable mount(
      HttpEndpoints endpoints,
      StateStore store,
      Consumer<String> trigger,
      CliContext context,
      SigningSecretSource secrets,
      PrintWriter out) {
    var secret = secrets.signingSecret();
    if (secret.isEmpty()) {
      out.println("chat-ops off: " + secrets.description() + " is not set");
      return () -> {};
    }
    ChatOpsSettings settings =
        new ChatOpsSettings(
            Optional.ofNullable(zone).orElse(context.zone()), allowUsers, allowChannels);
    ChatOps chatOps = new ChatOps(new Commands(store, settings, context.clock(), trigger));
    endpoints.mount(
        SlackApp.PATH,
        new SlackHttpHandler(
            SlackApp.endpoint(
                secret.get(), chatOps, context.clock(), RequestGuard.DEFAULT_MAX_BODY_BYTES)));
    out.println("serving Slack commands and interactions at " + SlackApp.PATH);
    return chatOps;
  }
}
