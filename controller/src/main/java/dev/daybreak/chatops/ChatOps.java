package dev.daybreak.chatops;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import dev.daybreak.model.State;
import dev.daybreak.slack.SlackButtons;
import dev.daybreak.time.Scheduler;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bolt handlers: the {@code /daybreak} slash command and the buttons under daybreak's messages.
 * Every handler acks at once with no I/O; the work (reads, the desired-state write) runs on a
 * worker and its outcome goes back through the request's {@code response_url}. With {@link
 * Delivery#INLINE} (for Lambda) the work is done before the ack instead.
 *
 * <p>With {@link ThreadLinks}, a reply whose write drives an environment is followed up, once, with
 * a link to the operation's notification thread as soon as the controller has posted it (looked up
 * on the scheduler, never by a waiting thread), or, when none appears within the wait, with where
 * else to watch. So a request uses its {@code response_url} at most twice, well inside Slack's
 * limit of five uses in thirty minutes.
 */
public final class ChatOps implements AutoCloseable {

  /** How long a wake lasts when the command names no {@code for} or {@code until}. */
  public static final Duration DEFAULT_WAKE = Duration.ofHours(2);

  /** What "Keep awake +2h" adds. */
  public static final Duration KEEP_AWAKE = Duration.ofHours(2);

  /** Any slash command name: teams may register {@code /daybreak} under another name. */
  private static final Pattern ANY_COMMAND = Pattern.compile("^/.+$");

  /** The action ids of daybreak's own buttons, each with a handler of its own. */
  static final List<String> OWN_ACTIONS =
      List.of(SlackButtons.WAKE, SlackButtons.KEEP_AWAKE, SlackButtons.SLEEP_NOW);

  /**
   * Every action id but {@link #OWN_ACTIONS}. Bolt keeps its handlers in a hash map and runs the
   * first whose pattern matches the whole id, in no set order, so this catch-all must not match an
   * id that has a handler of its own.
   */
  static final Pattern OTHER_ACTIONS =
      Pattern.compile(
          "(?!(?:"
              + String.join("|", OWN_ACTIONS.stream().map(Pattern::quote).toList())
              + ")\\z).*",
          Pattern.DOTALL);

  private static final Logger LOG = LoggerFactory.getLogger(ChatOps.class);

  /** When a handler's work (reads, the desired-state write) is done, relative to Slack's ack. */
  public enum Delivery {
    /** Ack at once; the work runs on a worker and its reply goes to the response_url. */
    DEFERRED,
    /**
     * The work runs before the ack, and a slash command's reply is the ack itself: for AWS Lambda,
     * which freezes whatever runs after the response. One conditional write fits Slack's 3 s.
     */
    INLINE
  }

  private final Commands commands;
  private final Delivery delivery;
  private final Optional<ThreadLinks> links;
  private final ExecutorService workers;
  private final Set<FollowUp> followUps = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * Chat-ops whose replies are not followed by a thread link: for front ends that cannot wait after
   * answering (a Lambda is frozen once it has responded).
   */
  public ChatOps(Commands commands) {
    this(commands, Delivery.DEFERRED, Optional.empty());
  }

  /** Chat-ops delivered as {@code delivery} says, without thread links. */
  public ChatOps(Commands commands, Delivery delivery) {
    this(commands, delivery, Optional.empty());
  }

  /** Chat-ops that follow each write's reply up with a link to its thread; closes {@code links}. */
  public ChatOps(Commands commands, ThreadLinks links) {
    this(commands, Delivery.DEFERRED, Optional.of(links));
  }

  private ChatOps(Commands commands, Delivery delivery, Optional<ThreadLinks> links) {
    this.commands = commands;
    this.delivery = delivery;
    this.links = links;
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
    app.blockAction(OTHER_ACTIONS, (req, ctx) -> notOurs(req.getPayload(), ctx));
    return app;
  }

