package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphCommandTest {

  private static final String SEED = Path.of("..", "manifests", "examples", "seed.yaml").toString();

  @TempDir Path dir;

  @Test
  void graph_json_printsOneObjectPerLineWithTiersSortedByName() throws Exception {
    CliRun run = CliRun.of("graph", "-o", "json", SEED);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines())
        .containsExactly(
            "{\"environment\":\"seed\",\"tiers\":[[\"a\"],[\"b\"],[\"c\",\"d\",\"e\"]]}");
    JsonNode parsed = new ObjectMapper().readTree(run.out());
    assertThat(parsed.get("environment").asText()).isEqualTo("seed");
    assertThat(parsed.get("tiers")).hasSize(3);
  }

  @Test
  void graph_text_listsEachTierWithItsCounts() {
    CliRun run = CliRun.of("graph", SEED);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines())
        .containsExactly(
            "seed (cluster dev): 5 service(s) in 3 tier(s), sleeping reverse",
            "  tier 0: a (1)",
            "  tier 1: b (3)",
            "  tier 2: c (1), d (7), e (1)");
  }

  @Test
  void graph_severalEnvironments_printsEachInFileOrder() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("two.yaml"),
            """
            apiVersion: daybreak.dev/v1
            kind: Environment
            metadata: {name: one}
            spec:
              cluster: dev
              services: [{name: z}, {name: y, dependsOn: [z]}, {name: x, dependsOn: [z]}]
            ---
            apiVersion: daybreak.dev/v1
            kind: Environment
            metadata: {name: two}
            spec: {cluster: dev, services: [{name: solo, replicas: restore}]}
            """);

    CliRun json = CliRun.of("graph", "--output=JSON", file.toString());
    CliRun text = CliRun.of("graph", file.toString());

    assertThat(json.out().lines())
        .containsExactly(
            "{\"environment\":\"one\",\"tiers\":[[\"z\"],[\"x\",\"y\"]]}",
            "{\"environment\":\"two\",\"tiers\":[[\"solo\"]]}");
    assertThat(text.out())
        .contains("  tier 1: x (1), y (1)")
        .contains("  tier 0: solo (restore, else 1)");
    assertThat(List.of(json.exitCode(), text.exitCode())).containsOnly(0);
  }

  @Test
  void graph_manifestWithACycle_exitsOneWithTheCycleAndItsLine() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("cycle.yaml"),
            """
            apiVersion: daybreak.dev/v1
            kind: Environment
            metadata: {name: loop}
            spec:
              cluster: dev
              services:
                - {name: api, dependsOn: [worker]}
                - {name: worker, dependsOn: [api]}
            """);

    CliRun run = CliRun.of("graph", "-o", "json", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith(
            file + ":8:34: spec.services[1].dependsOn[0]: dependency cycle: api -> worker -> api");
  }

  @Test
  void graph_unknownFormat_isAUsageError() {
    CliRun run = CliRun.of("graph", "-o", "yaml", SEED);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("expected text or json, found 'yaml'");
  }

  @Test
  void graph_twoFiles_isAUsageError() {
    CliRun run = CliRun.of("graph", SEED, SEED);

    assertThat(run.exitCode()).isEqualTo(2);
  }
}
