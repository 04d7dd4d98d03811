package dev.daybreak.manifests;

import dev.daybreak.model.EnvironmentSpec;
import java.util.Objects;

/**
 * One valid Environment document.
 *
 * @param spec the environment it declares
 * @param json the document as canonical JSON (what the store keeps; {@link Manifests#parse} reads
 *     it back)
 * @param source where it came from
 */
public record Manifest(EnvironmentSpec spec, String json, String source) {

  public Manifest {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(source, "source");
  }
}
