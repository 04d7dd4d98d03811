package dev.daybreak.manifests;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A manifest, or a holiday calendar file it may name, could not be loaded; carries every problem.
 */
public final class ManifestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<ManifestError> errors;

  public ManifestException(List<ManifestError> errors) {
    super(errors.stream().map(ManifestError::toString).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  /** Every problem, in document order. */
  public List<ManifestError> errors() {
    return errors;
  }
}
