package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} and {@code graph} as users run them: the packaged CLI jar in its own JVM, from
 * the repository root, judged by exit code and output.
 */
class ManifestCommandsIT {

  private static final Path ROOT = Path.of(System.getProperty("daybreak.root", ".."));
  private static final Path JAR =
      Path.of(System.getProperty("daybreak.cliJar", "../controller/target/daybreak.jar"));
  private static final long TIMEOUT_SECONDS = 60;

  @TempDir Path dir;

  /** What one run of the CLI process left behind. */
  private record Run(int exitCode, String out, String err) {}

  private Run daybreak(List<String> args) throws IOException, InterruptedException {
    return daybreak(ROOT, args);
  }

  private Run daybreak(Path workingDirectory, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toAbsolutePath().toString());
    command.addAll(args);
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process process =
        new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    boolean exited = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    assertThat(exited).as("daybreak %s exited within %ss", args, TIMEOUT_SECONDS).isTrue();
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void validate_everyExample_exitsZero() throws Exception {
    List<String> args = new ArrayList<>(List.of("validate"));
    try (Stream<Path> files = Files.list(ROOT.resolve("manifests/examples"))) {
      files
          .filter(file -> file.toString().endsWith(".yaml"))
          .sorted()
          .map(file -> ROOT.relativize(file).toString())
          .forEach(args::add);
    }
    assertThat(args).contains("manifests/examples/seed.yaml", "manifests/examples/shop.yaml");

    Run run = daybreak(args);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("manifests/examples/seed.yaml: 1 environment(s) valid")
        .contains("manifests/examples/shop.yaml: 1 environment(s) valid");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void validate_manifestWithACycle_exitsOneNamingTheCycleAndTheLineOfTheDependsOn()
      throws Exception {
    Path manifest =
        Files.writeString(
            dir.resolve("cycle.yaml"),
            """
            apiVersion: daybreak.dev/v1
            kind: Environment
            metadata:
              name: cycle
            spec:
              cluster: dev
              services:
                - name: api
                  dependsOn: [worker]
                - name: worker
                  dependsOn:
                    - cache
                    - api
                - name: cache
            """);

    Run run = daybreak(List.of("validate", manifest.toString()));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            manifest
                + ":13:11: spec.services[1].dependsOn[1]: dependency cycle: api -> worker -> api");
  }

  @Test
  void validate_scheduleWithTheBuiltInJapaneseCalendar_findsItInsideTheJar() throws Exception {
    // Run from a directory without manifests/calendars: the calendar can only come from the jar.
    Path manifest = Files.writeString(dir.resolve("tokyo.yaml"), tokyo("0 8 * * SAT", "[jp]"));

    Run run = daybreak(dir, List.of("validate", manifest.toString()));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains(manifest + ": 1 environment(s) valid");
  }

  @Test
  void validate_badSchedule_exitsOneNamingEachProblemByLine() throws Exception {
    Path manifest = Files.writeString(dir.resolve("tokyo.yaml"), tokyo("0 0 8 ? * SAT", "[japan]"));

    Run run = daybreak(dir, List.of("validate", manifest.toString()));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            manifest
                + ":12:19: spec.schedule.windows[1].wakeCron: invalid cron expression '0 0 8 ? *"
                + " SAT'")
        .contains(
            manifest
                + ":13:17: spec.schedule.calendars[0]: unknown holiday calendar 'japan'; available:"
                + " jp");
  }

  /** A manifest with a Saturday cron window on line 12 and the calendars on line 13. */
  private static String tokyo(String saturdayCron, String calendars) {
    return """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata:
          name: tokyo
        spec:
          cluster: dev
          services: [{name: api}]
          schedule:
            timeZone: Asia/Tokyo
            windows:
              - {days: MON-FRI, wakeAt: "08:00", sleepAt: "20:00"}
              - wakeCron: "CRON"
            calendars: CALENDARS
        """
        .replace("CRON", saturdayCron)
        .replace("CALENDARS", calendars);
  }

  @Test
  void graph_seedAsJson_printsItsThreeTiers() throws Exception {
    Run run = daybreak(List.of("graph", "-o", "json", "manifests/examples/seed.yaml"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines())
        .containsExactly(
            "{\"environment\":\"seed\",\"tiers\":[[\"a\"],[\"b\"],[\"c\",\"d\",\"e\"]]}");
  }
}
