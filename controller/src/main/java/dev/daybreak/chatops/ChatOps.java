package dev.daybreak.chatops;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import dev.daybreak.slack.SlackButtons;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bolt handlers: the {@code /daybreak} slash command and the buttons under daybreak's messages.
 * Every handler acks at once with no I/O; the work (reads, the desired-state write) runs on a
 * worker and its outcome goes back through the request's {@code response_url}.
 */
public final class ChatOps implements AutoCloseable {

  /** How long a wake lasts when the command names no {@code for} or {@code until}. */
  public static final Duration DEFAULT_WAKE = Duration.ofHours(2);

  /** What "Keep awake +2h" adds. */
  public static final Duration KEEP_AWAKE = Duration.ofHours(2);

  /** Any slash command name: teams may register {@code /daybreak} under another name. */
  private static final Pattern ANY_COMMAND = Pattern.compile("^/.+$");

  private static final Logger LOG = LoggerFactory.getLogger(ChatOps.class);

  private final Commands commands;
  private final ExecutorService workers;

  public ChatOps(Commands commands) {
    this.commands = commands;
    this.workers =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "daybreak-chatops");
              t.setDaemon(true);
              return t;
            });
  }

  /** Registers the command and button handlers on {@code app}; returns it. */
  public App register(App app) {
    app.command(ANY_COMMAND, (req, ctx) -> command(req.getPayload(), ctx));
    app.blockAction(
        SlackButtons.WAKE,
        (req, ctx) -> action(req.getPayload(), ctx, (c, env) -> commands.wakeButton(c, env)));
    app.blockAction(
        SlackButtons.KEEP_AWAKE,
        (req, ctx) -> action(req.getPayload(), ctx, (c, env) -> commands.keepAwake(c, env)));
    app.blockAction(
        SlackButtons.SLEEP_NOW,
        (req, ctx) -> action(req.getPayload(), ctx, (c, env) -> commands.sleepNow(c, env)));
    return app;
  }

  private com.slack.api.bolt.response.Response command(
      SlashCommandPayload payload, SlashCommandContext ctx) {
    String text = Untrusted.fromSlack(Optional.ofNullable(payload.getText()).orElse(""));
    String typed = (payload.getCommand() + " " + text).trim();
    ChatCommand command;
    try {
      command = CommandParser.parse(text);
    } catch (UsageException e) {
      return ack(ctx, Reply.usage(e.getMessage()));
    }
    if (command instanceof ChatCommand.Help) {
      return ack(ctx, Reply.ephemeral(CommandParser.USAGE));
    }
    Caller caller =
        new Caller(
            orEmpty(payload.getUserId()),
            orEmpty(payload.getUserName()),
            orEmpty(payload.getChannelId()));
    later(
        () -> commands.run(command, caller, typed),
        reply ->
            respond(
                () ->
                    ctx.respond(
                        r ->
                            r.responseType(reply.responseType())
                                .text(reply.text())
                                .blocks(reply.blocks().isEmpty() ? null : reply.blocks()))));
    return ack(ctx, Reply.ephemeral("`" + Untrusted.echo(typed) + "`: on it…"));
  }

  private com.slack.api.bolt.response.Response action(
      BlockActionPayload payload, ActionContext ctx, ButtonWork work) {
    String environment =
        payload.getActions().stream()
            .findFirst()
            .map(BlockActionPayload.Action::getValue)
            .orElse("");
    Caller caller =
        new Caller(
            orEmpty(payload.getUser().getId()),
            Optional.ofNullable(payload.getUser().getUsername())
                .orElse(orEmpty(payload.getUser().getName())),
            payload.getChannel() == null ? "" : orEmpty(payload.getChannel().getId()));
    later(
        () -> work.run(caller, environment),
        reply ->
            respond(
                () ->
                    ctx.respond(
                        r ->
                            r.responseType(reply.responseType())
                                .replaceOriginal(false)
                                .text(reply.text())
                                .blocks(reply.blocks().isEmpty() ? null : reply.blocks()))));
    return ctx.ack();
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static com.slack.api.bolt.response.Response ack(SlashCommandContext ctx, Reply reply) {
    return ctx.ack(r -> r.responseType(reply.responseType()).text(reply.text()));
  }

  private void later(java.util.function.Supplier<Reply> work, Consumer<Reply> deliver) {
    try {
      workers.execute(() -> deliver.accept(work.get()));
    } catch (RejectedExecutionException e) {
      LOG.warn("chat-ops is shutting down; a Slack request was dropped before any write");
    }
  }

  private static void respond(IoAction send) {
    try {
      send.run();
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not deliver a chat-ops reply to its response_url: {}", e.toString());
    }
  }

  /** Waits briefly for replies in flight, then stops the workers. */
  @Override
  public void close() {
    workers.shutdown();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
  }

  @FunctionalInterface
  private interface ButtonWork {
    Reply run(Caller caller, String environment);
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }
}
