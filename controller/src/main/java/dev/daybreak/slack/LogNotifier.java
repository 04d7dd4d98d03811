package dev.daybreak.slack;

import dev.daybreak.model.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Announces transitions as log lines, one per transition, when Slack is not configured. */
public final class LogNotifier implements Notifier {

  private static final Logger LOG = LoggerFactory.getLogger(LogNotifier.class);

  @Override
  public void announce(Announcement a) {
    for (Transition t : a.transitions()) {
      LOG.info(
          "[{}] {} {}: {} ({}; {})",
          a.environment(),
          a.operation().verb(),
          MessageText.label(t.kind()),
          MessageText.transition(t, a),
          MessageText.progress(a),
          MessageText.requested(a));
    }
  }
}
