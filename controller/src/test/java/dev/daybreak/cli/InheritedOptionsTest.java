package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The store options go before the subcommand as well as after it (picocli's inherited options),
 * only on the commands that use a store, and once.
 */
final class InheritedOptionsTest {

  private static final Set<String> STORE_COMMANDS =
      Set.of(
          "init",
          "apply",
          "get",
          "plan",
          "schedule",
          "describe",
          "wake",
          "sleep",
          "watch",
          "run",
          "reconcile",
          "savings");

  @TempDir Path dir;
  private final Cli cli = new Cli();

  @BeforeEach
  void applySeed() throws Exception {
    Path seed = Fixtures.write(dir, "s.yaml", Fixtures.SEED);
    assertThat(cli.run("--store", "memory", "apply", "-f", seed.toString()).exitCode()).isZero();
  }

  @Test
  void storeBeforeTheCommand_isTheSameAsAfterIt() {
    Cli.Result before = cli.run("--store", "memory", "get", "envs", "-o", "json");
    Cli.Result after = cli.run("get", "envs", "-o", "json", "--store", "memory");

    assertThat(before.exitCode()).isZero();
    assertThat(before.out()).contains("\"seed\"").isEqualTo(after.out());
  }

  @Test
  void everyStoreOption_isAcceptedBeforeTheCommand() {
    Cli.Result result =
        cli.run(
            "--store=memory",
            "--table",
            "t",
            "--dynamodb-endpoint",
            "http://127.0.0.1:9",
            "--region",
            "us-east-1",
            "sleep",
            "seed");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("environment/seed desired ASLEEP");
  }

  @Test
  void sameOptionBeforeAndAfter_withDifferentValues_isAUsageError_andWritesNothing() {
    var before = cli.store.scanByHand();

    Cli.Result result =
        cli.run("--table", "a", "--store", "memory", "sleep", "seed", "--table", "b");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "error: --table is given before the command (a) and after it (b): give it once (see"
                + " 'daybreak sleep --help')\n");
    assertThat(cli.store.scanByHand()).isEqualTo(before);
  }

  @Test
  void sameOptionBeforeAndAfter_withTheSameValue_isAccepted() {
    Cli.Result result = cli.run("--store", "memory", "get", "envs", "--store", "memory");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("seed");
  }

  @Test
  void commandWithoutAStore_stillRefusesTheStoreOptionsAfterIt() throws Exception {
    Path seed = Fixtures.write(dir, "v.yaml", Fixtures.SEED);

    Cli.Result result = cli.run("validate", seed.toString(), "--table", "t");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Unknown option: '--table'");
  }

  @Test
  void everySubcommand_stillParses_andHasTheStoreOptionsExactlyWhenItUsesAStore() {
    CommandLine root = Daybreak.commandLine(cli.context());
    List<String> names = List.copyOf(root.getSubcommands().keySet());

    assertThat(names).containsAll(STORE_COMMANDS);
    for (String name : names) {
      Cli.Result help = cli.run(name, "--help");
      assertThat(help.exitCode()).as(name + " --help").isZero();
      boolean hasStore =
          root.getSubcommands().get(name).getCommandSpec().findOption("--table") != null;
      assertThat(hasStore).as(name + " has --table").isEqualTo(STORE_COMMANDS.contains(name));
      if (hasStore) {
        assertThat(cli.run("--store", "memory", name, "--help").exitCode())
            .as("--store memory " + name + " --help")
            .isZero();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"get envs", "describe env seed", "schedule seed", "wake seed"})
  void storeCommands_runWithTheStoreGivenFirst(String command) {
    String[] words = command.split(" ");
    String[] args = new String[words.length + 2];
    args[0] = "--store";
    args[1] = "memory";
    System.arraycopy(words, 0, args, 2, words.length);

    Cli.Result result = cli.run(args);

    assertThat(result.exitCode()).as(result.err()).isZero();
  }
}
