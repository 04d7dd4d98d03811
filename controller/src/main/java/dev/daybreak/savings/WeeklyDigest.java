package dev.daybreak.savings;

import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.ScheduleSpec;
import dev.daybreak.model.savings.EnvironmentSavings;
import dev.daybreak.store.DigestLedger;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.time.Scheduler;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly savings digest: on Monday at 09:00 (in each environment's schedule time zone, UTC
 * without a schedule), one message per Slack channel listing each environment of that channel whose
 * manifest says {@code spec.notify.slack.digest: weekly}, with what sleeping saved the week before,
 * and the total; a digest not sent within {@link #LATEST} of its time is skipped (the controller
 * was down). A channel's week is claimed in the state table ({@link DigestLedger}) before its
 * message is handed to the poster, so it goes out once across replicas and restarts. Checks run on
 * the injected {@link Scheduler} every {@link #CHECK_EVERY}.
 */
public final class WeeklyDigest implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WeeklyDigest.class);

  /** When the digest is due, in each environment's time zone. */
  public static final DayOfWeek DAY = DayOfWeek.MONDAY;

  /** The local time on {@link #DAY} the digest is due. */
  public static final LocalTime TIME = LocalTime.of(9, 0);

  /** How often the store is looked at for a digest that fell due. */
  public static final Duration CHECK_EVERY = Duration.ofMinutes(15);

  /**
   * How late a digest still goes out: a controller down all Monday (or started for the first time
   * later in the week) does not send last week's digest on, say, a Sunday.
   */
  public static final Duration LATEST = Duration.ofDays(1);

  /** How long a week's claim is kept (the table's TTL then deletes it). */
  static final Duration CLAIM_KEPT = Duration.ofDays(35);

  /** Where a digest is posted: {@code SlackNotifier::post} in production. */
  @FunctionalInterface
  public interface Poster {
    /** Queues {@code text} for {@code channel}; {@code key} identifies the message. */
    void post(String key, String channel, String text);
  }

  /**
   * One digest handed to the poster.
   *
   * @param channel the Slack channel
   * @param week the ISO week it was sent in, e.g. {@code 2026-W50}
   * @param text the message
   */
  public record Sent(String channel, String week, String text) {}

  private final StateStore store;
  private final SavingsService savings;
  private final DigestLedger ledger;
  private final Poster poster;
  private final Optional<String> defaultChannel;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Set<String> done = new HashSet<>();
  private Optional<Scheduler.Cancellable> next = Optional.empty();
  private boolean closed;

  public WeeklyDigest(
      StateStore store,
      SavingsService savings,
      Poster poster,
      Optional<String> defaultChannel,
      Clock clock,
      Scheduler scheduler) {
    this.store = Objects.requireNonNull(store, "store");
    this.savings = Objects.requireNonNull(savings, "savings");
    this.ledger = DigestLedger.on(store, clock);
    this.poster = Objects.requireNonNull(poster, "poster");
    this.defaultChannel = Objects.requireNonNull(defaultChannel, "defaultChannel");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  /** Checks now, then every {@link #CHECK_EVERY} until closed. */
  public synchronized WeeklyDigest start() {
    next = Optional.of(scheduler.schedule(Duration.ZERO, this::tick));
    return this;
  }

  private void tick() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      LOG.warn("Could not check the weekly savings digests; trying again in {}", CHECK_EVERY, e);
    }
    synchronized (this) {
      if (!closed) {
        next = Optional.of(scheduler.schedule(CHECK_EVERY, this::tick));
      }
    }
  }

  /**
   * Sends every digest that is due and that no process has claimed yet.
   *
   * @return the digests this call handed to the poster
   */
  public synchronized List<Sent> runOnce() {
    Instant now = clock.instant();
    Map<String, List<Member>> channels = new TreeMap<>();
    for (String name : store.environments()) {
      Optional<StoredEnvironment> stored = store.environment(name);
      if (stored.isEmpty() || !stored.get().spec().spec().notifications().weeklyDigest()) {
        continue;
      }
      EnvironmentSpec spec = stored.get().spec().spec();
      Optional<String> channel = spec.notifications().slackChannel().or(() -> defaultChannel);
      if (channel.isEmpty()) {
        LOG.warn("Environment {} asks for a weekly digest but has no Slack channel", name);
        continue;
      }
      ZoneId zone = spec.schedule().map(ScheduleSpec::timeZone).orElse(ZoneOffset.UTC);
      channels.computeIfAbsent(channel.get(), c -> new ArrayList<>()).add(new Member(name, zone));
    }
    List<Sent> sent = new ArrayList<>();
    channels.forEach(
        (channel, members) -> {
          LocalDate monday =
              members.stream()
                  .map(m -> lastDue(m.zone(), now))
                  .min(Comparator.naturalOrder())
                  .orElseThrow();
          String week = isoWeek(monday);
          Instant due =
              members.stream()
                  .map(m -> monday.atTime(TIME).atZone(m.zone()).toInstant())
                  .max(Comparator.naturalOrder())
                  .orElseThrow();
          if (done.contains(channel + "/" + week) || !now.isBefore(due.plus(LATEST))) {
            return;
          }
          List<EnvironmentSavings> rows = new ArrayList<>();
          for (Member m : members) {
            Instant from = monday.minusWeeks(1).atStartOfDay(m.zone()).toInstant();
            Instant to = monday.atStartOfDay(m.zone()).toInstant();
            savings.environment(m.name(), from, to).ifPresent(rows::add);
          }
          String text = text(monday.minusWeeks(1), rows, savings.pricing().table().date());
          boolean claimed = ledger.claim(channel, week, now.plus(CLAIM_KEPT));
          done.add(channel + "/" + week);
          if (claimed) {
            poster.post("digest/" + channel + "/" + week, channel, text);
            sent.add(new Sent(channel, week, text));
            LOG.info("Weekly savings digest {} queued for {}", week, channel);
          }
        });
    return sent;
  }

  @Override
  public synchronized void close() {
    closed = true;
    next.ifPresent(Scheduler.Cancellable::cancel);
  }

  /** The Monday whose {@link #TIME} in {@code zone} is the latest at or before {@code now}. */
  static LocalDate lastDue(ZoneId zone, Instant now) {
    LocalDate monday = LocalDate.ofInstant(now, zone).with(TemporalAdjusters.previousOrSame(DAY));
    return monday.atTime(TIME).atZone(zone).toInstant().isAfter(now)
        ? monday.minusWeeks(1)
        : monday;
  }

  /** {@code 2026-W50}. */
  static String isoWeek(LocalDate date) {
    return String.format(
        Locale.ROOT,
        "%d-W%02d",
        date.get(IsoFields.WEEK_BASED_YEAR),
        date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  /** The digest's text: one line per environment, the total, and the price table's date. */
  static String text(LocalDate weekStart, List<EnvironmentSavings> rows, LocalDate pricesDate) {
    StringBuilder b =
        new StringBuilder()
            .append("*Weekly savings digest*: what sleeping saved in the week of ")
            .append(weekStart)
            .append(" to ")
            .append(weekStart.plusDays(6))
            .append('\n');
    double dollars = 0;
    double hours = 0;
    for (EnvironmentSavings s : rows) {
      b.append("• ").append(s.environment()).append(": ").append(SavingsText.amount(s));
      if (s.noPrice().isEmpty() || s.dollars() > 0) {
        // SavingsText.amount already says the task-hours when nothing was priced.
        b.append(String.format(Locale.ROOT, " (%.1f task-hours)", s.taskHours()));
      }
      b.append('\n');
      dollars += s.dollars();
      hours += s.taskHours();
    }
    return b.append(String.format(Locale.ROOT, "*Total: $%.2f* (%.1f task-hours, ", dollars, hours))
        .append(rows.size() == 1 ? "1 environment" : rows.size() + " environments")
        .append("; Fargate prices of ")
        .append(pricesDate)
        .append(")")
        .toString();
  }

  private record Member(String name, ZoneId zone) {}
}
