package dev.daybreak.manifests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.daybreak.model.EnvironmentSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads and validates Environment manifests ({@code apiVersion: daybreak.dev/v1}, {@code kind:
 * Environment}). A file may hold several documents separated by {@code ---}. Nothing is returned
 * unless every document is valid: a {@link ManifestException} lists every problem, each located by
 * line, column and field path and saying what would be valid.
 */
public final class Manifests {

  public static final String API_VERSION = "daybreak.dev/v1";
  public static final String KIND = "Environment";

  /** Canonical JSON: compact, keys sorted, aliases expanded; {@link #parse} reads it back. */
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

  private Manifests() {}

  /**
   * Loads every Environment document of a file; schedules may name the {@linkplain
   * Calendars#builtIn() built-in} holiday calendars.
   *
   * @throws ManifestException when the file cannot be read, is larger than {@link
   *     ManifestLimits#MAX_FILE_BYTES}, is not UTF-8, or holds any invalid document
   */
  public static List<Manifest> load(Path file) {
    return load(file, Calendars.builtIn());
  }

  /**
   * Loads every Environment document of a file.
   *
   * @param calendars the holiday calendars schedules may name
   * @throws ManifestException when the file cannot be read, is larger than {@link
   *     ManifestLimits#MAX_FILE_BYTES}, is not UTF-8, or holds any invalid document
   */
  public static List<Manifest> load(Path file, Calendars calendars) {
    Problems problems = new Problems(file.toString());
    if (Files.isDirectory(file)) {
      problems.addUnlocated("cannot read: it is a directory; name the manifest files in it");
      throw new ManifestException(problems.inDocumentOrder());
    }
    Optional<String> text = SourceFiles.read(file, "a manifest", problems);
    if (text.isEmpty()) {
      throw new ManifestException(problems.inDocumentOrder());
    }
    return parse(file.toString(), text.get(), calendars);
  }

  /**
   * Parses every Environment document of a YAML (or JSON) text; schedules may name the {@linkplain
   * Calendars#builtIn() built-in} holiday calendars.
   *
   * @param source where the text came from, used in error messages (a file name)
   * @throws ManifestException when the text is too large, not valid YAML, holds no document, or
   *     holds any invalid document
   */
  public static List<Manifest> parse(String source, String text) {
    return parse(source, text, Calendars.builtIn());
  }

  /**
   * Parses every Environment document of a YAML (or JSON) text.
   *
   * @param source where the text came from, used in error messages (a file name)
   * @param calendars the holiday calendars schedules may name
   * @throws ManifestException when the text is too large, not valid YAML, holds no document, or
   *     holds any invalid document
   */
  public static List<Manifest> parse(String source, String text, Calendars calendars) {
    Objects.requireNonNull(calendars, "calendars");
    Problems problems = new Problems(source);
    if (text.length() > ManifestLimits.MAX_CODE_POINTS
        && text.codePointCount(0, text.length()) > ManifestLimits.MAX_CODE_POINTS) {
      problems.add(
          Position.START,
          FieldPath.ROOT,
          "the manifest has "
              + text.codePointCount(0, text.length())
              + " characters; the limit is "
              + ManifestLimits.MAX_CODE_POINTS
              + " (1 MiB): split it into several files");
      throw new ManifestException(problems.inDocumentOrder());
    }
    List<LocatedDocument> documents = YamlReader.read(text, problems);
    if (documents.isEmpty() && problems.isEmpty()) {
      problems.add(
          Position.START,
          FieldPath.ROOT,
          "no Environment document found; a manifest starts with 'apiVersion: "
              + API_VERSION
              + "' and 'kind: "
              + KIND
              + "'");
    }
    List<Manifest> manifests = new ArrayList<>();
    Map<String, Position> names = new HashMap<>();
    for (LocatedDocument document : documents) {
      Optional<EnvironmentSpec> spec = EnvironmentReader.read(document, calendars, problems);
      if (spec.isEmpty()) {
        continue;
      }
      FieldPath namePath = FieldPath.ROOT.child("metadata").child("name");
      Position at = document.valueAt(namePath);
      Position first = names.putIfAbsent(spec.get().name(), at);
      if (first != null) {
        problems.add(
            at,
            namePath,
            "environment '"
                + spec.get().name()
                + "' is already declared at line "
                + first.line()
                + "; each environment is declared once");
        continue;
      }
      manifests.add(new Manifest(spec.get(), canonical(document), source));
    }
    if (!problems.isEmpty()) {
      throw new ManifestException(problems.inDocumentOrder());
    }
    return List.copyOf(manifests);
  }

  private static String canonical(LocatedDocument document) {
    try {
      return CANONICAL.writeValueAsString(document.root());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree read from YAML always serialises as JSON", e);
    }
  }
}
