package dev.daybreak.model.savings;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one environment's sleep saved in a period, per service.
 *
 * @param environment the environment
 * @param region the AWS region its cluster is priced in
 * @param services one entry per service with downtime in the period
 */
public record EnvironmentSavings(String environment, String region, List<ServiceSavings> services) {
  public EnvironmentSavings {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(region, "region");
    services = List.copyOf(services);
  }

  /** Task-hours not run, over every service. */
  public double taskHours() {
    return services.stream().mapToDouble(ServiceSavings::taskHours).sum();
  }

  /** Dollars saved over the priced services. */
  public double dollars() {
    return services.stream().flatMap(s -> s.dollars().stream()).mapToDouble(d -> d).sum();
  }

  /** Why some services are not priced, if any is not; the first reason. */
  public Optional<String> noPrice() {
    return services.stream().flatMap(s -> s.noPrice().stream()).findFirst();
  }
}
