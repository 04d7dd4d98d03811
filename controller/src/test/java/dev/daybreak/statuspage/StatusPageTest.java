package dev.daybreak.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.manifests.Calendars;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.State;
import dev.daybreak.model.savings.DownSince;
import dev.daybreak.model.savings.TaskSize;
import dev.daybreak.sandbox.SimEcsGateway;
import dev.daybreak.savings.Pricing;
import dev.daybreak.savings.SavingsService;
import dev.daybreak.store.Via;
import dev.daybreak.time.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The status page's pages as the server renders them, over a real store and the simulator. */
class StatusPageTest {

  private final Fixture fixture = new Fixture(true);

  private StatusPage.Response get(String path, String query) {
    return fixture.page.get(path, Optional.ofNullable(query));
  }

  @Test
  void fleet_showsEachEnvironmentsPhaseAsTextAndColourAndItsTierProgress() {
    fixture.seedWakingTierTwo();

    StatusPage.Response response = get("/", null);

    assertThat(response.status()).isEqualTo(200);
    String seed = row(response.body(), "seed");
    assertThat(seed)
        .contains("class=\"phase phase-waking\">Waking<")
        .contains("tier 2 of 3, 1/4 services ready")
        .contains("<progress value=\"1\" max=\"4\"")
        .contains("team=shop")
        .contains("href=\"/env/seed\"");
    assertThat(row(response.body(), "pay"))
        .contains("Not reconciled yet")
        .as("Monday 10:00 in Tokyo, inside the 08:00-20:00 window: it sleeps at 20:00")
        .contains("sleep (schedule)")
        .contains("Mon 2026-11-30 20:00")
        .contains("(Asia/Tokyo)")
        .contains("datetime=\"2026-11-30T11:00:00Z\"")
        .as("no savings source bound yet (issue 18)")
        .contains("class=\"savings\">—<");
  }

  @Test
  void fleet_withTheSavingsService_showsEachEnvironmentsSavingsThisMonthInDollars() {
    // pay's api (0.5 vCPU, 1 GB, x86 Linux on Fargate) has been down 14 h: the issue's
    // hand-checked 14 x (0.5 x 0.04048 + 1 x 0.004445) = $0.3456 at the built-in us-east-1 prices.
    fixture.store.writeStatus(
        "pay",
        EnvironmentStatus.initial()
            .withDownSince(
                Map.of(
                    "api",
                    new DownSince(
                        Fixture.NOW.minus(Duration.ofHours(14)),
                        1,
                        Optional.of(TaskSize.linuxX86(512, 1024))))),
        0);
    StatusPage page =
        new StatusPage(
            fixture.store,
            new SimEcsGateway(fixture.sim, GatewaySettings.defaults(), Sleeper.system()),
            fixture.clock,
            Calendars.builtIn(),
            new SavingsService(
                    fixture.store, Pricing.builtIn(Optional.of("us-east-1")), fixture.clock)
                ::monthToDate,
            false);

    String body = page.get("/", Optional.empty()).body();

    assertThat(row(body, "pay")).contains("class=\"savings\">$0.35<");
    assertThat(row(body, "seed")).contains("class=\"savings\">$0.00<");
  }

  @Test
  void fleet_showsDesiredStateUntilAndWhoChangedItLastAndHow() {
    fixture.store.writeDesired(
        "seed",
        new DesiredState(
            State.AWAKE,
            Optional.of(Fixture.NOW.plusSeconds(7200)),
            java.util.Set.of(),
            "alice",
            "demo",
            Fixture.NOW),
        0,
        Via.SLACK);

    String seed = row(get("/", null).body(), "seed");

    assertThat(seed)
        .contains("<span class=\"desired\">AWAKE</span> until")
        .contains("Mon 2026-11-30 03:00")
        .contains("alice via Slack")
        .contains("override ends");
  }

  @Test
  void fleet_filteredByALabelSelector_listsOnlyTheMatches() {
    String body = get("/", "l=team%3Dpay").body();

    assertThat(body).contains("data-env=\"pay\"").doesNotContain("data-env=\"seed\"");
    assertThat(body).contains("value=\"team=pay\"");
  }

