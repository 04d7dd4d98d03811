package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code daybreak schedule}, the NEXT column of {@code get envs}, and {@code --calendars}. */
final class ScheduleCommandTest {

  /** Office hours in Tokyo with Japan's holidays; pre-warmed by 09:00 on Fridays. */
  static final String SCHEDULED =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata:
        name: office
      spec:
        cluster: dev
        services:
          - name: api
            replicas: 1
          - name: web
            replicas: 2
            dependsOn: [api]
        schedule:
          timeZone: Asia/Tokyo
          windows:
            - wakeAt: "08:00"
              sleepAt: "20:00"
              days: MON-THU
            - wakeBy: "09:00"
              sleepAt: "20:00"
              days: FRI
          calendars: [%s]
      """;

  @TempDir Path dir;
  private final Cli cli = new Cli();

  @BeforeEach
  void startOnSundayEvening() {
    // 2026-05-03 21:00 JST, a Sunday before Golden Week's last holidays (May 4-6).
    cli.clock.set(Instant.parse("2026-05-03T12:00:00Z"));
  }

  private Cli.Result apply(String calendar, String... extra) throws Exception {
    Path file = Fixtures.write(dir, "office.yaml", SCHEDULED.formatted(calendar));
    String[] args = new String[3 + extra.length];
    args[0] = "apply";
    args[1] = "-f";
    args[2] = file.toString();
    System.arraycopy(extra, 0, args, 3, extra.length);
    return cli.memory(args);
  }

  @Test
  void schedule_listsTheComingEdgesInLocalTime_withHolidaysMarked() throws Exception {
    apply("jp");

    Cli.Result result = cli.memory("schedule", "office", "--days", "5");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .startsWith("environment/office (Asia/Tokyo) now Sun 2026-05-03 21:00: ASLEEP (schedule)")
        .contains("Mon 2026-05-04 08:00   stay asleep   holiday: ")
        .contains("Wed 2026-05-06 08:00   stay asleep   holiday: ")
        .contains("Thu 2026-05-07 08:00   wake          schedule")
        .contains("Thu 2026-05-07 20:00   sleep         schedule")
        .containsPattern("Fri 2026-05-08 08:\\d\\d   wake          wakeBy Fri 2026-05-08 09:00");
  }

  @Test
  void schedule_marksAnActiveOverride_andWhenItEnds() throws Exception {
    apply("jp");
    cli.clock.set(Instant.parse("2026-05-07T12:00:00Z")); // Thu 21:00 JST
    cli.memory("wake", "office", "--for", "1h", "--as", "alice", "--reason", "hotfix");

    Cli.Result result = cli.memory("schedule", "office", "--days", "1");

    assertThat(result.out())
        .contains("now Thu 2026-05-07 21:00: AWAKE (override)")
        .contains("override: AWAKE by alice (\"hotfix\") until Thu 2026-05-07 22:00")
        .contains("Thu 2026-05-07 22:00   override ends   by alice; the schedule decides again");
  }

  @Test
  void schedule_readmeExample_printsExactlyThis() throws Exception {
    Path file =
        Fixtures.write(
            dir,
            "dev.yaml",
            SCHEDULED
                .formatted("jp")
                .replace("name: office", "name: dev")
                .replace("days: MON-THU", "days: MON-FRI")
                .replaceAll("(?s)      - wakeBy.*?days: FRI\n", ""));
    cli.memory("apply", "-f", file.toString());
    cli.clock.set(Instant.parse("2026-05-07T12:00:00Z"));
    cli.memory("wake", "dev", "--for", "1h", "--as", "alice", "--reason", "hotfix");

    Cli.Result result = cli.memory("schedule", "dev", "--days", "3");

    assertThat(result.out())
        .isEqualTo(
            """
            environment/dev (Asia/Tokyo) now Thu 2026-05-07 21:00: AWAKE (override)
            override: AWAKE by alice ("hotfix") until Thu 2026-05-07 22:00
            WHEN                   DOES            WHY
            Thu 2026-05-07 22:00   override ends   by alice; the schedule decides again
            Fri 2026-05-08 08:00   wake            schedule
            Fri 2026-05-08 20:00   sleep           schedule
            """);
  }

  @Test
  void pinnedWake_overridesEveryEdge_untilChanged() throws Exception {
    apply("jp");
    cli.clock.set(Instant.parse("2026-05-07T12:00:00Z"));
    Cli.Result wake = cli.memory("wake", "office", "--pin");
    assertThat(wake.out()).contains("pinned against the schedule");

    Cli.Result result = cli.memory("schedule", "office", "--days", "2");

    assertThat(result.out())
        .contains("AWAKE (pinned)")
        .contains(", pinned until changed")
        .contains("wake (overridden)")
        .doesNotContain("override ends");
    assertThat(cli.memory("describe", "env", "office").out())
        .contains("AWAKE (all services), pinned against the schedule");
    assertThat(cli.memory("get", "envs", "-o", "json").out()).contains("\"pinned\" : true");
  }

  @Test
  void getEnvs_next_saysWhatTheNextEdgeDoes() throws Exception {
    apply("jp");
    cli.clock.set(Instant.parse("2026-05-07T02:00:00Z")); // Thu 11:00 JST

    Cli.Result result = cli.memory("get", "envs");

    assertThat(result.out()).contains("NEXT").contains("sleep Thu 2026-05-07 20:00");
  }

  @Test
  void getEnvs_next_duringAHolidayWeek_saysItStaysAsleep() throws Exception {
    apply("jp");

    Cli.Result result = cli.memory("get", "envs");

    assertThat(result.out()).contains("stay asleep Mon 2026-05-04 08:00 (holiday)");
  }

  @Test
  void calendars_aDirectoryOfOnesOwn_isWhereValidateApplyAndScheduleFindCalendars()
      throws Exception {
    Path calendars = Files.createDirectories(dir.resolve("calendars"));
    Files.writeString(
        calendars.resolve("team.yaml"),
        """
        # The team's own closures.
        2026-05-07: offsite
        """);
    Path file = Fixtures.write(dir, "office.yaml", SCHEDULED.formatted("team"));

    Cli.Result unknown = cli.run("validate", file.toString());
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("team");

    assertThat(cli.run("validate", file.toString(), "--calendars", calendars.toString()).exitCode())
        .isZero();
    assertThat(apply("team", "--calendars", calendars.toString()).exitCode()).isZero();
    Cli.Result schedule =
        cli.memory("schedule", "office", "--days", "4", "--calendars", calendars.toString());
    assertThat(schedule.err()).isEmpty();
    assertThat(schedule.out()).contains("Thu 2026-05-07 08:00   stay asleep   holiday: offsite");
    assertThat(cli.memory("schedule", "office").exitCode()).isEqualTo(ExitCodes.PROBLEM);
  }

  @Test
  void schedule_daysOutOfRange_isAUsageError() throws Exception {
    apply("jp");

    Cli.Result result = cli.memory("schedule", "office", "--days", "0");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("--days must be between 1 and 366, was 0");
  }
}
