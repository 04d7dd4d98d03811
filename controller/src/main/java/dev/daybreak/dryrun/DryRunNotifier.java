package dev.daybreak.dryrun;

import dev.daybreak.model.Transition;
import dev.daybreak.model.TransitionKind;
import dev.daybreak.slack.Announcement;
import dev.daybreak.slack.Notifier;
import dev.daybreak.slack.SlackNotifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Announcements in a dry run: the transitions the controller concluded in its head, as lines marked
 * as such; and, when Slack is configured, in Slack too, through a notifier whose every message
 * begins with {@link #MARKER} and whose threads are recorded in the dry run's store only (so it
 * never edits the real controller's message). Each call a dry run did not make ({@link #called}) is
 * a reply in its environment's thread, sent with the pass's announcement. A wait that times out in
 * a dry run says why: nothing was scaled.
 */
public final class DryRunNotifier implements Notifier {

  /** What every Slack message and reply of a dry run begins with. */
  public static final String MARKER = "[dry run]";

  private static final String DEGRADED_NOTE =
      "a dry run scales nothing, so a service it waits for may never become ready";

  private final Consumer<String> announcer;
  private final Optional<SlackNotifier> slack;
  private final Map<String, List<String>> calls = new ConcurrentHashMap<>();

  /**
   * @param announcer where each line goes
   * @param slack where the transitions and would-be calls are also announced, marked with {@link
   *     #MARKER}; owned by this notifier from now on
   */
  public DryRunNotifier(Consumer<String> announcer, Optional<SlackNotifier> slack) {
    this.announcer = announcer;
    this.slack = slack;
  }

  /**
   * A call the dry run did not make, announced once: it goes to Slack with its environment's next
   * announcement (the end of the pass that planned it). A call no environment declares is only
   * printed and logged.
   */
  public void called(WouldBeCall call) {
    if (slack.isPresent() && call.environment().isPresent()) {
      List<String> pending =
          calls.computeIfAbsent(call.environment().get(), e -> new ArrayList<>());
      synchronized (pending) {
        pending.add(call.sentence());
      }
    }
  }

  @Override
  public void announce(Announcement a) {
    for (Transition t : a.transitions()) {
      announcer.accept(line(a.environment(), t));
    }
    if (slack.isPresent()) {
      List<String> notes = new ArrayList<>();
      List<String> pending = calls.getOrDefault(a.environment(), List.of());
      synchronized (pending) {
        notes.addAll(pending);
        pending.clear();
      }
      if (a.transitions().stream().anyMatch(t -> t.kind() == TransitionKind.DEGRADED)) {
        notes.add(DEGRADED_NOTE);
      }
      slack.get().announce(a, notes);
    }
  }

  /** Delivers what is pending in Slack within its drain timeout, then stops. */
  @Override
  public void close() {
    slack.ifPresent(SlackNotifier::close);
  }

  /** The line for one transition concluded in a dry run. */
  static String line(String environment, Transition t) {
    String note = t.kind() == TransitionKind.DEGRADED ? " (" + DEGRADED_NOTE + ")" : "";
    return "[" + environment + "] in the dry run's head: " + t.message() + note;
  }
}
