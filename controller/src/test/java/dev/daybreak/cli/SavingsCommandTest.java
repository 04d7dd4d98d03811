package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.daybreak.manifests.Calendars;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.savings.Downtime;
import dev.daybreak.model.savings.TaskSize;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavingsCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Cli.NOW is 2026-11-30T08:00Z; the night before, 14 h in Tokyo's November. */
  private static final Instant EVENING = Instant.parse("2026-11-29T10:00:00Z");

  @TempDir Path dir;
  private final Cli cli = new Cli();

  @BeforeEach
  void seedWithANight() {
    cli.store.applySpec(Manifests.parse("seed.yaml", Fixtures.SEED, Calendars.builtIn()).get(0));
    cli.store.recordDowntimes(
        "seed",
        List.of(
            new Downtime(
                "a",
                EVENING,
                EVENING.plus(Duration.ofHours(14)),
                1,
                Optional.of(TaskSize.linuxX86(512, 1024))),
            new Downtime(
                "b",
                EVENING,
                EVENING.plus(Duration.ofHours(14)),
                3,
                Optional.of(TaskSize.linuxX86(256, 512)))));
  }

  @Test
  void savings_json_hasEachServiceAndTheTotal_pricedWithTheBuiltInTable() throws Exception {
    Cli.Result r =
        cli.memory("savings", "--month", "2026-11", "--region", "us-east-1", "-o", "json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode report = JSON.readTree(r.out());
    // a: 14 × (0.5 × 0.04048 + 1 × 0.004445) = 0.34559
    // b: 42 × (0.25 × 0.04048 + 0.5 × 0.004445) = 0.518385
    assertThat(report.path("total").path("dollars").decimalValue()).isEqualByComparingTo("0.8640");
    assertThat(report.path("total").path("taskHours").decimalValue()).isEqualByComparingTo("56");
    assertThat(report.path("prices").path("date").asText()).isEqualTo("2026-12-01");
    assertThat(report.path("environments").get(0).path("services"))
        .extracting(s -> s.path("name").asText() + "=" + s.path("dollars").decimalValue())
        .containsExactly("a=0.3456", "b=0.5184");
  }

  @Test
  void savings_table_showsDollarsAndThePriceTablesDate() {
    Cli.Result r = cli.memory("savings", "seed", "--since", "2026-11-29", "--region", "us-east-1");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("seed")
        .contains("$0.86")
        .contains("56.0")
        .contains("Fargate prices of 2026-12-01");
  }

  @Test
  void savings_unknownRegion_isNoPriceInTaskHours_notAGuess() throws Exception {
    Cli.Result r =
        cli.memory("savings", "--month", "2026-11", "--region", "eu-south-9", "-o", "json");

    JsonNode env = JSON.readTree(r.out()).path("environments").get(0);
    assertThat(env.path("dollars").decimalValue()).isEqualByComparingTo("0");
    assertThat(env.path("taskHours").decimalValue()).isEqualByComparingTo("56");
    assertThat(env.path("noPrice").asText())
        .isEqualTo(
            "no price for region eu-south-9: the price table of 2026-12-01 has us-east-1"
                + " (give --prices a table with eu-south-9)");
  }

  @Test
  void savings_ownPriceTable_isUsed() throws Exception {
    Path prices =
        Fixtures.write(
            dir,
            "prices.yaml",
            """
            date: 2026-11-15
            regions:
              us-east-1:
                linux/x86_64: {vcpuHour: 0.02, gbHour: 0.002, storageGbHour: 0, source: "EDP"}
            """);

    Cli.Result r =
        cli.memory(
            "savings",
            "--month",
            "2026-11",
            "--region",
            "us-east-1",
            "--prices",
            prices.toString(),
            "-o",
            "csv");

    assertThat(r.out().lines().toList())
        .containsExactly(
            "environment,region,service,task_hours,dollars",
            "seed,us-east-1,a,14.000,0.1680",
            "seed,us-east-1,b,42.000,0.2520",
            "TOTAL,,,56.000,0.4200");
  }

  @Test
  void savings_periodBeforeTheDowntimesKept_saysFiguresBeforeThenAreNoLongerCounted() {
    Cli.Result old = cli.memory("savings", "--month", "2025-06", "--region", "us-east-1");
    Cli.Result recent = cli.memory("savings", "--month", "2026-11", "--region", "us-east-1");

    assertThat(old.exitCode()).as(old.err()).isZero();
    assertThat(old.err()).contains("note: downtimes are kept 400 days", "is no longer counted");
    assertThat(recent.err()).doesNotContain("no longer counted");
  }

  @Test
  void savings_monthBeforeTheDowntimes_isZero() throws Exception {
    Cli.Result r =
        cli.memory("savings", "--month", "2026-10", "--region", "us-east-1", "-o", "json");

    assertThat(JSON.readTree(r.out()).path("total").path("dollars").decimalValue())
        .isEqualByComparingTo("0");
  }
}
