package dev.daybreak.dryrun;

import dev.daybreak.model.Transition;
import dev.daybreak.model.TransitionKind;
import dev.daybreak.slack.Announcement;
import dev.daybreak.slack.Notifier;
import java.util.function.Consumer;

/**
 * Announcements in a dry run: the transitions the controller concluded in its head, as lines marked
 * as such, never to Slack (they did not happen). A wait that times out in a dry run says why:
 * nothing was scaled.
 */
public final class DryRunNotifier implements Notifier {

  private final Consumer<String> announcer;

  /**
   * @param announcer where each line goes
   */
  public DryRunNotifier(Consumer<String> announcer) {
    this.announcer = announcer;
  }

  @Override
  public void announce(Announcement a) {
    for (Transition t : a.transitions()) {
      announcer.accept(line(a.environment(), t));
    }
  }

  /** The line for one transition concluded in a dry run. */
  static String line(String environment, Transition t) {
    String note =
        t.kind() == TransitionKind.DEGRADED
            ? " (a dry run scales nothing, so a service it waits for may never become ready)"
            : "";
    return "[" + environment + "] in the dry run's head: " + t.message() + note;
  }
}
