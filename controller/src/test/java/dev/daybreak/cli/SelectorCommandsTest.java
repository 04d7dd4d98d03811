package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.State;
import dev.daybreak.store.DesiredRead;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code get}, {@code wake} and {@code sleep} with {@code -l/--selector}, in-process. */
final class SelectorCommandsTest {

  @TempDir Path dir;
  private final Cli cli = new Cli();
  private final List<String> asked = new ArrayList<>();

  private static String manifest(String name, String labels) {
    return """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata:
          name: %s
          labels: %s
        spec:
          cluster: dev
          services:
            - name: a
              replicas: 1
            - name: b
              replicas: 2
              dependsOn: [a]
        """
        .formatted(name, labels);
  }

  @BeforeEach
  void applyThree() throws Exception {
    apply("shop-dev", "{team: shop, tier: dev}");
    apply("shop-stg", "{team: shop, tier: staging}");
    apply("pay-dev", "{team: pay, tier: dev}");
  }

  private void apply(String name, String labels) throws Exception {
    Path file = Fixtures.write(dir, name + ".yaml", manifest(name, labels));
    assertThat(cli.memory("apply", "-f", file.toString()).exitCode()).isZero();
  }

  private Optional<State> desired(String environment) {
    return cli.store.desired(environment) instanceof DesiredRead.Valid valid
        ? Optional.of(valid.stored().desired().state())
        : Optional.empty();
  }

  private Confirmation answering(boolean yes) {
    return question -> {
      asked.add(question);
      return Optional.of(yes);
    };
  }

  @Test
  void get_withSelector_listsOnlyMatchingEnvironments() {
    Cli.Result result = cli.memory("get", "envs", "-l", "team=shop");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("shop-dev").contains("shop-stg").doesNotContain("pay-dev");
  }

  @Test
  void get_withSetSelector_asJson_listsOnlyMatchingEnvironments() {
    Cli.Result result =
        cli.memory("get", "envs", "--selector", "tier in (dev), team notin (shop)", "-o", "json");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("\"pay-dev\"").doesNotContain("shop-dev");
  }

  @Test
  void get_withNamesAndSelector_listsTheNamedOnesThatMatch() {
    Cli.Result result = cli.memory("get", "envs", "shop-dev", "pay-dev", "-l", "tier=dev,team");

    assertThat(result.out()).contains("shop-dev").contains("pay-dev").doesNotContain("shop-stg");
  }

  @Test
  void get_selectorMatchingNothing_exits1_namingTheLabelsInUse() {
    Cli.Result result = cli.memory("get", "envs", "-l", "team=web");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "error: no environment matches the selector 'team=web' (of 3 environment(s); labels"
                + " in use: team=pay, team=shop, tier=dev, tier=staging)\n");
  }

  @Test
  void get_invalidSelector_isAUsageError_namingTheColumn() {
    Cli.Result result = cli.memory("get", "envs", "-l", "team in shop");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith(
            "error: Invalid value for option '--selector': invalid selector 'team in shop': at"
                + " column 9: expected '(' after 'in'");
  }

  @Test
  void sleep_withSelectorAndYes_sleepsEveryMatch_andNothingElse() {
    Cli.Result result = cli.memory("sleep", "-l", "tier=dev", "--yes", "--reason", "night");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "environment/pay-dev desired ASLEEP (version 1)\n"
                + "environment/shop-dev desired ASLEEP (version 1)\n");
    assertThat(desired("shop-dev")).contains(State.ASLEEP);
    assertThat(desired("pay-dev")).contains(State.ASLEEP);
    assertThat(desired("shop-stg")).isEmpty();
  }

  @Test
  void sleep_withSelector_confirmed_listsTheMatchesInTheQuestion_thenWrites() {
    cli.confirmation(answering(true));

    Cli.Result result = cli.memory("sleep", "-l", "team=shop");

    assertThat(result.exitCode()).isZero();
    assertThat(asked)
        .containsExactly(
            "2 environments match 'team=shop':\n"
                + "  environment/shop-dev\n"
                + "  environment/shop-stg\n"
                + "Put them all to sleep?");
    assertThat(desired("shop-dev")).contains(State.ASLEEP);
    assertThat(desired("shop-stg")).contains(State.ASLEEP);
  }

  @Test
  void sleep_withSelector_declined_writesNothing_andExits1() {
    cli.confirmation(answering(false));

    Cli.Result result = cli.memory("sleep", "-l", "team=shop");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("error: not confirmed; nothing was written\n");
    assertThat(desired("shop-dev")).isEmpty();
    assertThat(desired("shop-stg")).isEmpty();
  }

  @Test
  void sleep_withSelector_withoutTerminalOrYes_refuses_andWritesNothing() {
    Cli.Result result = cli.memory("sleep", "-l", "team=shop");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "error: refusing to put to sleep 2 environments matching 'team=shop' (shop-dev,"
                + " shop-stg) without a confirmation, and there is no terminal to ask on; add"
                + " --yes to confirm. Nothing was written\n");
    assertThat(desired("shop-dev")).isEmpty();
  }

  @Test
  void wake_withSelector_forAWhile_andServices_wakesEachMatch() {
    Cli.Result result = cli.memory("wake", "-l", "team=shop,tier!=dev", "-y", "--for", "1h");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo("environment/shop-stg desired AWAKE until 2026-11-30 18:00 JST (version 1)\n");
    assertThat(desired("shop-stg")).contains(State.AWAKE);
    assertThat(desired("shop-dev")).isEmpty();
  }

  @Test
  void wake_withSelector_andAServiceOneMatchLacks_writesNothing() throws Exception {
    apply("odd-dev", "{tier: dev}");
    Path other =
        Fixtures.write(
            dir,
            "odd.yaml",
            manifest("odd-dev", "{tier: dev}").replace("name: b", "name: x").replace("[a]", "[a]"));
    assertThat(cli.memory("apply", "-f", other.toString()).exitCode()).isZero();

    Cli.Result result = cli.memory("wake", "-l", "tier=dev", "--services", "b", "--yes");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("unknown service 'b' in --services: environment 'odd-dev'");
    assertThat(desired("shop-dev")).isEmpty();
    assertThat(desired("pay-dev")).isEmpty();
  }

  @Test
  void wake_selectorMatchingNothing_exits1_andWritesNothing() {
    Cli.Result result = cli.memory("wake", "-l", "!team", "--yes");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("error: no environment matches the selector '!team'");
  }

  @Test
  void wake_withNameAndSelector_isAUsageError() {
    Cli.Result result = cli.memory("wake", "shop-dev", "-l", "team=shop");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("give an environment NAME or -l SELECTOR, not both");
  }

  @Test
  void sleep_withNeitherNameNorSelector_isAUsageError() {
    Cli.Result result = cli.memory("sleep");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("Missing required parameter: 'NAME' (an environment), or -l SELECTOR");
  }
}
