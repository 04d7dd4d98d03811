package dev.daybreak.model.savings;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Fargate prices by region, as of {@code date}: data, never a guess. A region, platform or Spot
 * figure the table does not have is "no price" ({@link #hourly} is empty and {@link #noPrice} says
 * why), never another region's figure.
 *
 * @param date when the figures were taken
 * @param regions prices per AWS region code
 */
public record PriceTable(LocalDate date, Map<String, RegionPrices> regions) {

  /** The region of an environment whose cluster's region is not known. */
  public static final String UNKNOWN_REGION = "unknown";

  public PriceTable {
    Objects.requireNonNull(date, "date");
    regions = Map.copyOf(regions);
  }

  /** What one task of {@code size} costs an hour in {@code region}; empty when not in the table. */
  public Optional<Double> hourly(String region, TaskSize size) {
    RegionPrices prices = regions.get(region);
    if (prices == null) {
      return Optional.empty();
    }
    Rate rate = prices.rates().get(Platform.of(size));
    if (rate == null) {
      return Optional.empty();
    }
    double onDemand = rate.hourly(size);
    if (size.capacity() == Capacity.FARGATE) {
      return Optional.of(onDemand);
    }
    return prices.spotFactor().map(s -> onDemand * s.factor());
  }

  /** Why {@link #hourly} has no figure for {@code size} in {@code region}. */
  public String noPrice(String region, TaskSize size) {
    RegionPrices prices = regions.get(region);
    if (UNKNOWN_REGION.equals(region)) {
      return "no price: the AWS region is not known (give --region, or a cluster ARN)";
    }
    if (prices == null) {
      return "no price for region "
          + region
          + ": the price table of "
          + date
          + " has "
          + String.join(", ", new TreeMap<>(regions).keySet())
          + " (give --prices a table with "
          + region
          + ")";
    }
    if (!prices.rates().containsKey(Platform.of(size))) {
      return "no price for "
          + Platform.of(size)
          + " in "
          + region
          + " in the price table of "
          + date;
    }
    return "no Fargate Spot price for " + region + " in the price table of " + date;
  }
}
