package dev.daybreak.savings;

import dev.daybreak.model.savings.EnvironmentSavings;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What sleeping saved over a period, per environment and in total.
 *
 * @param from the period's start
 * @param to the period's end (at most now)
 * @param pricesDate the date of the price table the dollars are from
 * @param environments one entry per environment asked for, in the order asked
 */
public record SavingsReport(
    Instant from, Instant to, LocalDate pricesDate, List<EnvironmentSavings> environments) {

  public SavingsReport {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(pricesDate, "pricesDate");
    environments = List.copyOf(environments);
  }

  /** Task-hours not run, over every environment. */
  public double taskHours() {
    return environments.stream().mapToDouble(EnvironmentSavings::taskHours).sum();
  }

  /** Dollars saved, over every priced service of every environment. */
  public double dollars() {
    return environments.stream().mapToDouble(EnvironmentSavings::dollars).sum();
  }
}
