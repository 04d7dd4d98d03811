package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EcsSimCommandTest {

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Daybreak.commandLine();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    return cli.execute(args);
  }

  @Test
  void badLatency_isAUsageErrorNamingTheOption() {
    assertThat(run("ecs-sim", "--start-latency", "b=soon")).isEqualTo(2);
    assertThat(err.toString()).contains("--start-latency b=soon").contains("15s..30s");
  }

  @Test
  void serviceRequiringItself_isAUsageError() {
    assertThat(run("ecs-sim", "--require", "b=b")).isEqualTo(2);
    assertThat(err.toString()).contains("--require b=b").contains("cannot require itself");
  }

  @Test
  void badErrorRate_namesTheOperationsThatExist() {
    assertThat(run("ecs-sim", "--error-rate", "Describe=0.5")).isEqualTo(2);
    assertThat(err.toString()).contains("'Describe' is not an operation").contains("UpdateService");
  }

  @Test
  void invalidManifest_reportsWhereAndExitsOne(@TempDir Path dir) throws Exception {
    Path manifest = dir.resolve("bad.yaml");
    Files.writeString(manifest, "apiVersion: daybreak.dev/v1\nkind: Environment\nspec: {}\n");

    assertThat(run("ecs-sim", "--from", manifest.toString())).isEqualTo(1);
    assertThat(err.toString()).contains(manifest.toString()).contains("metadata");
  }

  @Test
  void ecsOptions_endpointThatIsNotHttp_isAUsageError() {
    @CommandLine.Command(name = "probe")
    class Probe implements Runnable {
      @CommandLine.Mixin EcsOptions ecs;

      @Override
      public void run() {
        ecs.endpoint(java.util.Optional.empty());
      }
    }
    CommandLine cli = new CommandLine(new Probe());
    cli.setErr(new PrintWriter(err));

    assertThat(cli.execute("--ecs-endpoint", "ftp://127.0.0.1:1")).isEqualTo(2);
    assertThat(err.toString()).contains("--ecs-endpoint must be an http:// or https:// URL");
  }
}
