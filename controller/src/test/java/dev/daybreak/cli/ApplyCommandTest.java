package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ApplyCommandTest {

  @TempDir Path dir;
  private final Cli cli = new Cli();

  @Test
  void apply_validManifest_createsThenLeavesUnchangedThenConfigures() throws Exception {
    Path file = Fixtures.write(dir, "seed.yaml", Fixtures.SEED);

    Cli.Result created = cli.memory("apply", "-f", file.toString());
    Cli.Result unchanged = cli.memory("apply", "-f", file.toString());
    Fixtures.write(dir, "seed.yaml", Fixtures.SEED.replace("replicas: 3", "replicas: 4"));
    Cli.Result configured = cli.memory("apply", "-f", file.toString());

    assertThat(created.exitCode()).isZero();
    assertThat(created.out()).isEqualTo("environment/seed created (generation 1)\n");
    assertThat(unchanged.out()).isEqualTo("environment/seed unchanged (generation 1)\n");
    assertThat(configured.out()).isEqualTo("environment/seed configured (generation 2)\n");
    assertThat(cli.store.spec("seed").orElseThrow().generation()).isEqualTo(2);
  }

  @Test
  void apply_oneInvalidDocumentAmongValidOnes_writesNothingAndNamesTheProblem() throws Exception {
    Path good = Fixtures.write(dir, "good.yaml", Fixtures.SEED);
    Path bad =
        Fixtures.write(
            dir,
            "bad.yaml",
            Fixtures.SEED
                .replace("name: seed", "name: other")
                .replace("dependsOn: [a]", "dependsOn: [zz]"));

    Cli.Result result = cli.memory("apply", "-f", good.toString(), "-f", bad.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("bad.yaml").contains("'zz'").contains("nothing applied");
    assertThat(result.out()).isEmpty();
    assertThat(cli.store.scanByHand()).isEmpty();
  }

  @Test
  void apply_clusterArnInAnotherAccountWithoutRole_writesNothingAndSaysWhy() throws Exception {
    Path region =
        Fixtures.write(
            dir,
            "region.yaml",
            Fixtures.SEED.replace(
                "cluster: dev", "cluster: arn:aws:ecs:eu-west-1:123456789012:cluster/dev"));
    Path account =
        Fixtures.write(
            dir,
            "account.yaml",
            Fixtures.SEED
                .replace("name: seed", "name: other")
                .replace(
                    "cluster: dev", "cluster: arn:aws:ecs:us-east-1:999999999999:cluster/dev"));
    Path home =
        Fixtures.write(
            dir,
            "home.yaml",
            Fixtures.SEED
                .replace("name: seed", "name: home")
                .replace(
                    "cluster: dev", "cluster: arn:aws:ecs:us-east-1:123456789012:cluster/dev"));

    Cli.Result refused =
        cli.memory(
            "apply",
            "-f",
            region.toString(),
            "-f",
            account.toString(),
            "-f",
            home.toString(),
            "--region",
            "us-east-1",
            "--account",
            "123456789012");
    Cli.Result accepted =
        cli.memory(
            "apply", "-f", home.toString(), "--region", "us-east-1", "--account", "123456789012");

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err())
        .contains("account.yaml", "account 999999999999", "spec.aws.roleArn", "nothing applied")
        .doesNotContain("region.yaml")
        .doesNotContain("home.yaml");
    assertThat(accepted.exitCode()).isZero();
    assertThat(cli.store.environments()).containsExactly("home");
  }

  @Test
  void apply_sameEnvironmentInTwoFiles_isRejected() throws Exception {
    Path one = Fixtures.write(dir, "one.yaml", Fixtures.SEED);
    Path two = Fixtures.write(dir, "two.yaml", Fixtures.SEED);

    Cli.Result result = cli.memory("apply", "-f", one.toString(), "-f", two.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("environment 'seed' is also declared in " + one);
    assertThat(cli.store.scanByHand()).isEmpty();
  }

  @Test
  void apply_missingFile_saysWhichAndWritesNothing() {
    Cli.Result result = cli.memory("apply", "-f", dir.resolve("nope.yaml").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("nope.yaml").contains("cannot read");
    assertThat(cli.store.scanByHand()).isEmpty();
  }

  @Test
  void apply_withoutFile_isAUsageError() {
    Cli.Result result = cli.memory("apply");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("error: Missing required option: '--filename=FILE'");
  }
}
