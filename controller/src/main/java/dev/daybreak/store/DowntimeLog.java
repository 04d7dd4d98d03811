package dev.daybreak.store;

import dev.daybreak.model.savings.Downtime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The role of a {@link StateStore} that keeps the downtimes {@code daybreak savings} counts. */
public interface DowntimeLog {

  /**
   * How long a recorded downtime is kept after it ended: as long as the audit by default (400
   * days), so every month of the past year can be reported.
   */
  Duration DOWNTIME_RETENTION = Duration.ofDays(400);

  /**
   * Records downtimes that ended ({@link dev.daybreak.model.savings.SleepLedger}): one item each,
   * keyed by where it began, so recording one again overwrites it. Kept for {@link
   * #DOWNTIME_RETENTION}.
   */
  void recordDowntimes(String environment, List<Downtime> downtimes);

  /**
   * The environment's recorded downtimes that overlap [{@code from}, {@code to}), oldest first
   * (those still open are in its status, {@link dev.daybreak.model.EnvironmentStatus#downSince()}).
   */
  List<Downtime> downtimes(String environment, Instant from, Instant to);
}
