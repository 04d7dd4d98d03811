package dev.daybreak.model.savings;

import java.util.Objects;
import java.util.Optional;

/**
 * What one service's downtimes saved in a period.
 *
 * @param service the logical service
 * @param taskHours task-hours not run
 * @param dollars what they would have cost; empty when not priced
 * @param noPrice why not priced (unknown region, platform or task size)
 */
public record ServiceSavings(
    String service, double taskHours, Optional<Double> dollars, Optional<String> noPrice) {
  public ServiceSavings {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(dollars, "dollars");
    Objects.requireNonNull(noPrice, "noPrice");
  }
}