  /**
   * A click on a button daybreak never drew (a forged payload, or a message from an older or
   * another app): acked, so Slack does not show an error, and answered without changing anything.
   */
  private com.slack.api.bolt.response.Response notOurs(
      BlockActionPayload payload, ActionContext ctx) {
    String actionId =
        Untrusted.echo(
            payload.getActions().stream()
                .findFirst()
                .map(BlockActionPayload.Action::getActionId)
                .orElse(""));
    LOG.info("ignored a click on button '{}': not one of daybreak's", actionId);
    Reply reply =
        Reply.ephemeral(
            ":no_entry: this button (`"
                + actionId
                + "`) is not one of daybreak's ("
                + String.join(", ", OWN_ACTIONS.stream().map(id -> "`" + id + "`").toList())
                + "); nothing was changed.");
    return action(payload, ctx, (caller, environment) -> reply);
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
    if (delivery == Delivery.INLINE) {
      Reply reply = commands.run(command, caller, typed);
      return ctx.ack(
          r ->
              r.responseType(reply.responseType())
                  .text(reply.text())
                  .blocks(reply.blocks().isEmpty() ? null : reply.blocks()));
    }
    Optional<String> workspace = Optional.ofNullable(payload.getTeamDomain());
    later(
        () -> commands.run(command, caller, typed),
        workspace,
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
    Optional<String> workspace =
        Optional.ofNullable(payload.getTeam()).map(BlockActionPayload.Team::getDomain);
    later(
        () -> work.run(caller, environment),
        workspace,
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

  private void later(
      java.util.function.Supplier<Reply> work,
      Optional<String> workspace,
      Consumer<Reply> deliver) {
    if (delivery == Delivery.INLINE) {
      deliver.accept(work.get());
      return;
    }
    execute(
        () -> {
          Reply reply = work.get();
          deliver.accept(reply);
          reply.watch().ifPresent(watch -> followUp(watch, workspace, deliver));
        });
  }

  private void execute(Runnable task) {
    try {
      workers.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.warn("chat-ops is shutting down; a Slack request or follow-up was dropped");
    }
  }

  /** Starts looking for the watched operation's thread; delivers one follow-up either way. */
  private void followUp(Reply.Watch watch, Optional<String> workspace, Consumer<Reply> deliver) {
    if (links.isEmpty()) {
      return;
    }
    ThreadLinks l = links.get();
    FollowUp followUp =
        new FollowUp(watch, workspace, deliver, l.clock().instant().plus(l.waitFor()));
    followUps.add(followUp);
    if (closed) {
      finishUnlinked(followUp);
      return;
    }
    schedule(followUp, ThreadLinks.FIRST_POLL);
  }

  private void schedule(FollowUp followUp, Duration delay) {
    followUp.pending =
        links.get().scheduler().schedule(delay, () -> execute(() -> look(followUp, delay)));
  }

  private void look(FollowUp followUp, Duration delay) {
    if (followUp.done.get()) {
      return;
    }
    ThreadLinks l = links.get();
    Reply.Watch watch = followUp.watch;
    Optional<String> link;
    try {
      link = l.find(watch.environment(), watch.target(), followUp.workspace);
    } catch (RuntimeException e) {
      LOG.warn(
          "could not look up the notification thread of {}: {}", watch.environment(), e.toString());
      link = Optional.empty();
    }
    if (link.isPresent()) {
      finish(followUp, linked(watch, link.get()));
      return;
    }
    Instant now = l.clock().instant();
    if (closed || !now.isBefore(followUp.deadline)) {
      finishUnlinked(followUp);
      return;
    }
    schedule(followUp, l.nextPoll(delay, followUp.deadline));
  }

  private void finishUnlinked(FollowUp followUp) {
    finish(followUp, unlinked(followUp.watch, links.get().waitFor()));
  }

  private void finish(FollowUp followUp, Reply reply) {
    if (followUp.done.compareAndSet(false, true)) {
      followUps.remove(followUp);
      followUp.deliver.accept(reply);
    }
  }

  private static Reply linked(Reply.Watch watch, String link) {
    return Reply.inChannel(
        ":thread: Progress of the "
            + (watch.target() == State.AWAKE ? "wake" : "sleep")
            + " of `"
            + watch.environment()
            + "`: <"
            + link
            + "|notification thread>");
  }

  private static Reply unlinked(Reply.Watch watch, Duration waited) {
    return Reply.ephemeral(
        ":information_source: The change to `"
            + watch.environment()
            + "` is recorded; no notification thread appeared within "
            + waited.toSeconds()
            + "s (Slack notifications may be off for it, or no controller is running)."
            + " Watch it with `daybreak watch "
            + watch.environment()
            + "`.");
  }

  private static void respond(IoAction send) {
    try {
      send.run();
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not deliver a chat-ops reply to its response_url: {}", e.toString());
    }
  }

  /**
   * Stops looking for threads (each pending follow-up says where to watch instead), waits briefly
   * for replies in flight, then stops the workers and closes the {@link ThreadLinks}.
   */
  @Override
  public void close() {
    closed = true;
    for (FollowUp followUp : followUps) {
      Optional.ofNullable(followUp.pending).ifPresent(Scheduler.Cancellable::cancel);
      execute(() -> finishUnlinked(followUp));
    }
    workers.shutdown();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
    links.ifPresent(ThreadLinks::close);
  }

  /** One reply waiting for its thread. */
  private static final class FollowUp {
    final Reply.Watch watch;
    final Optional<String> workspace;
    final Consumer<Reply> deliver;
    final Instant deadline;
    final AtomicBoolean done = new AtomicBoolean();
    volatile Scheduler.Cancellable pending;

    FollowUp(
        Reply.Watch watch, Optional<String> workspace, Consumer<Reply> deliver, Instant deadline) {
      this.watch = watch;
      this.workspace = workspace;
      this.deliver = deliver;
      this.deadline = deadline;
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
