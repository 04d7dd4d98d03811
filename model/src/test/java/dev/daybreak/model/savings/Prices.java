package dev.daybreak.model.savings;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/** The us-east-1 figures the issue hand-checks against, as a price table. */
final class Prices {

  private Prices() {}

  static final String SOURCE = "https://aws.amazon.com/fargate/pricing/";

  static PriceTable usEast1() {
    return new PriceTable(
        LocalDate.of(2026, 12, 1),
        Map.of(
            "us-east-1",
            new RegionPrices(
                Map.of(
                    new Platform(OsFamily.LINUX, Architecture.X86_64),
                    new Rate(0.04048, 0.004445, 0.000111, SOURCE),
                    new Platform(OsFamily.LINUX, Architecture.ARM64),
                    new Rate(0.03238, 0.00356, 0.000111, SOURCE)),
                Optional.of(new RegionPrices.SpotFactor(0.3, SOURCE)))));
  }
}
