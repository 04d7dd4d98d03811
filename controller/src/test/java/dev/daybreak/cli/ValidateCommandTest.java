package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  private static final Path EXAMPLES = Path.of("..", "manifests", "examples");

  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void validate_validExamples_exitsZeroAndCountsEnvironmentsPerFile() {
    Path seed = EXAMPLES.resolve("seed.yaml");
    Path shop = EXAMPLES.resolve("shop.yaml");

    CliRun run = CliRun.of("validate", seed.toString(), shop.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .isEqualTo(
            seed
                + ": 1 environment(s) valid"
                + System.lineSeparator()
                + shop
                + ": 1 environment(s) valid"
                + System.lineSeparator());
    assertThat(run.err()).isEmpty();
  }

  @Test
  void validate_invalidFile_exitsOneAndListsEveryErrorWithItsLocation() throws Exception {
    Path bad =
        write(
            "bad.yaml",
            """
            apiVersion: daybreak.dev/v1
            kind: Environment
            metadata: {name: bad}
            spec:
              cluster: dev
              services:
                - name: api
                  replicas: -1
                  dependsOn: [worker]
                - name: worker
                  timeout: 5 min
                  dependsOn: [api]
            """);

    CliRun run = CliRun.of("validate", bad.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines())
        .containsExactly(
            bad
                + ":8:17: spec.services[0].replicas: -1 is below the minimum of 0; expected a"
                + " whole number from 0 to 1000",
            bad
                + ":11:16: spec.services[1].timeout: '5 min' is not a duration; expected a"
                + " duration from 1s to 24h, written as a whole number with a unit (d, h, m, s or"
                + " ms), several largest first, such as 90m, 2h, 1h30m, 2d or 500ms, or ISO-8601"
                + " such as PT1H30M",
            bad
                + ":12:19: spec.services[1].dependsOn[0]: dependency cycle: api -> worker -> api;"
                + " services cannot wait for each other in a loop: remove one of these dependsOn"
                + " entries",
            "3 problem(s) in 1 of 1 file(s)");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void validate_oneBadFileAmongGoodOnes_reportsEachAndExitsOne() throws Exception {
    Path bad = write("bad.yaml", "apiVersion: daybreak.dev/v1\nkind: Environment\n");

    CliRun run = CliRun.of("validate", EXAMPLES.resolve("seed.yaml").toString(), bad.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("seed.yaml: 1 environment(s) valid");
    assertThat(run.err()).contains(bad + ":1:1: metadata: is required").contains("of 2 file(s)");
  }

  @Test
  void validate_unreadableFile_exitsOneAndSaysWhy() {
    Path missing = dir.resolve("missing.yaml");

    CliRun run = CliRun.of("validate", missing.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith(missing + ": cannot read: no such file");
  }

  @Test
  void validate_withoutFiles_isAUsageError() {
    CliRun run = CliRun.of("validate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter: 'FILE'");
  }
}
