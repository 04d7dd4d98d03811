package dev.daybreak.chatops;

import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.store.StoredStatus;
import dev.daybreak.time.Times;
import java.time.ZoneId;

/** How {@code /daybreak status} shows environments (Slack mrkdwn). */
final class StatusText {

  private StatusText() {}

  /** One line: name, phase, desired state. */
  static String line(StoredEnvironment env, ZoneId zone) {
    return "`" + env.name() + "` " + phase(env) + " · wanted " + desired(env.desired(), zone);
  }

  /** A few lines for one environment. */
  static String of(StoredEnvironment env, ZoneId zone) {
    StringBuilder text = new StringBuilder(line(env, zone));
    env.status()
        .map(StoredStatus::status)
        .ifPresent(
            status ->
                status.conditions().stream()
                    .filter(c -> !c.message().isBlank())
                    .forEach(
                        c ->
                            text.append("\n• ").append(c.type()).append(": ").append(c.message())));
    return text.toString();
  }

  private static String phase(StoredEnvironment env) {
    return env.status()
        .map(StoredStatus::status)
        .map(EnvironmentStatus::phase)
        .map(p -> "*" + p + "*")
        .orElse("*not reconciled yet*");
  }

  private static String desired(DesiredRead read, ZoneId zone) {
    if (read instanceof DesiredRead.Valid valid) {
      DesiredState d = valid.stored().desired();
      return d.state()
          + d.until().map(u -> " until " + Times.show(u, zone)).orElse("")
          + (d.isPartial()
              ? " (" + String.join(", ", d.services().stream().sorted().toList()) + ")"
              : "")
          + " by "
          + Untrusted.inert(d.requestedBy());
    }
    if (read instanceof DesiredRead.Invalid invalid) {
      return "unreadable (" + Untrusted.inert(invalid.reason()) + ")";
    }
    return "by its schedule";
  }
}
