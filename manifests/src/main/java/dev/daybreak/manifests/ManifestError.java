package dev.daybreak.manifests;

import java.util.Objects;

/**
 * One problem in a manifest, located.
 *
 * @param source the file (or other origin) the manifest came from
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param path the field path, e.g. {@code spec.services[1].dependsOn[0]}
 * @param message what is wrong and what would be valid
 */
public record ManifestError(String source, int line, int column, String path, String message) {

  public ManifestError {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** {@code file:line:column: path: message}, the shape compilers and editors understand. */
  @Override
  public String toString() {
    String where = line > 0 ? source + ":" + line + ":" + column : source;
    return path.isEmpty() ? where + ": " + message : where + ": " + path + ": " + message;
  }
}
