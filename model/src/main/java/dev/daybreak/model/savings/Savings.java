package dev.daybreak.model.savings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Prices downtimes: what sleeping saved (or will save) in a period. */
public final class Savings {

  private Savings() {}

  /**
   * What {@code downtimes} of one environment saved within [{@code from}, {@code to}): each clipped
   * to the period, summed per service (in order of first appearance), priced per downtime with the
   * size it had.
   */
  public static EnvironmentSavings tally(
      String environment,
      String region,
      List<Downtime> downtimes,
      Instant from,
      Instant to,
      PriceTable prices) {
    Map<String, double[]> hours = new LinkedHashMap<>();
    Map<String, Optional<String>> unpriced = new LinkedHashMap<>();
    for (Downtime d : downtimes) {
      Optional<Downtime> within = d.clip(from, to);
      if (within.isEmpty()) {
        continue;
      }
      double[] sums = hours.computeIfAbsent(d.service(), k -> new double[2]);
      unpriced.putIfAbsent(d.service(), Optional.empty());
      double taskHours = within.get().taskHours();
      sums[0] += taskHours;
      if (d.size().isEmpty()) {
        unpriced.put(d.service(), Optional.of("no task size for " + d.service()));
        continue;
      }
      Optional<Double> hourly = prices.hourly(region, d.size().get());
      if (hourly.isEmpty()) {
        unpriced.put(d.service(), Optional.of(prices.noPrice(region, d.size().get())));
        continue;
      }
      sums[1] += taskHours * hourly.get();
    }
    List<ServiceSavings> services = new ArrayList<>();
    hours.forEach(
        (service, sums) -> {
          Optional<String> why = unpriced.get(service);
          services.add(
              new ServiceSavings(
                  service,
                  sums[0],
                  why.isPresent() && sums[1] == 0 ? Optional.empty() : Optional.of(sums[1]),
                  why));
        });
    return new EnvironmentSavings(environment, region, services);
  }

  /**
   * What the services down now save from {@code now} until {@code wakeAt} (tonight's expected
   * saving, until the next scheduled wake).
   */
  public static EnvironmentSavings expected(
      String environment,
      String region,
      Map<String, DownSince> open,
      Instant now,
      Instant wakeAt,
      PriceTable prices) {
    List<Downtime> ahead = new ArrayList<>();
    open.forEach(
        (service, d) ->
            ahead.add(
                new Downtime(
                    service, now, wakeAt.isBefore(now) ? now : wakeAt, d.count(), d.size())));
    return tally(environment, region, ahead, now, wakeAt.isBefore(now) ? now : wakeAt, prices);
  }
}
