package dev.daybreak.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.it.Dynalite;
import dev.daybreak.it.DynaliteExtension;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.NoAlertPresentException;

/**
 * Issue 19's status page in a real browser: {@code daybreak run} (the CLI jar, as a process) over
 * dynalite and the ECS simulator serves the page; headless Chromium opens it, the environment is
 * woken through the CLI, and the rendered DOM goes Waking tier by tier to Awake without a reload.
 * Each tier is held by the simulator's {@code failToStart} fault until the page has shown it, so
 * "the page showed tier 2" is a fact the test controls, not a race with a busy machine.
 */
@ExtendWith(DynaliteExtension.class)
class StatusPageBrowserIT {

  private static final Path JAR =
      Path.of(System.getProperty("daybreak.cliJar", "../controller/target/daybreak.jar"));
  private static final Path SCREENSHOTS =
      Path.of(System.getProperty("daybreak.root", ".."), "it", "target", "screenshots");
  private static final Pattern URL = Pattern.compile("status page: (http://127\\.0\\.0\\.1:\\d+/)");

  /** Markup in what people and ECS write: it must show as text and never run. */
  private static final String EVIL_REASON = "<script>document.title='pwned'</script>demo";

  private static final String EVIL_EVENT =
      "<img src=x onerror=\"document.title='pwned'\"><script>alert(1)</script> & more";

  private static final String SHOP =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata:
        name: seed
        labels: {team: shop}
      spec:
        cluster: dev
        services:
          - {name: a, replicas: 1}
          - {name: b, replicas: 2, dependsOn: [a]}
          - {name: c, replicas: 1, dependsOn: [b]}
          - {name: d, replicas: 2, dependsOn: [b]}
          - {name: e, replicas: 1, dependsOn: [b]}
      """;

  private static final String PAY =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata:
        name: pay
        labels: {team: pay}
      spec:
        cluster: dev
        services:
          - {name: ledger, replicas: 1}
      """;

  @TempDir Path dir;
  private final List<Process> processes = new ArrayList<>();
  private Stack stack;
  private Browser browser;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void chromium() {
    assertThat(Browser.missing())
        .as("Debian packages chromium and chromium-driver (.ci/run installs them)")
        .isEmpty();
  }

  @AfterEach
  void stop() throws InterruptedException {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      for (Process p : processes) {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
      if (stack != null) {
        stack.close();
      }
    }
  }

  private static ConditionFactory dom() {
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions();
  }

