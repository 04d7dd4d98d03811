package dev.daybreak.it.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job, {@code ./daybreak sandbox}, run as a real process of the CLI jar: it must
 * wake the seed environment tier by tier with no failed task start, while the naive all-at-once
 * wake of the same environment has failed starts, then put it to sleep dependents first; and the
 * same for {@code manifests/examples/shop.yaml}, whose scalable target must come back exactly.
 */
class SandboxIT {

  private static final Path JAR =
      Path.of(System.getProperty("daybreak.cliJar", "../controller/target/daybreak.jar"));
  private static final Path SHOP = Path.of("../manifests/examples/shop.yaml");
  private static final Pattern CALL =
      Pattern.compile(
          "^\\s+\\+(\\d\\d):(\\d\\d)\\.(\\d{3})\\s+(\\S+) -> desiredCount (\\d+)"
              + "( \\(by Application Auto Scaling\\))?$");

  @TempDir static Path dir;
  private static int exitCode;
  private static String output;

  @BeforeAll
  static void runSandbox() throws IOException, InterruptedException {
    Run seed = run(dir, "seed");
    exitCode = seed.exitCode();
    output = seed.output();
  }

  /** Runs {@code ./daybreak sandbox --exit-when-settled --speed 60 ARGS} into {@code dir}. */
  private static Run run(Path dir, String name, String... args)
      throws IOException, InterruptedException {
    Path out = dir.resolve(name + ".out");
    List<String> command =
        new ArrayList<>(
            List.of("java", "-jar", JAR.toString(), "sandbox", "--exit-when-settled", "--speed"));
    command.add("60");
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(dir.resolve(name + ".err").toFile())
            .start();
    process.getOutputStream().close();
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("sandbox exits by itself").isTrue();
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  @Test
  void sandbox_exitsZero_andDaybreakHasNoFailedStarts() {
    assertThat(exitCode).as(output).isZero();
    assertThat(output)
        .contains("daybreak, tier by tier: Awake after")
        .contains("failed task starts: 0");
  }

  @Test
  void sandbox_printsTheUrlOfItsStatusPageOnLoopback() {
    assertThat(output).containsPattern("status page: http://127\\.0\\.0\\.1:\\d+/ ");
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

  /**
   * {@code ./daybreak sandbox -f manifests/examples/shop.yaml}: five tiers behind health checks,
   * and the scalable target the sandbox gives {@code orders} (min 2, max 6).
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Shop {

    private static final Map<String, Integer> TIERS =
        Map.of(
            "shop-dev-postgres", 0,
            "shop-dev-redis", 0,
            "catalog", 1,
            "inventory", 1,
            "orders", 2,
            "api-gateway", 3,
            "mailer", 3,
            "web", 4);

    private Run shop;

    @BeforeAll
    void runShop() throws IOException, InterruptedException {
      shop = run(dir, "shop", "-f", SHOP.toString());
    }

    @Test
    void shop_exitsZero_awakeAndAsleepWithNoFailedStarts() {
      assertThat(shop.exitCode()).as(shop.output()).isZero();
      assertThat(shop.output())
          .contains("daybreak, tier by tier: Awake after")
          .contains("failed task starts: 0")
          .contains("daybreak, dependents first: Asleep after")
          .contains("daybreak, next wake: Awake after");
    }

    @Test
    void shop_wakes_eachTierOnlyAfterTheOneBelow_bothTimes() {
      for (String section : List.of("== wake ==", "== scalable target ==")) {
        List<Call> wake = daybreak(calls(shop.output(), section));
        assertThat(wake).as(section).extracting(Call::service).hasSize(8);
        assertThat(wake).as(section).allMatch(c -> c.count() > 0);
        for (int tier = 1; tier <= 4; tier++) {
          int t = tier;
          long lastBelow =
              wake.stream()
                  .filter(c -> TIERS.get(c.service()) < t)
                  .mapToLong(Call::millis)
                  .max()
                  .orElseThrow();
          assertThat(wake.stream().filter(c -> TIERS.get(c.service()) == t))
              .as(section + ": tier " + t + " scaled after every call of the tiers below")
              .isNotEmpty()
              .allMatch(c -> c.millis() > lastBelow);
        }
      }
    }

    @Test
    void shop_sleep_stopsDependentsFirst() {
      List<Call> sleep = calls(shop.output(), "== sleep ==");
      assertThat(sleep).extracting(Call::service).hasSize(8);
      assertThat(sleep).noneMatch(Call::byAutoScaling);
      assertThat(sleep).allMatch(c -> c.count() == 0);
      for (int i = 1; i < sleep.size(); i++) {
        assertThat(TIERS.get(sleep.get(i).service()))
            .as("sleep call %d after %s", i, sleep.get(i - 1))
            .isLessThanOrEqualTo(TIERS.get(sleep.get(i - 1).service()));
      }
    }

    @Test
    void shop_scalableTarget_suspendedWhileAsleep_restoredExactlyOnWake() {
      assertThat(line("    before sleep: ")).isEqualTo("min 2, max 6, suspended: nothing");
      assertThat(line("    while asleep: "))
          .isEqualTo("min 0, max 6, suspended: dynamic in, dynamic out, scheduled");
      assertThat(line("    after wake:   "))
          .isEqualTo("min 2, max 6, suspended: nothing (restored exactly)");
    }

    @Test
    void shop_applicationAutoScaling_raisedNothingWhileAsleep() {
      assertThat(line("  raised by Application Auto Scaling while asleep (10:00): "))
          .isEqualTo("nothing");
      assertThat(calls(shop.output(), "== sleep ==")).noneMatch(Call::byAutoScaling);
      assertThat(calls(shop.output(), "== sleep =="))
          .filteredOn(c -> c.service().equals("orders"))
          .extracting(Call::count)
          .containsExactly(0);
    }

    /**
     * On the next wake daybreak restores orders' target right after its own UpdateService, so
     * Application Auto Scaling raises nothing: the wake count is already inside the bounds.
     */
    @Test
    void shop_nextWake_applicationAutoScalingRaisesNothingDaybreakScalesOrders() {
      List<Call> wake = calls(shop.output(), "== scalable target ==");
      assertThat(wake).noneMatch(Call::byAutoScaling);
      assertThat(daybreak(wake))
          .filteredOn(c -> c.service().equals("orders"))
          .isNotEmpty()
          .allMatch(c -> c.count() >= 2);
    }

    private String line(String prefix) {
      return shop.output()
          .lines()
          .filter(l -> l.startsWith(prefix))
          .map(l -> l.substring(prefix.length()))
          .reduce((a, b) -> a + " | " + b)
          .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in\n" + shop.output()));
    }
  }

  /** The seed run's calls in {@code section} (Application Auto Scaling has none there). */
  private static List<Call> calls(String section) {
    return calls(output, section);
  }

  private static List<Call> daybreak(List<Call> calls) {
    return calls.stream().filter(c -> !c.byAutoScaling()).toList();
  }

  private static List<Call> calls(String output, String section) {
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
                    + Integer.parseInt(m.group(3)),
                m.group(6) != null));
      }
    }
    return calls;
  }

  /**
   * One UpdateService call, {@code millis} after the section began (simulated time), by daybreak or
   * by Application Auto Scaling.
   */
  private record Call(String service, int count, long millis, boolean byAutoScaling) {}

  /** One finished sandbox process. */
  private record Run(int exitCode, String output) {}
}
