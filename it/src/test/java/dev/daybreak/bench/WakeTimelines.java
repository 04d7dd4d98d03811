package dev.daybreak.bench;

import dev.daybreak.ecssim.CallRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

/**
 * Per-environment timelines of one fleet operation, from the simulator's call log: where the time
 * from flip to phase went (waiting to start, scaling, looking) and how many looks each took. Each
 * environment is its own cluster, {@code cluster-N} for {@code env-N}.
 */
final class WakeTimelines {

  private WakeTimelines() {}

  /**
   * Distributions (p10, p50, p90, max, mean; in seconds or counts) of: when an environment's first
   * call came after the flip (its start), its first UpdateService to its phase (its run), the gap
   * from one tier's last UpdateService to the next tier's first (split at the look that found the
   * tier done), its DescribeServices calls until its phase and in all; and the total of its
   * DescribeServices until its phase (the wake's own looks, without the drift checks of those
   * already there).
   */
  static Map<String, Object> of(
      List<CallRecord> calls,
      Instant start,
      Map<String, Instant> reached,
      Instant end,
      IntUnaryOperator tierOfService) {
    Map<String, List<CallRecord>> byCluster = new TreeMap<>();
    for (CallRecord c : calls) {
      if (c.cluster().isPresent() && c.outcome().equals(CallRecord.OK)) {
        byCluster.computeIfAbsent(c.cluster().get(), k -> new ArrayList<>()).add(c);
      }
    }
    List<Double> firstCall = new ArrayList<>();
    List<Double> firstUpdate = new ArrayList<>();
    List<Double> run = new ArrayList<>();
    List<Double> gaps = new ArrayList<>();
    List<Double> looks = new ArrayList<>();
    List<Double> looksPerTier = new ArrayList<>();
    List<Double> lastTierScaledToPhase = new ArrayList<>();
    List<Double> lookDelay = new ArrayList<>();
    List<Double> turnWait = new ArrayList<>();
    List<Double> looksWhileWaking = new ArrayList<>();
    byCluster.forEach(
        (cluster, cs) -> {
          cs.sort(Comparator.comparing(CallRecord::at));
          String env = "env-" + cluster.substring("cluster-".length());
          Instant done = reached.getOrDefault(env, end);
          firstCall.add(seconds(start, cs.get(0).at()));
          List<CallRecord> updates =
              cs.stream().filter(c -> c.op().equals("UpdateService")).toList();
          List<CallRecord> describes =
              cs.stream().filter(c -> c.op().equals("DescribeServices")).toList();
          looks.add((double) describes.size());
          looksWhileWaking.add(
              (double) describes.stream().filter(d -> !d.at().isAfter(done)).count());
          if (!updates.isEmpty()) {
            firstUpdate.add(seconds(start, updates.get(0).at()));
            run.add(seconds(updates.get(0).at(), done));
          }
          Map<Integer, Instant[]> tiers = new TreeMap<>();
          for (CallRecord u : updates) {
            int tier = tierOfService.applyAsInt(Integer.parseInt(u.services().get(0).substring(1)));
            Instant[] span = tiers.computeIfAbsent(tier, t -> new Instant[] {u.at(), u.at()});
            span[1] = u.at();
          }
          Instant previousEnd = null;
          for (Instant[] span : tiers.values()) {
            if (previousEnd != null) {
              gaps.add(seconds(previousEnd, span[0]));
              Instant from = previousEnd;
              long between =
                  describes.stream()
                      .filter(d -> d.at().isAfter(from))
                      .filter(d -> !d.at().isAfter(span[0]))
                      .count();
              looksPerTier.add((double) between);
              describes.stream()
                  .filter(d -> !d.at().isAfter(span[0]))
                  .reduce((a, b) -> b)
                  .ifPresent(
                      d -> {
                        lookDelay.add(seconds(from, d.at()));
                        turnWait.add(seconds(d.at(), span[0]));
                      });
            }
            previousEnd = span[1];
          }
          if (previousEnd != null) {
            lastTierScaledToPhase.add(seconds(previousEnd, done));
          }
        });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("updateServicePerMinute", perMinute(calls, start, "UpdateService"));
    out.put("firstUpdatesPerMinute", perMinute(firstUpdates(byCluster), start));
    out.put("firstCallAfterFlip", summary(firstCall));
    out.put("firstUpdateAfterFlip", summary(firstUpdate));
    out.put("firstUpdateToPhase", summary(run));
    out.put("tierHandOffGap", summary(gaps));
    out.put("looksBetweenTiers", summary(looksPerTier));
    out.put("tierScaledToLook", summary(lookDelay));
    out.put("lookToNextTierScaled", summary(turnWait));
    out.put("describeServicesUntilPhase", summary(looksWhileWaking));
    out.put(
        "describeServicesUntilPhaseTotal",
        (long) looksWhileWaking.stream().mapToDouble(Double::doubleValue).sum());
    out.put("describeServicesPerEnvironment", summary(looks));
    out.put("lastTierScaledToPhase", summary(lastTierScaledToPhase));
    return out;
  }

  /** How many successful {@code op} calls each minute from {@code start}. */
  private static List<Integer> perMinute(List<CallRecord> calls, Instant start, String op) {
    return perMinute(
        calls.stream()
            .filter(c -> c.op().equals(op) && c.outcome().equals(CallRecord.OK))
            .map(CallRecord::at)
            .toList(),
        start);
  }

  private static List<Instant> firstUpdates(Map<String, List<CallRecord>> byCluster) {
    List<Instant> out = new ArrayList<>();
    byCluster
        .values()
        .forEach(
            cs ->
                cs.stream()
                    .filter(c -> c.op().equals("UpdateService"))
                    .map(CallRecord::at)
                    .min(Comparator.naturalOrder())
                    .ifPresent(out::add));
    return out;
  }

  private static List<Integer> perMinute(List<Instant> times, Instant start) {
    List<Integer> counts = new ArrayList<>();
    for (Instant t : times) {
      int minute = (int) Math.max(0, Duration.between(start, t).toMinutes());
      while (counts.size() <= minute) {
        counts.add(0);
      }
      counts.set(minute, counts.get(minute) + 1);
    }
    return counts;
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  private static Map<String, Double> summary(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    Map<String, Double> s = new LinkedHashMap<>();
    if (sorted.isEmpty()) {
      return s;
    }
    s.put("p10", sorted.get((int) (sorted.size() * 0.1)));
    s.put("p50", sorted.get(sorted.size() / 2));
    s.put("p90", sorted.get((int) (sorted.size() * 0.9)));
    s.put("max", sorted.get(sorted.size() - 1));
    s.put("mean", sorted.stream().mapToDouble(Double::doubleValue).average().orElse(0));
    return s;
  }
}
