package dev.daybreak.savings;

import dev.daybreak.manifests.PriceTables;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.savings.PriceTable;
import dev.daybreak.reconcile.ClusterRef;
import java.util.Objects;
import java.util.Optional;

/**
 * The price table savings are priced with, and the region an environment's cluster is in: its
 * ARN's, or for a plain cluster name the controller's own.
 *
 * @param table the prices
 * @param ownRegion the controller's region, when known
 */
public record Pricing(PriceTable table, Optional<String> ownRegion) {

  /** What is shown for an environment whose region is not known. */
  public static final String UNKNOWN_REGION = PriceTable.UNKNOWN_REGION;

  public Pricing {
    Objects.requireNonNull(table, "table");
    ownRegion = ownRegion.filter(r -> !r.isBlank());
  }

  /** The built-in price table, in {@code ownRegion}. */
  public static Pricing builtIn(Optional<String> ownRegion) {
    return new Pricing(PriceTables.builtIn(), ownRegion);
  }

  /**
   * The region {@code spec}'s environment is in: its {@code spec.aws.region}, else its cluster's,
   * or {@link #UNKNOWN_REGION}.
   */
  public String regionOf(EnvironmentSpec spec) {
    return spec.aws().region().orElseGet(() -> regionOf(spec.cluster()));
  }

  /** The region {@code cluster} (a name or an ARN) is in, or {@link #UNKNOWN_REGION}. */
  public String regionOf(String cluster) {
    try {
      return ClusterRef.parse(cluster).region().or(() -> ownRegion).orElse(UNKNOWN_REGION);
    } catch (IllegalArgumentException e) {
      return ownRegion.orElse(UNKNOWN_REGION);
    }
  }
}
