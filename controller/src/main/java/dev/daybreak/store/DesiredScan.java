package dev.daybreak.store;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one resync reads: every environment with an applied spec and every desired item.
 *
 * @param environments the names of the environments with an applied spec, sorted
 * @param desired every desired item as read, by environment name in name order; an environment
 *     without a spec may have one, and one with a spec may have none
 */
public record DesiredScan(List<String> environments, Map<String, DesiredRead> desired) {

  public DesiredScan {
    environments = environments.stream().sorted().toList();
    desired = Collections.unmodifiableMap(new TreeMap<>(desired));
  }

  /** The environment's desired item, or {@link DesiredRead.Absent} when it has none. */
  public DesiredRead desiredOf(String environment) {
    return desired.getOrDefault(environment, new DesiredRead.Absent());
  }
}
