package dev.daybreak.slack;

import dev.daybreak.model.InvalidDesired;
import dev.daybreak.model.Phase;
import dev.daybreak.model.ServiceEvent;
import dev.daybreak.model.Transition;
import dev.daybreak.model.TransitionKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/** The wording of notifications, shared by Slack, the log and the console. Plain text. */
final class MessageText {

  private MessageText() {}

  /** e.g. {@code Waking seed}, {@code seed is awake}. */
  static String title(Announcement a) {
    String env = a.environment();
    if (InvalidDesired.isInvalid(a.status())) {
      return env + ": the desired item cannot be used";
    }
    return switch (a.status().phase()) {
      case WAKING -> "Waking " + env;
      case AWAKE -> env + " is awake";
      case SLEEPING -> "Putting " + env + " to sleep";
      case ASLEEP -> env + " is asleep";
      case DEGRADED -> env + " is degraded (" + a.operation().verb() + ")";
    };
  }

  /** e.g. {@code Waking · tier 2 of 3}. */
  static String progress(Announcement a) {
    Phase phase = a.status().phase();
    int tier = a.status().currentTier();
    boolean moving = phase == Phase.WAKING || phase == Phase.SLEEPING || phase == Phase.DEGRADED;
    if (moving && tier >= 0 && a.tierCount() > 0) {
      return phase.displayName() + " · tier " + (tier + 1) + " of " + a.tierCount();
    }
    return phase.displayName();
  }

  /** e.g. {@code Requested by alice: standup at 9}. */
  static String requested(Announcement a) {
    return a.reason().isBlank()
        ? "Requested by " + a.requestedBy()
        : "Requested by " + a.requestedBy() + ": " + a.reason();
  }

  /** The seed's fields: {@code desiredCount 1 · runningCount 0 · failedTasks 2}. */
  static String counts(ServiceReport s) {
    return "desiredCount "
        + s.desiredCount()
        + " · runningCount "
        + s.runningCount()
        + " · failedTasks "
        + s.failedTasks();
  }

  /** {@code latest event <id> at <createdAt>: <message>}. */
  static String event(ServiceEvent e) {
    return "latest event " + e.id() + " at " + time(e.createdAt()) + ": " + e.message();
  }

  /**
   * The transition's sentence; a Degraded one also names each service, its failedTasks and its last
   * event.
   */
  static String transition(Transition t, Announcement a) {
    if (t.kind() != TransitionKind.DEGRADED) {
      return t.message();
    }
    String details =
        culprits(t, a).stream().map(MessageText::degradedDetail).collect(Collectors.joining("; "));
    return details.isEmpty() ? t.message() : t.message() + " — " + details;
  }

  /** The services a Degraded transition is about: those it names, else every service not ready. */
  static List<ServiceReport> culprits(Transition t, Announcement a) {
    if (!t.services().isEmpty()) {
      return t.services().stream().flatMap(name -> a.service(name).stream()).toList();
    }
    return a.services().stream().filter(s -> !s.ready()).toList();
  }

  static String degradedDetail(ServiceReport s) {
    return s.serviceName()
        + ": failedTasks "
        + s.failedTasks()
        + ", last event: "
        + s.latestEvent().map(ServiceEvent::message).orElse("(none)");
  }

  /** A short word for a transition kind, for logs and the console. */
  static String label(TransitionKind kind) {
    return switch (kind) {
      case WAKE_STARTED -> "wake started";
      case SLEEP_STARTED -> "sleep started";
      case TIER_DONE -> "tier done";
      case AWAKE -> "awake";
      case ASLEEP -> "asleep";
      case DEGRADED -> "DEGRADED";
      case RECOVERED -> "recovered";
      case DRIFT_CORRECTED -> "drift corrected";
      case DESIRED_STATE_INVALID -> "DESIRED STATE INVALID";
    };
  }

  /** An instant to the second, ISO-8601. */
  static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
