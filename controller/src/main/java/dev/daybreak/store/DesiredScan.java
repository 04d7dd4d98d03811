package dev.daybreak.store;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one resync reads: every environment with an applied spec and every desired item.
 *
 * @param environments the names of the environments with an applied spec, sorted
 * @param desired every desired item as read, by environment name in name order; an environment
 *     without a spec may have one, and one with a spec may have none
 * @param specVersions each spec's generation as the index shows it (its {@code version} attribute),
 *     by environment name; a spec applied before daybreak wrote it has none
 */
public record DesiredScan(
    List<String> environments, Map<String, DesiredRead> desired, Map<String, Long> specVersions) {

  public DesiredScan {
    environments = environments.stream().sorted().toList();
    desired = Collections.unmodifiableMap(new TreeMap<>(desired));
    specVersions = Collections.unmodifiableMap(new TreeMap<>(specVersions));
  }

  /** A scan that saw no spec versions (a store without an index). */
  public DesiredScan(List<String> environments, Map<String, DesiredRead> desired) {
    this(environments, desired, Map.of());
  }

  /** The environment's desired item, or {@link DesiredRead.Absent} when it has none. */
  public DesiredRead desiredOf(String environment) {
    return desired.getOrDefault(environment, new DesiredRead.Absent());
  }

  /** The generation of the environment's spec as the index shows it, if it shows one. */
  public Optional<Long> specVersionOf(String environment) {
    return Optional.ofNullable(specVersions.get(environment));
  }
}
