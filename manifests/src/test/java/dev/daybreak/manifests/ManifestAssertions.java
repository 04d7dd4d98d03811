package dev.daybreak.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

/** Helpers to parse a manifest text and assert on the located errors it produces. */
final class ManifestAssertions {

  static final String SOURCE = "test.yaml";

  private ManifestAssertions() {}

  /** Every error of {@code yaml}; fails when it parses. */
  static List<ManifestError> errors(String yaml) {
    ManifestException e =
        catchThrowableOfType(ManifestException.class, () -> Manifests.parse(SOURCE, yaml));
    assertThat(e).as("expected %s to be rejected", yaml).isNotNull();
    assertThat(e.errors()).isNotEmpty();
    return e.errors();
  }

  /** The one error of {@code yaml}; fails when there is none or more than one. */
  static ManifestError onlyError(String yaml) {
    List<ManifestError> errors = errors(yaml);
    assertThat(errors).as("errors of %s", yaml).hasSize(1);
    return errors.get(0);
  }

  /** Asserts where an error is and that its message holds every fragment. */
  static void assertError(
      ManifestError error, int line, int column, String path, String... fragments) {
    assertThat(error.source()).isEqualTo(SOURCE);
    assertThat(error.path()).as("path of %s", error).isEqualTo(path);
    assertThat(error.line()).as("line of %s", error).isEqualTo(line);
    assertThat(error.column()).as("column of %s", error).isEqualTo(column);
    assertThat(error.message()).as("message of %s", error).contains(fragments);
  }
}
