package dev.daybreak.model;

import java.util.Map;
import java.util.TreeMap;

/** The counts services are woken to, and the counts saved when they are put to sleep. */
final class Targets {

  private Targets() {}

  /**
   * The count a service is woken to: its fixed {@code replicas}, or for {@code restore} the count
   * saved when it was put to sleep, or the fallback when none (or zero) was saved.
   */
  static int wake(ServiceSpec service, Map<String, Integer> savedCounts) {
    if (service.replicas() instanceof Replicas.Fixed fixed) {
      return fixed.count();
    }
    Replicas.Restore restore = (Replicas.Restore) service.replicas();
    Integer saved = savedCounts.get(service.name());
    return saved != null && saved > 0 ? saved : restore.fallback();
  }

  /**
   * The count a service is woken to, moved into its scalable target's bounds when it has one
   * (Application Auto Scaling would move it there itself).
   */
  static int wake(
      ServiceSpec service, Map<String, Integer> savedCounts, Map<String, ScalingBounds> bounds) {
    int count = wake(service, savedCounts);
    ScalingBounds b = bounds.get(service.name());
    return b == null ? count : b.clamp(count);
  }

  /**
   * The counts to remember at the start of a sleep: each declared service's observed desiredCount
   * when above zero, otherwise what was saved before (a service already at zero keeps the count it
   * had when it was last put to sleep). Services no longer declared are forgotten.
   */
  static Map<String, Integer> saveAtSleep(
      Iterable<ServiceSnapshot> services, Map<String, Integer> previouslySaved) {
    Map<String, Integer> saved = new TreeMap<>();
    for (ServiceSnapshot service : services) {
      int desired = service.observed().desiredCount();
      Integer before = previouslySaved.get(service.name());
      if (desired > 0) {
        saved.put(service.name(), desired);
      } else if (before != null) {
        saved.put(service.name(), before);
      }
    }
    return saved;
  }
}