  @Test
  void wakeThroughTheCli_pageMovesThroughWakingTierByTierToAwake_withoutAReload(Dynalite dynalite)
      throws Exception {
    stack =
        Stack.start(
            dynalite,
            SimSettings.builder()
                .seed(19)
                .startLatency(Latency.parse("300ms..600ms"))
                .require("b", "a")
                .require("c", "b")
                .require("d", "b")
                .require("e", "b")
                .startFailureBackoff(Duration.ofMillis(300), Duration.ofMillis(600))
                .build());
    stack.apply(SHOP);
    stack.apply(PAY);
    stack.faults("{\"failToStart\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}");
    String base = controller();
    browser = Browser.start(dir.resolve("chromium-profile"));

    browser.driver.get(base);
    dom().until(() -> "connected".equals(browser.script("return document.body.dataset.live")));
    dom().until(() -> rows().equals(List.of("pay", "seed")));
    browser.script("window.daybreakSamePage = 'yes'");

    cli("wake", "seed", "--as", "<b>qa</b>", "--reason", EVIL_REASON);

    dom().until(() -> phase("seed").equals("Waking") && progress("seed").startsWith("tier 1 of 3"));
    stack.faults("{\"failToStart\": [\"b\", \"c\", \"d\", \"e\"]}");
    dom().until(() -> phase("seed").equals("Waking") && progress("seed").startsWith("tier 2 of 3"));
    browser.screenshot(SCREENSHOTS, "fleet-waking.png");
    stack.faults("{\"failToStart\": [\"c\", \"d\", \"e\"]}");
    dom().until(() -> phase("seed").equals("Waking") && progress("seed").startsWith("tier 3 of 3"));
    stack.faults("{}");
    dom().until(() -> phase("seed").equals("Awake"));

    assertThat(browser.script("return window.daybreakSamePage"))
        .as("the same page all along: updated in place, never reloaded")
        .isEqualTo("yes");
    assertThat(Integer.parseInt((String) browser.script("return document.body.dataset.updates")))
        .isGreaterThanOrEqualTo(4);
    assertThat(progress("seed")).isEqualTo("all 3 tiers, 5/5 services ready");
    assertThat(attribute("tr[data-env='seed'] .phase", "class")).contains("phase-awake");
    assertThat(text("tr[data-env='seed'] .last-change")).isEqualTo("<b>qa</b> via CLI");
    assertThat(text("tr[data-env='seed'] .last-change ~ .viewer"))
        .as("the change's time in the viewer's own zone, added by the page's script")
        .contains(Browser.VIEWER_ZONE);
    assertThat(text("tr[data-env='seed'] .savings"))
        .as("savings this month: daybreak has not put seed to sleep yet, so nothing was saved")
        .isEqualTo("$0.00");
    browser.screenshot(SCREENSHOTS, "fleet.png");

    browser.driver.get(base + "?l=team%3Dpay");
    dom().until(() -> rows().equals(List.of("pay")));
    assertThat(browser.script("return document.getElementById('l').value")).isEqualTo("team=pay");

    injectEvent("dev", "b", EVIL_EVENT);
    browser.driver.get(base + "env/seed");
    dom().until(() -> texts("svg g.service").size() == 5);
    assertGraphHasOneBoxPerServiceInItsTier();
    dom().until(() -> texts("table.events td.message").contains(EVIL_EVENT));
    assertThat(texts("table.audit td")).contains(EVIL_REASON, "<b>qa</b>");
    assertNothingRan();
    browser.screenshot(SCREENSHOTS, "environment.png");

    browser.resize(390, 900);
    browser.driver.get(base);
    dom().until(() -> phase("seed").equals("Awake"));
    assertThat(
            (Boolean)
                browser.script(
                    "return document.documentElement.scrollWidth <= window.innerWidth + 1"))
        .as("no sideways scrolling at phone width")
        .isTrue();
    browser.screenshot(SCREENSHOTS, "fleet-phone.png");
  }

  /** One box per service, in its tier's column: same x within a tier, further right per tier. */
  @SuppressWarnings("unchecked")
  private void assertGraphHasOneBoxPerServiceInItsTier() {
    Map<String, Integer> expected = Map.of("a", 1, "b", 2, "c", 3, "d", 3, "e", 3);
    // One script reads the whole drawing: the page may replace <main> between two reads.
    List<Map<String, Object>> boxes =
        (List<Map<String, Object>>)
            browser.script(
                "return Array.from(document.querySelectorAll('svg g.service')).map(g => ({"
                    + " service: g.dataset.service, tier: g.dataset.tier,"
                    + " cls: g.getAttribute('class'),"
                    + " x: g.querySelector('rect').getAttribute('x') }))");
    assertThat(boxes).hasSize(expected.size());
    Map<Integer, Integer> columnX = new java.util.TreeMap<>();
    for (Map<String, Object> box : boxes) {
      String service = (String) box.get("service");
      int tier = Integer.parseInt((String) box.get("tier"));
      assertThat(tier).as(service).isEqualTo(expected.get(service));
      assertThat((String) box.get("cls")).as(service).contains("svc-ready");
      int x = Integer.parseInt((String) box.get("x"));
      Integer column = columnX.putIfAbsent(tier, x);
      assertThat(column == null ? x : column).as("tier %s's column", tier).isEqualTo(x);
    }
    assertThat(new ArrayList<>(columnX.values())).isSorted().doesNotHaveDuplicates();
    assertThat(texts("svg line.dep")).hasSize(4);
    assertThat(text("#graph-desc")).contains("Tier 1: a (ready)").contains("b depends on a");
  }

