package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.daybreak.model.InvalidDesired;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

final class GetDescribeCommandTest {

  @TempDir Path dir;
  private final Cli cli = new Cli();

  @BeforeEach
  void applyTwoEnvironments() throws Exception {
    cli.memory("apply", "-f", Fixtures.write(dir, "s.yaml", Fixtures.SEED).toString());
    cli.clock.advance(Duration.ofHours(5));
    cli.memory(
        "apply",
        "-f",
        Fixtures.write(dir, "q.yaml", Fixtures.SEED.replace("name: seed", "name: qa")).toString());
    cli.clock.advance(Duration.ofMinutes(30));
  }

  @Test
  void getEnvs_table_showsOneAlignedRowPerEnvironment() {
    cli.memory("wake", "seed", "--until", "18:30");
    cli.store.writeStatus("seed", StatusFixtures.waking(1), 0);

    Cli.Result result = cli.memory("get", "envs");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            """
            NAME   PHASE    DESIRED   TIER       UNTIL                  NEXT                                         AGE
            qa     -        -         -          -                      -                                            30m
            seed   Waking   AWAKE     1 (of 3)   2026-12-01 18:30 JST   sleep Tue 2026-12-01 18:30 (override ends)   5h30m
            """);
  }

  @Test
  void getEnvs_showsInvalidAndExpiredDesiredItems() {
    cli.memory("wake", "seed", "--for", "10m");
    cli.clock.advance(Duration.ofMinutes(11));
    cli.store.updateDesiredByHand("qa", Map.of("state", AttributeValue.fromS("ON")), Set.of());

    Cli.Result result = cli.memory("get", "envs");

    assertThat(result.out())
        .contains("qa     -       INVALID")
        .contains("AWAKE     -      2026-11-30 22:40 JST (expired)");
  }

  @Test
  void getEnvs_desiredItemTheControllerCannotUse_showsDesiredStateInvalidAsPhase_describeWhy() {
    cli.store.writeStatus(
        "qa",
        InvalidDesired.plan(
                "qa",
                "state",
                "attribute 'state' is 'AWAKEN'; expected AWAKE or ASLEEP",
                StatusFixtures.asleep(),
                cli.clock.instant())
            .status(),
        0);
    cli.store.updateDesiredByHand("qa", Map.of("state", AttributeValue.fromS("AWAKEN")), Set.of());

    assertThat(cli.memory("get", "envs").out()).contains("qa     DesiredStateInvalid   INVALID");
    assertThat(cli.memory("describe", "env", "qa").out())
        .contains("DesiredStateInvalid")
        .contains("InvalidState")
        .contains("attribute 'state' is 'AWAKEN'; expected AWAKE or ASLEEP");
  }

  @Test
  void describeEnv_handEditWithOnlyState_auditSaysWhatWasDefaulted() throws Exception {
    cli.store.updateDesiredByHand("qa", Map.of("state", AttributeValue.fromS("awake")), Set.of());
    cli.memory("sleep", "qa", "--as", "bob");

    assertThat(cli.memory("describe", "env", "qa").out())
        .contains("dynamodb (defaulted requestedBy, reason, requestedAt)");
    JsonNode audit =
        new ObjectMapper()
            .readTree(cli.memory("describe", "env", "qa", "-o", "json").out())
            .path("audit");
    assertThat(audit.get(1).path("who").asText()).isEqualTo("dynamodb (hand edit)");
    assertThat(audit.get(1).path("via").asText()).isEqualTo("dynamodb");
    assertThat(audit.get(1).path("defaulted").toString())
        .isEqualTo("[\"requestedBy\",\"reason\",\"requestedAt\"]");
    assertThat(audit.get(0).path("defaulted")).isEmpty();
  }

  @Test
  void getEnvs_json_isAListScriptsCanRead() throws Exception {
    cli.memory("wake", "seed", "--services", "b", "--as", "alice");
    cli.store.writeStatus("seed", StatusFixtures.waking(2), 0);

    Cli.Result result = cli.memory("get", "envs", "seed", "-o", "json");

    JsonNode list = new ObjectMapper().readTree(result.out());
    assertThat(list.path("kind").asText()).isEqualTo("EnvironmentList");
    JsonNode seed = list.path("items").get(0);
    assertThat(seed.path("name").asText()).isEqualTo("seed");
    assertThat(seed.path("generation").asLong()).isEqualTo(1);
    assertThat(seed.path("tiers").asInt()).isEqualTo(3);
    assertThat(seed.path("manifest").path("spec").path("cluster").asText()).isEqualTo("dev");
    assertThat(seed.path("desired").path("state").asText()).isEqualTo("AWAKE");
    assertThat(seed.path("desired").path("services").get(0).asText()).isEqualTo("b");
    assertThat(seed.path("desired").path("requestedBy").asText()).isEqualTo("alice");
    assertThat(seed.path("desired").path("handEdited").asBoolean()).isFalse();
    assertThat(seed.path("status").path("phase").asText()).isEqualTo("WAKING");
    assertThat(seed.path("status").path("services").path("b").path("runningCount").asInt())
        .isEqualTo(2);
    assertThat(seed.path("status").path("version").asLong()).isEqualTo(1);
    assertThat(list.path("items")).hasSize(1);
  }

  @Test
  void getEnvs_yaml_carriesTheSameTree() throws Exception {
    Cli.Result json = cli.memory("get", "envs", "-o", "json");
    Cli.Result yaml = cli.memory("get", "envs", "-o", "yaml");

    assertThat(new YAMLMapper().readTree(yaml.out()))
        .isEqualTo(new ObjectMapper().readTree(json.out()));
  }

  @Test
  void get_unknownTypeOrEnvironment_isAOneLineError() {
    Cli.Result type = cli.memory("get", "pods");
    Cli.Result name = cli.memory("get", "envs", "prod");

    assertThat(type.exitCode()).isEqualTo(2);
    assertThat(type.err()).startsWith("error: unknown resource type 'pods'");
    assertThat(name.exitCode()).isEqualTo(1);
    assertThat(name.err())
        .isEqualTo(
            "error: unknown environment 'prod': no manifest applied under that name (known: qa,"
                + " seed); apply one with daybreak apply -f FILE\n");
    assertThat(name.out()).isEmpty();
  }

  @Test
  void describeEnv_showsSpecDesiredStatusConditionsAndAudit() {
    cli.memory("wake", "seed", "--for", "2h", "--reason", "demo", "--as", "alice");
    cli.store.writeStatus("seed", StatusFixtures.degraded(), 0);

    Cli.Result result = cli.memory("describe", "env", "seed");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("Name:         seed")
        .contains("Cluster:      dev")
        .contains("Generation:   1 (applied 2026-11-30 17:00 JST, created 2026-11-30 17:00 JST)")
        .contains("Tiers:        0: a  |  1: b  |  2: c")
        .contains("Desired:      AWAKE until 2026-12-01 00:30 JST (all services)")
        .contains("Requested:  by alice at 2026-11-30 22:30 JST: \"demo\" (version 1)")
        .contains("Status:       Degraded toward AWAKE, tier 1 (of 3), observed generation 1")
        .containsPattern("1 +b +b +no +0 +3 +3 +0")
        .contains("Degraded   TRUE     ServiceTimedOut")
        .contains("latest event: (service b) failed to launch")
        .containsPattern("2026-11-30 22:30 JST +alice +cli +- +AWAKE +2026-12-01 00:30 JST +demo");
  }

  @Test
  void describeEnv_handEditedItem_saysSo() {
    cli.memory("sleep", "seed");
    cli.store.updateDesiredByHand("seed", Map.of("state", AttributeValue.fromS("AWAKE")), Set.of());

    Cli.Result result = cli.memory("describe", "env", "seed");

    assertThat(result.out())
        .contains("Desired:      AWAKE (all services)")
        .contains("edited by hand in DynamoDB")
        .contains("Status:       none yet");
  }

  @Test
  void describeEnv_json_includesTheAudit() throws Exception {
    cli.memory("wake", "seed", "--as", "alice");
    cli.memory("sleep", "seed", "--as", "bob");

    Cli.Result result = cli.memory("describe", "env", "seed", "-o", "json");

    JsonNode node = new ObjectMapper().readTree(result.out());
    assertThat(node.path("audit")).hasSize(2);
    assertThat(node.path("audit").get(0).path("who").asText()).isEqualTo("bob");
    assertThat(node.path("audit").get(0).path("from").asText()).isEqualTo("AWAKE");
    assertThat(node.path("desired").path("state").asText()).isEqualTo("ASLEEP");
  }
}
