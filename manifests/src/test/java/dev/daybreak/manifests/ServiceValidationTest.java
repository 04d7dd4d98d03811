package dev.daybreak.manifests;

import static dev.daybreak.manifests.ManifestAssertions.assertError;
import static dev.daybreak.manifests.ManifestAssertions.errors;
import static dev.daybreak.manifests.ManifestAssertions.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Rejections inside {@code spec.services}: each located at the value or key at fault. */
class ServiceValidationTest {

  /** A document whose one service {@code api} starts at line 8; the given lines start at 9. */
  private static String api(String... lines) {
    return """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata:
          name: shop
        spec:
          cluster: dev
          services:
            - name: api
        """
        + Arrays.stream(lines).map(line -> "      " + line + "\n").collect(Collectors.joining());
  }

  @Test
  void unknownField_isReportedAtItsKeyWithTheClosestField() {
    assertError(
        onlyError(api("replica: 3")),
        9,
        7,
        "spec.services[0].replica",
        "unknown field 'replica' (did you mean 'replicas'?)",
        "valid fields here: name, ecsService, replicas, restoreFallback, readiness, timeout,"
            + " dependsOn");
  }

  @Test
  void fieldInTheWrongCase_isSuggestedInTheRightCase() {
    assertError(
        onlyError(api("dependson: []")),
        9,
        7,
        "spec.services[0].dependson",
        "did you mean 'dependsOn'?");
  }

  @Test
  void negativeReplicas_areRejectedWithTheValidRange() {
    assertError(
        onlyError(api("replicas: -1")),
        9,
        17,
        "spec.services[0].replicas",
        "-1 is below the minimum of 0",
        "a whole number from 0 to 1000");
  }

  @Test
  void absurdReplicas_areRejectedAboveTheLimit() {
    assertError(
        onlyError(api("replicas: 5000")),
        9,
        17,
        "spec.services[0].replicas",
        "5000 is above the limit of 1000");
  }

  @Test
  void hugeReplicas_beyondAnInteger_areRejectedNotOverflowed() {
    assertError(
        onlyError(api("replicas: 99999999999999999999")),
        9,
        17,
        "spec.services[0].replicas",
        "99999999999999999999 is above the limit of 1000");
  }

  @Test
  void fractionalReplicas_areTheWrongType() {
    assertError(
        onlyError(api("replicas: 1.5")),
        9,
        17,
        "spec.services[0].replicas",
        "expected a whole number from 0 to 1000, or 'restore'; found a number (1.5)");
  }

  @Test
  void quotedReplicas_areAStringNotACount() {
    assertError(
        onlyError(api("replicas: \"3\"")),
        9,
        17,
        "spec.services[0].replicas",
        "'3' is not a count; expected a whole number from 0 to 1000, or 'restore'");
  }

  @Test
  void misspeltRestore_isSuggested() {
    assertError(
        onlyError(api("replicas: restor")),
        9,
        17,
        "spec.services[0].replicas",
        "'restor' is not a count (did you mean 'restore'?)");
  }

  @Test
  void restoreFallback_withoutRestore_isRejectedAtItsKey() {
    assertError(
        onlyError(api("replicas: 2", "restoreFallback: 1")),
        10,
        7,
        "spec.services[0].restoreFallback",
        "applies only with 'replicas: restore'");
  }

  @Test
  void restoreFallback_outOfRange_isRejected() {
    assertError(
        onlyError(api("replicas: restore", "restoreFallback: -2")),
        10,
        24,
        "spec.services[0].restoreFallback",
        "-2 is below the minimum of 0");
  }

  @Test
  void unknownReadiness_listsTheValidKinds() {
    assertError(
        onlyError(api("readiness: stabel")),
        9,
        18,
        "spec.services[0].readiness",
        "unknown readiness 'stabel' (did you mean 'stable'?)",
        "valid: running, stable, healthy");
  }

  @Test
  void durationWithSpaces_isRejectedWithTheAcceptedForms() {
    assertError(
        onlyError(api("timeout: 5 min")),
        9,
        16,
        "spec.services[0].timeout",
        "'5 min' is not a duration; expected a duration from 1s to 24h",
        "such as 90m, 2h, 1h30m, 2d or 500ms");
  }

