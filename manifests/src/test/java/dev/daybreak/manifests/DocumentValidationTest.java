package dev.daybreak.manifests;

import static dev.daybreak.manifests.ManifestAssertions.assertError;
import static dev.daybreak.manifests.ManifestAssertions.errors;
import static dev.daybreak.manifests.ManifestAssertions.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rejections of the document's frame: apiVersion, kind, metadata and spec's own fields. */
class DocumentValidationTest {

  @Test
  void wrongApiVersionAndKind_areBothReportedWithTheExpectedValues() {
    List<ManifestError> errors =
        errors(
            """
            apiVersion: daybreak.dev/v2
            kind: Deployment
            metadata: {name: shop}
            spec: {cluster: dev, services: [{name: a}]}
            """);

    assertThat(errors).hasSize(2);
    assertError(
        errors.get(0), 1, 13, "apiVersion", "expected 'daybreak.dev/v1'; found 'daybreak.dev/v2'");
    assertError(errors.get(1), 2, 7, "kind", "expected 'Environment'; found 'Deployment'");
  }

  @Test
  void missingTopLevelFields_areReportedAtTheDocumentStart() {
    List<ManifestError> errors =
        errors(
            """
            # an almost empty manifest
            metadata: {name: shop}
            """);

    assertThat(errors)
        .extracting(ManifestError::path)
        .containsExactly("apiVersion", "kind", "spec");
    assertError(errors.get(0), 2, 1, "apiVersion", "is required: 'daybreak.dev/v1'");
    assertError(errors.get(2), 2, 1, "spec", "is required: a mapping with cluster and services");
  }

  @Test
  void unknownTopLevelField_isRejectedButExtensionsAreNot() {
    assertError(
        onlyError(
            """
            apiVersion: daybreak.dev/v1
            kind: Environment
            x-notes: anything goes here
            metadata: {name: shop}
            status: {phase: Awake}
            spec: {cluster: dev, services: [{name: a}]}
            """),
        5,
        1,
        "status",
        "unknown field 'status'",
        "valid fields here: apiVersion, kind, metadata, spec, and x-* extensions");
  }

  @Test
  void environmentNameThatIsNotADnsLabel_isRejectedWithTheRule() {
    for (String name : List.of("Shop", "shop_dev", "-shop", "a".repeat(64))) {
      ManifestError error =
          onlyError(
              "apiVersion: daybreak.dev/v1\nkind: Environment\nmetadata:\n  name: "
                  + name
                  + "\nspec: {cluster: dev, services: [{name: a}]}\n");

      assertError(
          error,
          4,
          9,
          "metadata.name",
          "is not a valid environment name",
          "at most 63 lowercase letters, digits and '-'");
    }
  }

  @Test
  void metadataWithoutName_isReportedAtTheMetadataKey() {
    assertError(
        onlyError(
            """
            apiVersion: daybreak.dev/v1
            kind: Environment
            metadata:
              labels: {team: shop}
            spec: {cluster: dev, services: [{name: a}]}
            """),
        3,
        1,
        "metadata.name",
        "is required: the environment's name");
  }

  @Test
  void badLabelKeysAndValues_areRejectedButAnnotationsTakeAnyText() {
    List<ManifestError> errors =
        errors(
            """
            apiVersion: daybreak.dev/v1
            kind: Environment
            metadata:
              name: shop
              labels:
                "bad key": x
                team: "two words"
                example.com/owner: alice
              annotations:
                example.com/note: "two words are fine here"
            spec: {cluster: dev, services: [{name: a}]}
            """);

    assertThat(errors).hasSize(2);
    assertError(errors.get(0), 6, 5, "metadata.labels[\"bad key\"]", "is not a valid key");
    assertError(
        errors.get(1), 7, 11, "metadata.labels.team", "'two words' is not a valid label value");
  }

  @Test
  void clusterThatIsNeitherAnEcsNameNorAnArn_isRejected() {
    assertError(
        onlyError(
            """
            apiVersion: daybreak.dev/v1
            kind: Environment
            metadata: {name: shop}
            spec:
              cluster: arn:aws:ecs:ap-northeast-1:123:cluster/dev
              services: [{name: a}]
            """),
        5,
        12,
        "spec.cluster",
        "is not a valid cluster",
        "or a cluster ARN");
  }

  @Test
  void wrongTypes_nameTheExpectedAndFoundTypes() {
    List<ManifestError> errors =
        errors(
            """
            apiVersion: daybreak.dev/v1
            kind: Environment
            metadata: {name: [shop]}
            spec:
              cluster: 42
              services: {name: a}
            """);

    assertThat(errors).hasSize(3);
    assertError(errors.get(0), 3, 18, "metadata.name", "expected a string; found a list");
    assertError(errors.get(1), 5, 12, "spec.cluster", "expected a string; found a number (42)");
    assertError(
        errors.get(2),
        6,
        13,
        "spec.services",
        "expected a list of services, each with at least a name; found a mapping");
  }

  @Test
  void unknownSleepOrder_listsTheValidOrders() {
    assertError(
        onlyError(
            """
            apiVersion: daybreak.dev/v1
            kind: Environment
            metadata: {name: shop}
            spec:
              cluster: dev
              sleepOrder: reversed
              services: [{name: a}]
            """),
        6,
        15,
        "spec.sleepOrder",
        "unknown sleepOrder 'reversed' (did you mean 'reverse'?); valid: reverse, parallel");
  }

  @Test
  void everyProblemOfADocument_isReportedInDocumentOrder() {
    List<ManifestError> errors =
        errors(
            """
            apiVersion: daybreak.dev/v1
            kind: Environment
            metadata: {name: Shop}
            spec:
              cluster: dev
              services:
                - {name: a, replicas: -3}
                - {name: b, timeout: soon, dependsOn: [a, c]}
              notify: {slack: {channel: general}}
            """);

    assertThat(errors)
        .extracting(ManifestError::path)
        .containsExactly(
            "metadata.name",
            "spec.services[0].replicas",
            "spec.services[1].timeout",
            "spec.services[1].dependsOn[1]",
            "spec.notify.slack.channel");
  }

  @Test
  void documentThatIsNotAMapping_isRejected() {
    assertError(
        onlyError("- apiVersion: daybreak.dev/v1\n"),
        1,
        1,
        "",
        "a manifest document is a mapping with apiVersion, kind, metadata and spec; found a list");
  }

  @Test
  void sameEnvironmentTwiceInAFile_isRejectedAtTheSecond() {
    String document =
        """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata: {name: shop}
        spec: {cluster: dev, services: [{name: a}]}
        """;

    assertError(
        onlyError(document + "---\n" + document),
        8,
        18,
        "metadata.name",
        "environment 'shop' is already declared at line 3");
  }

  @Test
  void errorsInSeveralDocuments_areAllReported() {
    List<ManifestError> errors =
        errors(
            """
            apiVersion: daybreak.dev/v1
            kind: Environment
            metadata: {name: one}
            spec: {cluster: dev, services: [{name: a, replicas: x}]}
            ---
            apiVersion: daybreak.dev/v1
            kind: Environment
            metadata: {name: two}
            spec: {cluster: dev, services: [{name: b, readiness: maybe}]}
            """);

    assertThat(errors).extracting(ManifestError::line).containsExactly(4, 9);
  }
}
