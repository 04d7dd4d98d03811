package dev.daybreak.it.savings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.daybreak.cli.CliContext;
import dev.daybreak.cli.Confirmation;
import dev.daybreak.cli.Daybreak;
import dev.daybreak.cli.Pause;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.it.Dynalite;
import dev.daybreak.it.DynaliteExtension;
import dev.daybreak.model.Phase;
import dev.daybreak.model.Transition;
import dev.daybreak.model.TransitionKind;
import dev.daybreak.reconcile.ClusterAllowlist;
import dev.daybreak.reconcile.ScheduledWorld;
import dev.daybreak.store.DynamoDbStateStore;
import dev.daybreak.store.TableSetup;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A week of office hours on a virtual clock: the reconciler, the ECS simulator over HTTP through
 * the SDK gateway (task definitions read with DescribeTaskDefinition), the DynamoDB store
 * (dynalite), then {@code daybreak savings -o json} against that table, checked to the cent against
 * the figure worked out by hand from the schedule and the price table.
 */
@ExtendWith(DynaliteExtension.class)
final class SavingsWeekIT {

  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Awake 08:00-20:00 on weekdays in Tokyo. */
  private static final String OFFICE_HOURS =
      """
      timeZone: Asia/Tokyo
      windows:
        - wakeAt: "08:00"
          sleepAt: "20:00"
          days: MON-FRI
      """;

  private static Dynalite dynalite;
  private static DynamoDbClient client;
  private ScheduledWorld world;
  private String table;

  @BeforeAll
  static void connect(Dynalite server) {
    dynalite = server;
    client = server.newClient();
  }

  @AfterAll
  static void disconnect() {
    client.close();
  }

  @AfterEach
  void close() {
    world.close();
  }

  private static java.time.Instant local(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(TOKYO).toInstant();
  }

  @Test
  void aWeekOfOfficeHours_savesWhatTheScheduleAndThePricesSay_toTheCent() throws Exception {
    table = "daybreak-" + UUID.randomUUID();
    new TableSetup(client).ensureTable(table);
    world =
        new ScheduledWorld(
            local("2026-11-30T07:55:00"), // a Monday
            TOKYO,
            ScheduledWorld.SERVICES,
            OFFICE_HOURS,
            SimSettings.builder()
                .startLatency(Latency.fixed(Duration.ofSeconds(1)))
                .stopLatency(Latency.fixed(Duration.ofSeconds(1)))
                .build(),
            clock -> new DynamoDbStateStore(client, table, clock),
            // The controller's own region, as --region gives it: the cluster is a plain name.
            ScheduledWorld.unstaggered()
                .withClusters(
                    ClusterAllowlist.any().in(Optional.of("us-east-1"), Optional.empty())));
    // api: 0.5 vCPU / 1 GB Linux x86, 1 task; web: 1 vCPU / 2 GB Linux ARM, 2 tasks.
    world.sim.defineTaskSize("dev", "api", 512, 1024, "X86_64", "FARGATE");
    world.sim.defineTaskSize("dev", "web", 1024, 2048, "ARM64", "FARGATE");

    // Every pass the controller makes around each schedule edge; in between it is down (no
    // passes), which keeps the test fast and shows that savings do not depend on the pass rate.
    world.runUntil(local("2026-11-30T08:05:00"));
    for (String day :
        List.of("2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04")) {
      if (!day.equals("2026-11-30")) {
        world.downUntil(local(day + "T07:59:00"));
        world.runUntil(local(day + "T08:05:00"));
      }
      world.downUntil(local(day + "T19:59:00"));
      world.runUntil(local(day + "T20:05:00"));
    }
    world.downUntil(local("2026-12-07T07:59:00"));
    world.runUntil(local("2026-12-07T08:05:00"));

    assertThat(world.phase()).isEqualTo(Phase.AWAKE);
    JsonNode report = JSON.readTree(savings("dev", "--since", "2026-11-30", "-o", "json"));
    // Down: Monday 07:55-08:00 (before the first wake), the nights Monday to Thursday 20:00-08:00
    // (4 x 12 h) and the weekend Friday 20:00 - Monday 08:00 (60 h): 108 h 5 min = 108.0833 h.
    // api: 108.0833 task-hours x (0.5 x 0.04048 + 1 x 0.004445) = 2.6681
    // web: 216.1667 task-hours x (1 x 0.03238 + 2 x 0.00356) = 8.5386
    // Stops and starts take a second each in this simulator, so each edge moves by seconds.
    double api = 108.0833 * 0.024685;
    double web = 2 * 108.0833 * 0.0395;
    JsonNode env = report.path("environments").get(0);
    assertThat(env.path("name").asText()).isEqualTo("dev");
    assertThat(env.path("region").asText()).isEqualTo("us-east-1");
    assertThat(report.path("prices").path("date").asText()).isEqualTo("2026-12-01");
    assertThat(report.path("total").path("dollars").asDouble())
        .as("to the cent: %s", report)
        .isCloseTo(api + web, within(0.005));
    assertThat(service(env, "api").path("dollars").asDouble()).isCloseTo(api, within(0.005));
    assertThat(service(env, "web").path("dollars").asDouble()).isCloseTo(web, within(0.005));
    assertThat(report.path("total").path("taskHours").asDouble())
        .isCloseTo(3 * 108.0833, within(0.05));

    // The Slack "asleep" message of Friday night: the weekend until Monday 08:00 (60 h x
    // 0.103685 = 6.22), and December so far in Tokyo (the night into December 1 from 00:00, 8 h,
    // and three 12 h nights: 44 h x 0.103685 = 4.56).
    assertThat(
            world.posted().stream()
                .flatMap(a -> a.transitions().stream())
                .filter(t -> t.kind() == TransitionKind.ASLEEP)
                .map(Transition::message)
                .filter(m -> m.contains("until the next wake at 2026-12-06T23:00:00Z"))
                .toList())
        .singleElement()
        .asString()
        .contains("expected to save $6.22 until the next wake at 2026-12-06T23:00:00Z")
        .contains("saved this month so far: $4.56 (Fargate prices of 2026-12-01)");

    String csv = savings("dev", "--since", "2026-11-30", "-o", "csv");
    assertThat(csv.lines().toList())
        .first()
        .isEqualTo("environment,region,service,task_hours,dollars");
    assertThat(csv.lines().filter(l -> l.startsWith("TOTAL,")).findFirst().orElseThrow())
        .endsWith("," + report.path("total").path("dollars").decimalValue().toPlainString());
  }

  private static JsonNode service(JsonNode env, String name) {
    for (JsonNode s : env.path("services")) {
      if (s.path("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no service " + name + " in " + env);
  }

  /** {@code daybreak savings ARGS} against the world's table, on the world's clock. */
  private String savings(String... args) {
    List<String> all = new ArrayList<>(List.of("savings"));
    all.addAll(List.of(args));
    all.addAll(
        List.of(
            "--table",
            table,
            "--dynamodb-endpoint",
            dynalite.endpoint().toString(),
            "--region",
            "us-east-1"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine =
        Daybreak.commandLine(
            new CliContext(
                world.clock,
                TOKYO,
                Optional.empty(),
                Pause.sleeping(),
                false,
                "tester",
                Confirmation.nobody()));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(all.toArray(String[]::new));
    assertThat(code).as("exit code; stderr: %s", err).isZero();
    return out.toString();
  }
}
