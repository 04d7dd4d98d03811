package dev.daybreak.store;

import dev.daybreak.model.EnvironmentSpec;
import java.util.Objects;

/**
 * An applied manifest.
 *
 * @param spec the environment
 * @param json the manifest as stored
 * @param generation bumped by each apply
 */
public record StoredSpec(EnvironmentSpec spec, String json, long generation) {
  public StoredSpec {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(json, "json");
  }
}
