package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class HelpAndCompletionTest {

  private final Cli cli = new Cli();

  @Test
  void help_documentsEveryExitCode() {
    Cli.Result result = cli.run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("Exit codes:")
        .containsPattern("(?m)^  0 +success")
        .containsPattern("(?m)^  1 +the command ran and found a problem")
        .containsPattern("(?m)^  2 +bad command-line usage")
        .containsPattern("(?m)^  3 +the state store cannot be used")
        .containsPattern("(?m)^  4 +someone else kept changing")
        .containsPattern("(?m)^  5 +watch timed out")
        .contains(
            "DAYBREAK_STORE", "DAYBREAK_TABLE", "DAYBREAK_DYNAMODB_ENDPOINT", "DAYBREAK_REGION");
  }

  @ParameterizedTest
  @ValueSource(strings = {"init", "apply", "get", "describe", "wake", "sleep", "watch"})
  void everyStoreCommand_takesTheStoreOptions_andListsItsExitCodes(String command) {
    Cli.Result result = cli.run(command, "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains(
            "--store=dynamodb|memory", "--table=NAME", "--dynamodb-endpoint=URL", "--region=REGION")
        .contains("Exit codes:");
  }

  @Test
  void completion_printsABashScriptForEveryCommand() {
    Cli.Result result = cli.run("completion");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("complete -F _complete_daybreak")
        .contains("wake", "sleep", "watch", "describe", "--dynamodb-endpoint");
  }

  @Test
  void storeUnreachable_isExitCodeThreeWithOneLine() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    Cli.Result result =
        cli.run(
            "get",
            "envs",
            "--dynamodb-endpoint",
            "http://127.0.0.1:" + port,
            "--region",
            "us-east-1");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .startsWith(
            "error: cannot reach DynamoDB (region us-east-1, endpoint http://127.0.0.1:"
                + port
                + ")");
    assertThat(result.err().strip().lines()).hasSize(1);
  }

  @Test
  void init_withTheMemoryStore_hasNothingToDo() {
    Cli.Result result = cli.memory("init");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("the memory store needs no table: nothing to do\n");
  }
}
