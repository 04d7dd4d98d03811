package dev.daybreak.slack;

import dev.daybreak.model.TransitionKind;
import dev.daybreak.store.StateStore;
import dev.daybreak.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Slack for the deterministic simulation: the real {@link SlackNotifier} and {@link Outbox}, with
 * deliveries run as tasks on the simulation's {@link Scheduler} (no delivery threads) and a
 * scripted Web API behind them that answers each call as the simulation decides: success, HTTP 429
 * with a Retry-After, a 5xx, or a hang that ends in the client's timeout.
 *
 * <p>It also keeps the ledger for "no silent loss": every thread reply the notifier was handed (an
 * announcement with transitions is always accepted unless the outbox is full, and then it is
 * counted as dropped) and the latest content of each environment's latest operation must reach
 * Slack, or be counted as given up or dropped.
 */
public final class SimSlack implements Notifier {

  /** How the scripted Slack answers one call. */
  public enum Answer {
    /** 200 ok. */
    OK,
    /** HTTP 429 with the given Retry-After. */
    RATE_LIMITED,
    /** HTTP 503. */
    SERVER_ERROR,
    /** No answer within the client's timeout (the script has already let that time pass). */
    TIMEOUT
  }

  /** A scripted answer; {@code retryAfter} only for {@link Answer#RATE_LIMITED}. */
  public record Response(Answer answer, Duration retryAfter) {
    public static final Response OK = new Response(Answer.OK, Duration.ZERO);
  }

  /**
   * The simulated Slack workspace every replica posts to: one message store and one ts sequence, so
   * a replica that continues a thread another replica (or its own earlier incarnation) recorded in
   * the store updates that very message, as in Slack. A later update (from the replica that now
   * owns the environment) may replace what another delivered, so the ledger asks whether a content
   * was ever delivered, not whether it is still shown.
   */
  public static final class Workspace {
    private final Set<String> delivered = new HashSet<>();
    private long nextTs = 1;

    private String post(String text) {
      String ts = Long.toString(nextTs++);
      delivered.add(text);
      return ts;
    }

    private void update(String text) {
      delivered.add(text);
    }
  }

  /** Transitions the message itself announces, as in {@link SlackNotifier}: no thread reply. */
  private static final Set<TransitionKind> NO_REPLY =
      Set.of(TransitionKind.WAKE_STARTED, TransitionKind.SLEEP_STARTED);

  private final SlackNotifier notifier;
  private final Api api;
  private long expectedReplies;
  private final Map<String, String> latestOperation = new HashMap<>();
  private final Map<String, Announcement> latestAnnouncement = new HashMap<>();

  private SimSlack(
      SlackSettings settings, Api api, StateStore store, Clock clock, Scheduler scheduler) {
    this.api = api;
    this.notifier =
        new SlackNotifier(
            settings,
            api,
            new Outbox(api, store, settings, clock, scheduler, true),
            Optional.empty());
  }

  /**
   * A notifier whose deliveries run on {@code scheduler} and whose Web API answers with {@code
   * script}, called with the method's name ({@code chat.postMessage}, {@code chat.update}); each
   * operation's thread is recorded in {@code store}, as in production.
   */
  public static SimSlack create(
      String channel,
      Workspace workspace,
      StateStore store,
      Clock clock,
      Scheduler scheduler,
      Function<String, Response> script) {
    SlackSettings settings = SlackSettings.builder().defaultChannel(channel).build();
    return new SimSlack(settings, new Api(script, workspace), store, clock, scheduler);
  }

  @Override
  public void announce(Announcement a) {
    if (!a.transitions().isEmpty()) {
      expectedReplies += a.transitions().stream().filter(t -> !NO_REPLY.contains(t.kind())).count();
      latestOperation.put(a.environment(), a.operationId());
    }
    if (a.operationId().equals(latestOperation.get(a.environment()))) {
      latestAnnouncement.put(a.environment(), a);
    }
    notifier.announce(a);
  }

  /** The outbox's counters. */
  public OutboxStats stats() {
    return notifier.stats();
  }

  /** Calls the scripted Slack answered with 429. */
  public long rateLimited() {
    return api.rateLimited;
  }

  /**
   * Messages handed to the outbox that neither reached Slack nor were counted (given up or
   * dropped): the thread replies missing from Slack plus the environments whose latest message
   * content Slack does not show, less what the outbox counted. Positive means silent loss.
   */
  public long unaccounted() {
    long missing = Math.max(0, expectedReplies - api.replies);
    for (Announcement a : latestAnnouncement.values()) {
      if (!api.workspace.delivered.contains(SlackBlocks.message(a).text())) {
        missing++;
      }
    }
    OutboxStats s = notifier.stats();
    return missing - s.givenUp() - s.dropped();
  }

  @Override
  public void close() {
    api.close();
  }

  /** The scripted Web API: a message store that answers as the script says. */
  private static final class Api implements ChatMethods {
    private final Function<String, Response> script;
    private final Workspace workspace;
    private long replies;
    private long rateLimited;

    Api(Function<String, Response> script, Workspace workspace) {
      this.script = script;
      this.workspace = workspace;
    }

    @Override
    public Posted post(String channel, Optional<String> threadTs, SlackMessage message)
        throws DeliveryException {
      answer("chat.postMessage");
      if (threadTs.isPresent()) {
        replies++;
        return new Posted(channel, threadTs.get());
      }
      return new Posted(channel, workspace.post(message.text()));
    }

    @Override
    public void update(String channel, String ts, SlackMessage message) throws DeliveryException {
      answer("chat.update");
      workspace.update(message.text());
    }

    private void answer(String method) throws DeliveryException {
      Response r = script.apply(method);
      switch (r.answer()) {
        case OK -> {}
        case RATE_LIMITED -> {
          rateLimited++;
          throw DeliveryException.rateLimited(r.retryAfter());
        }
        case SERVER_ERROR ->
            throw DeliveryException.of(DeliveryException.Kind.RETRYABLE, method + ": HTTP 503");
        case TIMEOUT ->
            throw DeliveryException.of(
                DeliveryException.Kind.RETRYABLE, method + ": SocketTimeoutException timeout");
      }
    }

    @Override
    public void close() {}
  }
}
