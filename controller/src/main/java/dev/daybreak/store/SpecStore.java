package dev.daybreak.store;

import dev.daybreak.manifests.Manifest;
import java.util.List;
import java.util.Optional;

/** The role of a {@link StateStore} that keeps each environment's applied spec. */
public interface SpecStore {

  /** Stores a validated manifest as the environment's spec and bumps its generation. */
  StoredSpec applySpec(Manifest manifest);

  /** The environment's applied spec, if any. */
  Optional<StoredSpec> spec(String environment);

  /**
   * The environment's spec, desired item and status, read together; empty when no spec was applied.
   */
  Optional<StoredEnvironment> environment(String environment);

  /**
   * The names of every environment with an applied spec, sorted. DynamoDB reads them from an index
   * (what it costs grows with the environments, not their history), so a spec applied a moment ago
   * may be missing for that moment.
   */
  List<String> environments();
}
