package dev.daybreak.it.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job, {@code ./daybreak sandbox}, run as a real process of the CLI jar: it must
 * wake the seed environment tier by tier with no failed task start, while the naive all-at-once
 * wake of the same environment has failed starts, then put it to sleep dependents first.
 */
class SandboxIT {

  private static final Path JAR =
      Path.of(System.getProperty("daybreak.cliJar", "../controller/target/daybreak.jar"));
  private static final Pattern CALL =
      Pattern.compile("^\\s+\\+(\\d\\d):(\\d\\d)\\.(\\d{3})\\s+(\\S+) -> desiredCount (\\d+)$");

  @TempDir static Path dir;
  private static int exitCode;
  private static String output;

  @BeforeAll
  static void runSandbox() throws IOException, InterruptedException {
    Path out = dir.resolve("sandbox.out");
    Process process =
        new ProcessBuilder(
                "java", "-jar", JAR.toString(), "sandbox", "--exit-when-settled", "--speed", "60")
            .redirectOutput(out.toFile())
            .redirectError(dir.resolve("sandbox.err").toFile())
            .start();
    process.getOutputStream().close();
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("sandbox exits by itself").isTrue();
    exitCode = process.exitValue();
    output = Files.readString(out, StandardCharsets.UTF_8);
  }

  @Test
  void sandbox_exitsZero_andDaybreakHasNoFailedStarts() {
    assertThat(exitCode).as(output).isZero();
    assertThat(output)
        .contains("daybreak, tier by tier: Awake after")
        .contains("failed task starts: 0");
  }

  @Test
  void sandbox_naiveWake_hasFailedStartsOfTheDependentServices() {
    Matcher naive =
        Pattern.compile("all at once \\(naive\\):.*failed task starts: (\\d+) \\((.*)\\)")
            .matcher(output);
    assertThat(naive.find()).as(output).isTrue();
    assertThat(Integer.parseInt(naive.group(1))).isPositive();
    assertThat(naive.group(2)).contains("b:");
  }

  @Test
  void sandbox_wake_scalesEachTierOnlyAfterTheOneBelow() {
    List<Call> wake = calls("== wake ==");
    assertThat(wake).extracting(Call::service).containsExactly("a", "b", "c", "d", "e");
    assertThat(wake.get(1).millis()).isGreaterThan(wake.get(0).millis());
    assertThat(wake.subList(2, 5)).allMatch(c -> c.millis() > wake.get(1).millis());
  }

  @Test
  void sandbox_sleep_stopsDependentsFirst() {
    List<Call> sleep = calls("== sleep ==");
    assertThat(sleep).extracting(Call::service).containsExactly("c", "d", "e", "b", "a");
    assertThat(sleep).allMatch(c -> c.count() == 0);
    assertThat(sleep.get(3).millis()).isGreaterThan(sleep.get(2).millis());
    assertThat(sleep.get(4).millis()).isGreaterThan(sleep.get(3).millis());
  }

  private static List<Call> calls(String section) {
    List<Call> calls = new ArrayList<>();
    String[] lines = output.substring(output.indexOf(section)).split("\n");
    for (int i = 1; i < lines.length && !lines[i].isBlank(); i++) {
      Matcher m = CALL.matcher(lines[i]);
      if (m.matches()) {
        calls.add(
            new Call(
                m.group(4),
                Integer.parseInt(m.group(5)),
                (Integer.parseInt(m.group(1)) * 60L + Integer.parseInt(m.group(2))) * 1_000
                    + Integer.parseInt(m.group(3))));
      }
    }
    return calls;
  }

  /** One UpdateService call, {@code millis} after the section began (simulated time). */
  private record Call(String service, int count, long millis) {}
}
