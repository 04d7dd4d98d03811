package dev.daybreak.slack;

import dev.daybreak.model.TransitionKind;
import dev.daybreak.store.NotificationThreads;
import dev.daybreak.time.Scheduler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces operations in Slack: one Block Kit message per wake or sleep, posted with {@code
 * chat.postMessage} and updated in place with {@code chat.update} as tiers progress, and a thread
 * reply per transition. Delivery goes through an {@link Outbox}, so {@link #announce} never waits
 * for Slack; where each message went is recorded in the store, so the thread survives a restart.
 */
public final class SlackNotifier implements Notifier {

  private static final Logger LOG = LoggerFactory.getLogger(SlackNotifier.class);

  /**
   * Transitions the message itself announces; every other kind also gets a thread reply. An
   * unusable desired item gets a message of its own that shows the problem: one message, no reply.
   */
  private static final Set<TransitionKind> NO_REPLY =
      Set.of(
          TransitionKind.WAKE_STARTED,
          TransitionKind.SLEEP_STARTED,
          TransitionKind.DESIRED_STATE_INVALID);

  private final SlackSettings settings;
  private final ChatMethods api;
  private final Outbox outbox;
  private final Optional<String> marker;
  private final Set<String> warnedWithoutChannel = ConcurrentHashMap.newKeySet();

  /**
   * @param marker what every message and reply begins with (e.g. {@code [dry run]}); a marked
   *     message mentions nobody and has no buttons
   */
  SlackNotifier(SlackSettings settings, ChatMethods api, Outbox outbox, Optional<String> marker) {
    this.settings = settings;
    this.api = api;
    this.outbox = outbox;
    this.marker = marker;
  }

  /**
   * A notifier that talks to the Web API at {@link SlackSettings#apiUrl()} with {@code token}.
   *
   * @param store where each operation's thread is recorded and found again (after a restart, or by
   *     another replica)
   * @param clock what message ages and rate-limit pauses are measured against
   * @param scheduler runs delayed retries; must match {@code clock}; the caller owns it
   */
  public static SlackNotifier create(
      SlackSettings settings,
      BotToken token,
      NotificationThreads store,
      Clock clock,
      Scheduler scheduler) {
    return create(settings, token, store, clock, scheduler, Optional.empty());
  }

  /**
   * A notifier as {@link #create} makes, whose every message and thread reply begins with {@code
   * marker} (a dry run's {@code [dry run]}), mentions nobody and offers no buttons.
   */
  public static SlackNotifier marked(
      String marker,
      SlackSettings settings,
      BotToken token,
      NotificationThreads store,
      Clock clock,
      Scheduler scheduler) {
    if (marker.isBlank()) {
      throw new IllegalArgumentException("a Slack message marker must not be blank");
    }
    return create(settings, token, store, clock, scheduler, Optional.of(marker));
  }

  private static SlackNotifier create(
      SlackSettings settings,
      BotToken token,
      NotificationThreads store,
      Clock clock,
      Scheduler scheduler,
      Optional<String> marker) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(store, "store");
    SlackWebApi api = new SlackWebApi(settings, token);
    return new SlackNotifier(
        settings, api, new Outbox(api, store, settings, clock, scheduler), marker);
  }

  @Override
  public void announce(Announcement a) {
    announce(a, List.of());
  }

  /**
   * Announces one pass as {@link #announce(Announcement)} does, with {@code notes} as thread
   * replies of plain text after the transitions' (a dry run's would-be calls). Notes are news: like
   * transitions, they may start the operation's message.
   */
  public void announce(Announcement a, List<String> notes) {
    try {
      Optional<String> channel = a.notifications().slackChannel().or(settings::defaultChannel);
      if (channel.isEmpty()) {
        if (warnedWithoutChannel.add(a.environment())) {
          LOG.warn(
              "Environment {} has no Slack channel: set spec.notifications.slackChannel in its"
                  + " manifest or a default channel; its notifications go to the log only",
              a.environment());
        }
        return;
      }
      List<SlackMessage> replies =
          a.transitions().stream()
              .filter(t -> !NO_REPLY.contains(t.kind()))
              .map(t -> SlackBlocks.reply(t, a, marker))
              .collect(Collectors.toCollection(ArrayList::new));
      notes.forEach(n -> replies.add(SlackBlocks.note(n, marker)));
      outbox.submit(
          a.environment(),
          a.operationId(),
          a.operation().startedAt(),
          channel.get(),
          !a.transitions().isEmpty() || !notes.isEmpty(),
          SlackBlocks.message(a, marker),
          replies);
    } catch (RuntimeException e) {
      LOG.error("Could not queue the Slack notification for environment {}", a.environment(), e);
    }
  }

  /**
   * Queues a message of its own in {@code channel} (a weekly savings digest): posted once, through
   * the same outbox, retries and limits as announcements; never blocks on Slack.
   *
   * @param key identifies the message (a second call with the same key only updates it)
   * @param text the message, mrkdwn
   */
  public void post(String key, String channel, String text) {
    try {
      outbox.submitStandalone(key, channel, SlackBlocks.standalone(text, marker));
    } catch (RuntimeException e) {
      LOG.error("Could not queue the Slack message {}", key, e);
    }
  }

  /** The channel of environments whose manifest names none. */
  public Optional<String> defaultChannel() {
    return settings.defaultChannel();
  }

  /** The outbox's counters. */
  public OutboxStats stats() {
    return outbox.stats();
  }

  /** Delivers what is pending within {@link SlackSettings#drainTimeout()}, then stops. */
  @Override
  public void close() {
    outbox.close(settings.drainTimeout());
    api.close();
  }
}