  private void assertNothingRan() {
    assertThat(browser.driver.getTitle()).doesNotContain("pwned");
    try {
      browser.driver.switchTo().alert();
      throw new AssertionError("an alert opened: markup from ECS or the store ran");
    } catch (NoAlertPresentException expected) {
      // nothing ran
    }
    assertThat(texts("main script, main img")).isEmpty();
  }

  // Each read is one script, atomic against the page replacing <main> with a newer rendering.

  @SuppressWarnings("unchecked")
  private List<String> rows() {
    return (List<String>)
        browser.script(
            "return Array.from(document.querySelectorAll('table.fleet tbody tr'))"
                + ".map(r => r.dataset.env)");
  }

  /** The text of every element {@code selector} matches, trimmed. */
  @SuppressWarnings("unchecked")
  private List<String> texts(String selector) {
    return (List<String>)
        browser.script(
            "return Array.from(document.querySelectorAll(arguments[0]))"
                + ".map(e => e.textContent.trim())",
            selector);
  }

  /** The text of the first element {@code selector} matches; "" when none does. */
  private String text(String selector) {
    return texts(selector).stream().findFirst().orElse("");
  }

  private String attribute(String selector, String name) {
    return (String)
        browser.script(
            "const e = document.querySelector(arguments[0]);"
                + " return e ? e.getAttribute(arguments[1]) : null",
            selector,
            name);
  }

  private String phase(String env) {
    return text("tr[data-env='" + env + "'] .phase");
  }

  private String progress(String env) {
    return text("tr[data-env='" + env + "'] .progress-text");
  }

  /** Starts {@code daybreak run} serving the page on a free port; returns the page's URL. */
  private String controller() throws IOException {
    Path out = dir.resolve("run.out");
    ProcessBuilder builder =
        new ProcessBuilder(
                "java",
                "-jar",
                JAR.toString(),
                "run",
                "--resync",
                "1s",
                "--http-port",
                "0",
                "--table",
                stack.table,
                "--dynamodb-endpoint",
                stack.dynalite.endpoint().toString(),
                "--region",
                "us-east-1",
                "--ecs-endpoint",
                stack.ecs.endpoint().toString(),
                "--slack-api-url",
                stack.slackApi().toString(),
                "--slack-channel",
                Stack.CHANNEL)
            .redirectOutput(out.toFile())
            .redirectError(dir.resolve("run.err").toFile());
    dev.daybreak.iam.RecordingJvm.record(builder);
    awsEnvironment(builder.environment());
    builder.environment().put("SLACK_BOT_TOKEN", Stack.SLACK_TOKEN);
    Process process = builder.start();
    process.getOutputStream().close();
    processes.add(process);
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              Matcher m = URL.matcher(Files.readString(out, StandardCharsets.UTF_8));
              return m.find() ? Optional.of(m.group(1)) : Optional.<String>empty();
            },
            Optional::isPresent)
        .get();
  }

  /** Runs a {@code daybreak} command against the stack's table; it must succeed. */
  private void cli(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    command.addAll(
        List.of(
            "--table",
            stack.table,
            "--dynamodb-endpoint",
            stack.dynalite.endpoint().toString(),
            "--region",
            "us-east-1"));
    Path log = dir.resolve("cli-" + System.nanoTime() + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    awsEnvironment(builder.environment());
    Process process = builder.start();
    process.getOutputStream().close();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("daybreak %s finished", args[0]).isTrue();
    assertThat(process.exitValue())
        .as("daybreak %s: %s", String.join(" ", args), Files.readString(log))
        .isZero();
  }

  private static void awsEnvironment(Map<String, String> env) {
    env.put("AWS_ACCESS_KEY_ID", "x");
    env.put("AWS_SECRET_ACCESS_KEY", "x");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
  }

  /** {@code POST /_sim/events}: an ECS service event with this message, over HTTP. */
  private void injectEvent(String cluster, String service, String message) throws Exception {
    String body =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .writeValueAsString(Map.of("cluster", cluster, "service", service, "message", message));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(stack.ecs.endpoint().resolve("/_sim/events"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
  }
}
