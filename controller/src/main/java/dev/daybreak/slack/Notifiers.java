package dev.daybreak.slack;

import dev.daybreak.store.NotificationThreads;
import dev.daybreak.time.Scheduler;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the production notifier: Slack when a bot token is configured, the log otherwise. */
public final class Notifiers {

  private static final Logger LOG = LoggerFactory.getLogger(Notifiers.class);

  private Notifiers() {}

  /**
   * A {@link SlackNotifier} when {@code secrets} holds a bot token, else a {@link LogNotifier}
   * (with a warning, once, at start). Slack threads are recorded in {@code store}.
   *
   * @throws IllegalStateException when a token is configured but malformed or unreadable
   */
  public static Notifier create(
      SlackSettings settings,
      SecretSource secrets,
      NotificationThreads store,
      Clock clock,
      Scheduler scheduler) {
    Optional<BotToken> token = secrets.botToken();
    if (token.isEmpty()) {
      LOG.warn("No Slack bot token in {}: notifications go to the log only", secrets.description());
      return new LogNotifier();
    }
    LOG.info(
        "Slack notifications via {} (token from {})", settings.apiUrl(), secrets.description());
    return SlackNotifier.create(settings, token.get(), store, clock, scheduler);
  }

  /**
   * A {@link SlackNotifier#marked marked} Slack notifier when {@code secrets} holds a bot token,
   * else empty (silently: {@link #create} has already said where notifications go).
   *
   * @throws IllegalStateException when a token is configured but malformed or unreadable
   */
  public static Optional<SlackNotifier> marked(
      String marker,
      SlackSettings settings,
      SecretSource secrets,
      NotificationThreads store,
      Clock clock,
      Scheduler scheduler) {
    return secrets
        .botToken()
        .map(token -> SlackNotifier.marked(marker, settings, token, store, clock, scheduler));
  }
}
