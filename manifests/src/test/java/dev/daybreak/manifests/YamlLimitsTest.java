package dev.daybreak.manifests;

import static dev.daybreak.manifests.ManifestAssertions.assertError;
import static dev.daybreak.manifests.ManifestAssertions.errors;
import static dev.daybreak.manifests.ManifestAssertions.onlyError;
import static java.util.Collections.nCopies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How YAML is read: hostile and broken input is refused with a located, stated limit. */
class YamlLimitsTest {

  /** A valid document of 4 lines, to which extension fields can be appended. */
  private static final String VALID =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata: {name: shop}
      spec: {cluster: dev, services: [{name: a}]}
      """;

  /** Levels of lists of aliases to the level below: {@code width^levels} values once expanded. */
  private static String laughs(int levels, int width) {
    StringBuilder yaml = new StringBuilder("l0: &l0 [" + String.join(", ", nCopies(width, "x")));
    yaml.append("]\n");
    for (int level = 1; level <= levels; level++) {
      yaml.append("l").append(level).append(": &l").append(level).append(" [");
      yaml.append(String.join(", ", nCopies(width, "*l" + (level - 1)))).append("]\n");
    }
    return yaml.toString();
  }

  @Test
  void billionLaughs_isRefusedAtTheAliasOverTheLimit() {
    ManifestError error = onlyError(laughs(9, 10));

    // Aliases 1-10 are on line 2, 11-20 on line 3, ...; the 51st is the first on line 7.
    assertError(
        error,
        7,
        10,
        "l6[0]",
        "more than 50 aliases in one document; the limit refuses alias bombs");
  }

  @Test
  void aliasExpansion_isRefusedBeyondTheValueLimitWithFewAliases() {
    // 5 levels of 9 aliases: only 45 aliases, but 9^6 values once expanded.
    String yaml = laughs(5, 9);

    ManifestError error = onlyError(yaml);

    assertThat(error.message())
        .isEqualTo(
            "the document holds more than 100000 values once its aliases are expanded; the limit"
                + " refuses alias bombs (\"billion laughs\") and runaway files");
    assertThat(error.path()).startsWith("l5[");
  }

  @Test
  void deepNesting_isRefusedAtTheFirstLevelOverTheLimit() {
    String yaml = "a: " + "[".repeat(100) + "]".repeat(100) + "\n";

    ManifestError error = onlyError(yaml);

    assertThat(error.line()).isEqualTo(1);
    assertThat(error.column()).isEqualTo(4 + ManifestLimits.MAX_NESTING_DEPTH);
    assertThat(error.path()).isEqualTo("a" + "[0]".repeat(ManifestLimits.MAX_NESTING_DEPTH));
    assertThat(error.message())
        .isEqualTo(
            "mappings and sequences nest deeper than 32 levels; an Environment manifest needs"
                + " fewer than 10");
  }

  @Test
  void deepNestingThroughAliases_isRefusedToo() {
    StringBuilder yaml = new StringBuilder("l0: &l0 [x]\n");
    for (int level = 1; level <= 40; level++) {
      yaml.append("l").append(level).append(": &l").append(level).append(" [*l");
      yaml.append(level - 1).append("]\n");
    }

    assertThat(onlyError(yaml.toString()).message()).contains("nest deeper than 32 levels");
  }

  @Test
  void oversizedText_isRefusedBeforeItIsParsed() {
    String yaml = "# " + "x".repeat(ManifestLimits.MAX_CODE_POINTS) + "\n";

    assertError(
        onlyError(yaml),
        1,
        1,
        "",
        "the manifest has 1048579 characters; the limit is 1048576 (1 MiB)");
  }

  @Test
  void oversizedFile_isRefusedWithoutReadingItAll(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("huge.yaml");
    Files.write(file, new byte[ManifestLimits.MAX_FILE_BYTES + 1]);

    ManifestException e = catchThrowableOfType(ManifestException.class, () -> Manifests.load(file));

    assertThat(e.errors())
        .containsExactly(
            new ManifestError(
                file.toString(),
                0,
                0,
                "",
                "the file is larger than 1048576 bytes (1 MiB), the limit for a manifest: split"
                    + " it into several files"));
  }

  @Test
  void invalidUtf8_isLocatedAtTheBadByte(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("latin1.yaml");
    Files.write(
        file, "apiVersion: daybreak.dev/v1\nkind: Envir\u00f6nment\n".getBytes("ISO-8859-1"));

    ManifestException e = catchThrowableOfType(ManifestException.class, () -> Manifests.load(file));

    assertThat(e.errors())
        .containsExactly(
            new ManifestError(
                file.toString(),
                2,
                12,
                "",
                "not valid UTF-8: byte 0xF6 at offset 39 does not start or continue a character;"
                    + " save the file as UTF-8"));
  }

  @Test
  void tabIndentation_isExplained() {
    assertError(
        onlyError("apiVersion: daybreak.dev/v1\nmetadata:\n\tname: shop\n"),
        3,
        1,
        "",
        "a tab character cannot indent YAML; indent with spaces");
  }

  @Test
  void syntaxError_isLocatedWhereTheParserStopped() {
    assertError(
        onlyError("apiVersion: daybreak.dev/v1\nkind: [Environment\nmetadata: {}\n"),
        3,
        9,
        "",
        "not valid YAML: expected ',' or ']'",
        "while parsing a flow sequence that starts at line 2");
  }

  @Test
  void syntaxErrorInALaterDocument_stillReportsTheEarlierOnes() {
    List<ManifestError> errors =
        errors(
            """
            apiVersion: daybreak.dev/v1
            kind: Environment
            metadata: {name: one}
            spec: {cluster: dev, services: [{name: a, replicas: many}]}
            ---
            a: b: c
            """);

    assertThat(errors).extracting(ManifestError::line).containsExactly(4, 6);
  }

  @Test
  void duplicateKeys_areAllReportedWithTheFirstOccurrence() {
    List<ManifestError> errors =
        errors(
            """
            apiVersion: daybreak.dev/v1
            kind: Environment
            metadata: {name: shop}
            spec:
              cluster: dev
              services:
                - name: a
                  replicas: 1
                  replicas: 2
              cluster: prod
            """);

    assertThat(errors).hasSize(2);
    assertError(
        errors.get(0),
        9,
        7,
        "spec.services[0].replicas",
        "duplicate key 'replicas' (first set at line 8); a key may appear only once");
    assertError(
        errors.get(1), 10, 3, "spec.cluster", "duplicate key 'cluster' (first set at line 5)");
  }

  @Test
  void unknownAlias_isRefused() {
    assertError(
        onlyError("a: *nowhere\n"),
        1,
        4,
        "a",
        "unknown alias '*nowhere'; an alias refers to an anchor (&nowhere) defined earlier");
  }

  @Test
  void anchorsDoNotCrossDocuments() {
    List<ManifestError> errors = errors("x-a: &a [1]\n---\nx-b: *a\n");

    assertThat(errors).extracting(ManifestError::message).anyMatch(m -> m.contains("'*a'"));
  }

  @Test
  void mergeKeyOfAScalar_isRejected() {
    List<ManifestError> errors = errors(VALID + "x-a: &a 3\nx-b:\n  <<: *a\n");

    assertThat(errors).hasSize(1);
    assertError(
        errors.get(0),
        7,
        3,
        "x-b[\"<<\"]",
        "a merge key (<<) takes a mapping or a list of mappings, e.g. '<<: *defaults'");
  }

  @Test
  void customAndBinaryTags_areRejected() {
    List<ManifestError> errors = errors(VALID + "x-a: !vault secret/db\nx-b: !!binary aGVsbG8=\n");

    assertThat(errors).hasSize(2);
    assertError(errors.get(0), 5, 6, "x-a", "the YAML tag '!vault' is not supported");
    assertError(errors.get(1), 6, 6, "x-b", "the YAML tag '!!binary' is not supported");
  }

  @Test
  void coreTags_areAccepted() {
    assertThat(Manifests.parse("x.yaml", VALID + "x-a: !!str 3\nx-b: !!int 3\n")).hasSize(1);
  }

  @Test
  void emptyText_hasNoEnvironment() {
    assertError(
        onlyError("# only a comment\n---\n"),
        1,
        1,
        "",
        "no Environment document found; a manifest starts with 'apiVersion: daybreak.dev/v1'");
  }

  @Test
  void missingFileAndDirectory_areUnreadable(@TempDir Path dir) {
    ManifestException missing =
        catchThrowableOfType(
            ManifestException.class, () -> Manifests.load(dir.resolve("nope.yaml")));
    ManifestException directory =
        catchThrowableOfType(ManifestException.class, () -> Manifests.load(dir));

    assertThat(missing.errors())
        .containsExactly(
            new ManifestError(
                dir.resolve("nope.yaml").toString(), 0, 0, "", "cannot read: no such file"));
    assertThat(directory.getMessage())
        .isEqualTo(dir + ": cannot read: it is a directory; name the manifest files in it");
  }

  @Test
  void quotedEmptyString_isAValueButAnEmptyPlainScalarIsNot() {
    List<ManifestError> errors =
        errors(
            """
            apiVersion: daybreak.dev/v1
            kind: Environment
            metadata: {name: shop}
            spec:
              cluster: ""
              sleepOrder:
              services: [{name: a}]
            """);

    assertThat(errors)
        .extracting(ManifestError::message)
        .containsExactly(
            "'' is not a valid cluster; use 1 to 255 letters, digits, '-' and '_' (the ECS naming"
                + " rule), or a cluster ARN (arn:aws:ecs:REGION:ACCOUNT:cluster/NAME)",
            "has no value; give it one or remove the key");
  }

  @Test
  void columns_countCharactersNotBytesOrUtf16Units(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("utf8.yaml");
    Files.writeString(
        file,
        "apiVersion: daybreak.dev/v1\nkind: Environment\nmetadata:\n  name: shop\n"
            + "  annotations: {note: \"\uD83C\uDF19 \u591C\", bad: 1}\n"
            + "spec: {cluster: dev, services: [{name: a}]}\n",
        StandardCharsets.UTF_8);

    ManifestException e = catchThrowableOfType(ManifestException.class, () -> Manifests.load(file));

    // '"' at 23, then the moon (one code point, two UTF-16 units), a space and 夜 (three bytes).
    assertThat(e.errors())
        .containsExactly(
            new ManifestError(
                file.toString(),
                5,
                35,
                "metadata.annotations.bad",
                "expected a string; found a number (1)"));
  }
}
