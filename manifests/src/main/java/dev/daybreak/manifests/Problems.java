package dev.daybreak.manifests;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem found in one source, so that all are reported at once. */
final class Problems {

  private static final Comparator<ManifestError> DOCUMENT_ORDER =
      Comparator.comparingInt(ManifestError::line).thenComparingInt(ManifestError::column);

  private final String source;
  private final List<ManifestError> errors = new ArrayList<>();

  Problems(String source) {
    this.source = source;
  }

  void add(Position at, FieldPath path, String message) {
    errors.add(new ManifestError(source, at.line(), at.column(), path.toString(), message));
  }

  /** A problem with the whole source rather than a place in it (unreadable, too large). */
  void addUnlocated(String message) {
    errors.add(new ManifestError(source, 0, 0, "", message));
  }

  int count() {
    return errors.size();
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  /** Every problem, in document order (stable for problems at the same place). */
  List<ManifestError> inDocumentOrder() {
    return errors.stream().sorted(DOCUMENT_ORDER).toList();
  }
}