  @Test
  void fleet_aBadSelector_is400SayingWhatIsWrongAndEchoesItEscaped() {
    StatusPage.Response response = get("/", "l=%3Cscript%3Ealert(1)%3C%2Fscript%3E");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body())
        .contains("The label selector is not valid")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>alert");
  }

  @Test
  void fleet_aQueryThatIsNotUrlEncoding_is400() {
    StatusPage.Response response = get("/", "l=%zz");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("not valid URL encoding");
  }

  @Test
  void environment_drawsOneBoxPerServiceInItsTierAndAnArrowPerDependency() {
    fixture.seedWakingTierTwo();

    String body = get("/env/seed", null).body();

    List<String[]> boxes = boxes(body);
    assertThat(boxes)
        .extracting(b -> b[0] + "@" + b[1])
        .containsExactlyInAnyOrder("a@1", "b@2", "c@3", "d@3");
    assertThat(body)
        .contains("class=\"service svc-ready\" data-service=\"a\"")
        .contains("class=\"service svc-waiting\" data-service=\"b\"")
        .contains("data-from=\"b\" data-to=\"a\"")
        .contains("data-from=\"c\" data-to=\"b\"")
        .contains("data-from=\"d\" data-to=\"b\"")
        .contains("<desc id=\"graph-desc\">Dependency graph of seed")
        .contains("c depends on b");
  }

  @Test
  void environment_anEcsEventWithMarkup_isShownAsTextNeverAsMarkup() {
    fixture.sim.injectEvent(
        "dev", "b", "<script>alert('x')</script><img src=x onerror=alert(1)> & done");

    String body = get("/env/seed", null).body();

    assertThat(body)
        .contains(
            "&lt;script&gt;alert('x')&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
                + " &amp; done")
        .doesNotContain("<script>alert")
        .doesNotContain("<img src=x");
  }

  @Test
  void environment_degraded_saysWhyInItsProblems() {
    fixture.store.writeStatus(
        "seed",
        new dev.daybreak.model.EnvironmentStatus(
            1,
            dev.daybreak.model.Phase.DEGRADED,
            Optional.of(State.AWAKE),
            1,
            java.util.Map.of(),
            List.of(
                new dev.daybreak.model.Condition(
                    dev.daybreak.model.Conditions.DEGRADED,
                    dev.daybreak.model.ConditionStatus.TRUE,
                    dev.daybreak.model.Conditions.REASON_SERVICE_TIMED_OUT,
                    "b: 0/2 running after 5m; latest event: <b>task failed</b>",
                    Fixture.NOW)),
            java.util.Map.of(),
            1,
            Optional.of(Fixture.NOW)),
        0);

    String body = get("/env/seed", null).body();
    String fleet = row(get("/", null).body(), "seed");

    assertThat(fleet).contains("class=\"phase phase-degraded\">Degraded<");
    assertThat(body)
        .contains("<h2 id=\"degraded-h\">Problems</h2>")
        .contains("<strong>Degraded: ServiceTimedOut</strong>")
        .contains("b: 0/2 running after 5m; latest event: &lt;b&gt;task failed&lt;/b&gt;");
  }

  @Test
  void templates_escapeALabelWithMarkup_evenThoughManifestsRefuseSuchLabels() {
    EnvRow row =
        new EnvRow(
            "seed",
            List.of("owner=<script>alert(1)</script>"),
            "Awake",
            "phase-awake",
            Optional.empty(),
            "AWAKE",
            Optional.empty(),
            "—",
            Optional.empty(),
            "<b>mallory</b> via CLI",
            Optional.empty(),
            "—");

    String body =
        fixture.page.render(
            "statuspage/fleet.jte", new FleetView("", Optional.empty(), List.of(row), true));

    assertThat(body)
        .contains("owner=&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("&lt;b&gt;mallory&lt;/b&gt;")
        .doesNotContain("<script>alert")
        .doesNotContain("<b>mallory");
  }

  @Test
  void environment_showsTheScheduleOfTheNextSevenDaysAsATimeline() {
    String body = get("/env/pay", null).body();

    assertThat(body).contains("Schedule, next 7 days");
    assertThat(Pattern.compile("class=\"day\">").matcher(body).results().count()).isEqualTo(7);
    assertThat(body)
        .as("Mon-Fri 08:00-20:00 Tokyo, from Monday 10:00: today's rest and four more days")
        .contains("awake Mon 2026-11-30 10:00 to Mon 2026-11-30 20:00")
        .contains("awake Fri 2026-12-04 08:00 to Fri 2026-12-04 20:00")
        .doesNotContain("awake Sat");
    assertThat(Pattern.compile("class=\"awake-band\"").matcher(body).results().count())
        .isEqualTo(5);
  }

  @Test
  void environment_listsTheLastTwentyAuditEntries() {
    for (int i = 0; i < 25; i++) {
      fixture.store.writeDesired(
          "seed",
          DesiredState.of(
              i % 2 == 0 ? State.AWAKE : State.ASLEEP, "user" + i, "r" + i, Fixture.NOW),
          i,
          Via.CLI);
    }

    String body = get("/env/seed", null).body();
    String audit = body.substring(body.indexOf("<table class=\"audit\">"));

    assertThat(Pattern.compile("<tr><td>").matcher(audit).results().count()).isEqualTo(20);
    assertThat(audit).contains("user24").doesNotContain(">user4<");
  }

  @Test
  void everyAnswer_sendsAStrictContentSecurityPolicyAndNoInlineScript() {
    for (String path : List.of("/", "/env/seed", "/env/nope", "/nothing-here")) {
      StatusPage.Response response = get(path, null);
      assertThat(response.headers())
          .containsEntry("Content-Security-Policy", StatusPage.CONTENT_SECURITY_POLICY)
          .containsEntry("X-Content-Type-Options", "nosniff");
      assertThat(response.body())
          .as(path)
          .doesNotContainPattern("<script>|<script [^>]*>[^<]")
          .doesNotContain("style=\"")
          .doesNotContain(" onload=");
    }
    assertThat(StatusPage.CONTENT_SECURITY_POLICY)
        .contains("script-src 'self'")
        .doesNotContain("unsafe-inline")
        .doesNotContain("unsafe-eval");
    assertThat(get("/", null).body()).contains("<script src=\"/assets/status.js\" defer></script>");
    assertThat(get("/assets/status.js", null).body()).contains("EventSource");
    assertThat(get("/assets/status.css", null).headers())
        .containsEntry("Content-Type", "text/css; charset=utf-8");
  }

  @Test
  void unknownEnvironmentOrPath_is404NamingIt() {
    assertThat(get("/env/nope", null).status()).isEqualTo(404);
    assertThat(get("/env/nope", null).body()).contains("There is no environment named nope.");
    assertThat(get("/env/%3Cb%3E", null).body()).doesNotContain("<b>");
    assertThat(get("/nothing-here", null).status()).isEqualTo(404);
  }

  @Test
  void onLambda_thePageHasNoScriptAndSaysToReload() {
    Fixture lambda = new Fixture(false);

    String body = lambda.page.get("/", Optional.empty()).body();

    assertThat(body).doesNotContain("<script").contains("Reload the page for the latest state.");
    assertThat(lambda.page.get("/assets/status.js", Optional.empty()).status()).isEqualTo(404);
  }

  /** The fleet table's row of one environment. */
  private static String row(String body, String name) {
    int start = body.indexOf("<tr data-env=\"" + name + "\">");
    assertThat(start).as("a row for %s", name).isNotNegative();
    return body.substring(start, body.indexOf("</tr>", start));
  }

  /** Each graph box's service and tier. */
  private static List<String[]> boxes(String body) {
    Matcher m =
        Pattern.compile(
                "<g class=\"service [^\"]*\" data-service=\"([^\"]+)\" data-tier=\"(\\d+)\"")
            .matcher(body);
    return m.results().map(r -> new String[] {r.group(1), r.group(2)}).toList();
  }
}
