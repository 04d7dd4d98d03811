package dev.daybreak.model.savings;

import java.util.Map;
import java.util.Optional;

/**
 * One region's Fargate prices.
 *
 * @param rates on-demand prices per platform
 * @param spotFactor what Fargate Spot costs as a fraction of on-demand (0.3 = a 70% discount), with
 *     its source; absent when the table gives no Spot figure for the region
 */
public record RegionPrices(Map<Platform, Rate> rates, Optional<SpotFactor> spotFactor) {

  public RegionPrices {
    rates = Map.copyOf(rates);
    spotFactor = spotFactor == null ? Optional.empty() : spotFactor;
  }

  /**
   * Fargate Spot's price as a fraction of on-demand.
   *
   * @param factor between 0 and 1
   * @param source where the figure was taken from
   */
  public record SpotFactor(double factor, String source) {
    public SpotFactor {
      if (!(factor > 0 && factor <= 1)) {
        throw new IllegalArgumentException("a Spot factor is above 0 and at most 1, was " + factor);
      }
      java.util.Objects.requireNonNull(source, "source");
    }
  }
}
