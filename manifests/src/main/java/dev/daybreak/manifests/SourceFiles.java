package dev.daybreak.manifests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads the files daybreak loads (manifests, holiday calendars) as bounded, strict UTF-8 text. */
final class SourceFiles {

  private SourceFiles() {}

  /**
   * The text of {@code file}; empty when it cannot be read, is larger than {@link
   * ManifestLimits#MAX_FILE_BYTES} or is not UTF-8 (reported to {@code problems}).
   *
   * @param what what the file is, for messages (e.g. "a manifest")
   */
  static Optional<String> read(Path file, String what, Problems problems) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(ManifestLimits.MAX_FILE_BYTES + 1);
      if (bytes.length > ManifestLimits.MAX_FILE_BYTES) {
        problems.addUnlocated(
            "the file is larger than "
                + ManifestLimits.MAX_FILE_BYTES
                + " bytes (1 MiB), the limit for "
                + what
                + ": split it into several files");
        return Optional.empty();
      }
      return Utf8.decode(bytes, problems);
    } catch (NoSuchFileException e) {
      problems.addUnlocated("cannot read: no such file");
    } catch (AccessDeniedException e) {
      problems.addUnlocated("cannot read: permission denied");
    } catch (IOException e) {
      problems.addUnlocated("cannot read: " + e.getMessage());
    }
    return Optional.empty();
  }
}
