package dev.daybreak.manifests;

import static dev.daybreak.manifests.ManifestAssertions.assertError;
import static dev.daybreak.manifests.ManifestAssertions.errors;
import static dev.daybreak.manifests.ManifestAssertions.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Dependency-graph errors, each reported at the {@code dependsOn} entry or name at fault. */
class GraphValidationTest {

  private static final String HEAD =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata: {name: shop}
      spec:
        cluster: dev
        services:
      """;

  @Test
  void cycle_isNamedAsAPathAtTheDependsOnEntryThatClosesIt() {
    String yaml =
        HEAD
            + """
                - name: api
                  dependsOn: [worker]
                - name: worker
                  dependsOn:
                    - db
                    - api
                - name: db
            """;

    assertError(
        onlyError(yaml),
        12,
        11,
        "spec.services[1].dependsOn[1]",
        "dependency cycle: api -> worker -> api",
        "remove one of these dependsOn entries");
  }

  @Test
  void longerCycle_isNamedWithEveryService() {
    String yaml =
        HEAD
            + """
                - {name: a, dependsOn: [c]}
                - {name: b, dependsOn: [a]}
                - {name: c, dependsOn: [b]}
            """;

    assertError(
        onlyError(yaml),
        8,
        29,
        "spec.services[1].dependsOn[0]",
        "dependency cycle: a -> c -> b -> a");
  }

  @Test
  void unknownDependency_isReportedAtTheEntryWithTheClosestService() {
    String yaml =
        HEAD
            + """
                - name: database
                - name: api
                  dependsOn: [databse]
            """;

    assertError(
        onlyError(yaml),
        9,
        19,
        "spec.services[1].dependsOn[0]",
        "service 'api' depends on 'databse', which is not a service of this environment",
        "(did you mean 'database'?)");
  }

  @Test
  void selfDependency_isReportedAtTheEntry() {
    String yaml =
        HEAD
            + """
                - name: api
                  dependsOn: [api]
            """;

    assertError(
        onlyError(yaml),
        8,
        19,
        "spec.services[0].dependsOn[0]",
        "service 'api' depends on itself; remove this entry");
  }

  @Test
  void duplicateServiceNames_areReportedAtEachRepeat() {
    String yaml =
        HEAD
            + """
                - name: api
                - name: db
                - name: api
                - name: api
            """;

    List<ManifestError> errors = errors(yaml);

    assertThat(errors).hasSize(2);
    assertError(errors.get(0), 9, 13, "spec.services[2].name", "'api' is declared more than once");
    assertError(errors.get(1), 10, 13, "spec.services[3].name", "'api' is declared more than once");
  }

  @Test
  void twoServicesNamingOneEcsService_areReportedAtTheSecond() {
    String yaml =
        HEAD
            + """
                - name: api
                  ecsService: shared
                - name: worker
                  ecsService: shared
            """;

    List<ManifestError> errors = errors(yaml);

    assertThat(errors).hasSize(1);
    assertError(
        errors.get(0),
        10,
        19,
        "spec.services[1].ecsService",
        "ECS service 'shared' already belongs to service 'api'");
  }

  @Test
  void graphErrors_areFoundEvenWhenOtherFieldsOfTheServiceAreInvalid() {
    String yaml =
        HEAD
            + """
                - name: api
                  readiness: up
                  dependsOn: [nosuch]
            """;

    List<ManifestError> errors = errors(yaml);

    assertThat(errors)
        .extracting(ManifestError::path)
        .containsExactly("spec.services[0].readiness", "spec.services[0].dependsOn[0]");
  }
}