  @Test
  void durationUnitsOutOfOrder_areRejected() {
    assertError(
        onlyError(api("timeout: 30m1h")),
        9,
        16,
        "spec.services[0].timeout",
        "'30m1h' is not a duration",
        "several largest first");
  }

  @Test
  void durationWithoutUnit_suggestsAddingOne() {
    assertError(
        onlyError(api("timeout: 300")),
        9,
        16,
        "spec.services[0].timeout",
        "found a number (300) without a unit",
        "300s");
  }

  @Test
  void durationInDays_isReadAndHeldToTheRange() {
    assertError(
        onlyError(api("timeout: 2d")),
        9,
        16,
        "spec.services[0].timeout",
        "'2d' is out of range; expected a duration from 1s to 24h");
  }

  @Test
  void durationOutOfRange_isRejectedWithTheRange() {
    List<ManifestError> errors = errors(api("timeout: 0s") + "    - {name: b, timeout: 25h}\n");

    assertThat(errors).hasSize(2);
    assertError(
        errors.get(0), 9, 16, "spec.services[0].timeout", "'0s' is out of range", "1s to 24h");
    assertError(
        errors.get(1), 10, 26, "spec.services[1].timeout", "'25h' is out of range", "1s to 24h");
  }

  @Test
  void nameThatIsNotAnEcsName_isRejectedWithTheRule() {
    List<ManifestError> errors =
        errors(api("ecsService: " + "x".repeat(256)) + "    - name: my api\n");

    assertThat(errors).hasSize(2);
    assertError(
        errors.get(0),
        9,
        19,
        "spec.services[0].ecsService",
        "is not a valid name",
        "1 to 255 letters, digits, '-' and '_' (the ECS naming rule)");
    assertError(errors.get(1), 10, 13, "spec.services[1].name", "'my api' is not a valid name");
  }

  @Test
  void missingName_isReportedAtTheService() {
    String yaml =
        """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata: {name: shop}
        spec:
          cluster: dev
          services:
            - replicas: 2
        """;

    assertError(onlyError(yaml), 7, 7, "spec.services[0].name", "is required: the service's name");
  }

  @Test
  void dependsOnThatIsNotAList_isTheWrongType() {
    assertError(
        onlyError(api("dependsOn: db")),
        9,
        18,
        "spec.services[0].dependsOn",
        "expected a list of service names, such as [db, cache]; found a string ('db')");
  }

  @Test
  void dependsOnListingAServiceTwice_isRejectedAtTheRepeat() {
    String yaml = api("dependsOn: [db, db]") + "    - name: db\n";

    assertError(onlyError(yaml), 9, 23, "spec.services[0].dependsOn[1]", "'db' is listed twice");
  }

  @Test
  void nullValue_isRejectedRatherThanTakenAsTheDefault() {
    assertError(
        onlyError(api("timeout:")),
        9,
        15,
        "spec.services[0].timeout",
        "has no value; give it one or remove the key");
  }

  @Test
  void emptyServices_areRejected() {
    String yaml =
        """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata: {name: shop}
        spec: {cluster: dev, services: []}
        """;

    assertError(onlyError(yaml), 4, 32, "spec.services", "lists no service");
  }

  @Test
  void moreServicesThanTheLimit_areRejectedBeforeTheGraphIsWalked() {
    StringBuilder yaml =
        new StringBuilder(
            "apiVersion: daybreak.dev/v1\nkind: Environment\nmetadata: {name: big}\n"
                + "spec:\n  cluster: dev\n  services:\n");
    for (int i = 0; i <= ManifestLimits.MAX_SERVICES; i++) {
      yaml.append("    - {name: s")
          .append(i)
          .append(", dependsOn: [s")
          .append(i + 1)
          .append("]}\n");
    }

    assertError(
        onlyError(yaml.toString()),
        7,
        5,
        "spec.services",
        "lists 501 services; the limit is 500 per environment");
  }
}
