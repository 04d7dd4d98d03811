package dev.daybreak.reconcile;

import dev.daybreak.manifests.Calendars;
import dev.daybreak.manifests.PriceTables;
import dev.daybreak.model.savings.PriceTable;
import dev.daybreak.savings.Pricing;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the long-running controller paces itself.
 *
 * @param resync how often every desired item is read to catch flips made by anyone
 * @param workers how many environments are reconciled at once
 * @param staggerWindow how far apart the starts of environments sharing a schedule edge are spread;
 *     empty: {@link dev.daybreak.model.schedule.Stagger#minimumWindow} for the fleet's size, so the
 *     fleet's UpdateService calls stay within ECS's quota
 * @param calendars the holiday calendars schedules may name
 * @param clusters the ECS clusters the controller may act on; environments on others are reported
 *     Degraded and not scaled
 * @param prices the Fargate prices savings are put in dollars with ({@code --prices}; the built-in
 *     table by default)
 */
public record ControllerSettings(
    Duration resync,
    int workers,
    Optional<Duration> staggerWindow,
    Calendars calendars,
    ClusterAllowlist clusters,
    PriceTable prices) {

  /** The resync period when none is configured: desired items are small, so reading is cheap. */
  public static final Duration DEFAULT_RESYNC = Duration.ofSeconds(5);

  /** Workers when none are configured. */
  public static final int DEFAULT_WORKERS = 4;

  public ControllerSettings {
    if (resync.isNegative() || resync.isZero()) {
      throw new IllegalArgumentException("resync must be > 0, was " + resync);
    }
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, was " + workers);
    }
    Objects.requireNonNull(staggerWindow, "staggerWindow");
    staggerWindow.ifPresent(
        w -> {
          if (w.isNegative()) {
            throw new IllegalArgumentException("stagger window must be >= 0, was " + w);
          }
        });
    Objects.requireNonNull(calendars, "calendars");
    Objects.requireNonNull(clusters, "clusters");
    Objects.requireNonNull(prices, "prices");
  }

  /** Settings with the built-in price table. */
  public ControllerSettings(
      Duration resync,
      int workers,
      Optional<Duration> staggerWindow,
      Calendars calendars,
      ClusterAllowlist clusters) {
    this(resync, workers, staggerWindow, calendars, clusters, PriceTables.builtIn());
  }

  /** These settings, putting savings in dollars with {@code table}. */
  public ControllerSettings withPrices(PriceTable table) {
    return new ControllerSettings(resync, workers, staggerWindow, calendars, clusters, table);
  }

  /** The prices, in the region of the clusters' allowlist (the controller's own). */
  public Pricing pricing() {
    return new Pricing(prices, clusters.region());
  }

  /** Settings that allow every cluster. */
  public ControllerSettings(
      Duration resync, int workers, Optional<Duration> staggerWindow, Calendars calendars) {
    this(resync, workers, staggerWindow, calendars, ClusterAllowlist.any());
  }

  /** These settings, acting only on environments of {@code allowed} clusters. */
  public ControllerSettings withClusters(ClusterAllowlist allowed) {
    return new ControllerSettings(resync, workers, staggerWindow, calendars, allowed, prices);
  }

  /** Settings with the stagger window sized for the fleet and the built-in calendars. */
  public ControllerSettings(Duration resync, int workers) {
    this(resync, workers, Optional.empty(), Calendars.builtIn());
  }

  public static ControllerSettings defaults() {
    return new ControllerSettings(DEFAULT_RESYNC, DEFAULT_WORKERS);
  }
}
