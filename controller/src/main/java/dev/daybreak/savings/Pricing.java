package dev.daybreak.savings;

import dev.daybreak.manifests.PriceTables;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.savings.PriceTable;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /** A cluster ARN: {@code arn:PARTITION:ecs:REGION:ACCOUNT:cluster/NAME}. */
  private static final Pattern CLUSTER_ARN =
      Pattern.compile("arn:aws[a-z-]*:ecs:([a-z0-9-]+):\\d{12}:cluster/[A-Za-z0-9_-]{1,255}");

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
    Matcher arn = CLUSTER_ARN.matcher(cluster);
    if (arn.matches()) {
      return arn.group(1);
    }
    return ownRegion.orElse(UNKNOWN_REGION);
  }
}
