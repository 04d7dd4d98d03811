package dev.daybreak.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.daybreak.model.ScheduleSpec;
import dev.daybreak.model.State;
import dev.daybreak.model.schedule.Edge;
import dev.daybreak.model.schedule.HolidayCalendar;
import dev.daybreak.model.schedule.Schedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalendarsTest {

  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  @TempDir Path dir;

  @Test
  void builtIn_readsJapanFromTheClassPath() {
    HolidayCalendar jp = Calendars.builtIn().get("jp").orElseThrow();

    assertThat(Calendars.builtIn().names()).containsExactly("jp");
    assertThat(jp.holidays())
        .containsEntry(LocalDate.of(2026, 1, 1), "元日 (New Year's Day)")
        .containsKey(LocalDate.of(2027, 11, 23));
  }

  @Test
  void builtInNames_areExactlyTheCalendarFilesOfTheModule() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("calendars"))) {
      List<String> names =
          files
              .map(f -> f.getFileName().toString())
              .filter(f -> f.endsWith(".yaml"))
              .map(f -> f.substring(0, f.length() - ".yaml".length()))
              .sorted()
              .toList();

      assertThat(Calendars.BUILT_IN)
          .as("Calendars.BUILT_IN lists every file under manifests/calendars/")
          .containsExactlyElementsOf(names);
    }
  }

  @Test
  void builtInAnd_addsTheDirectorysCalendarsAndReplacesBuiltInOnesOfTheSameName()
      throws IOException {
    Files.writeString(dir.resolve("acme.yaml"), "2026-12-29: Year-end closure\n");
    Files.writeString(dir.resolve("jp.yaml"), "2028-01-01: 元日\n");
    Files.writeString(dir.resolve("README.md"), "not a calendar\n");
    Files.createDirectory(dir.resolve("old.yaml"));

    Calendars calendars = Calendars.builtInAnd(dir);

    assertThat(calendars.names()).containsExactly("acme", "jp");
    assertThat(calendars.get("acme").orElseThrow().dates())
        .containsExactly(LocalDate.of(2026, 12, 29));
    assertThat(calendars.get("jp").orElseThrow().dates()).containsExactly(LocalDate.of(2028, 1, 1));
    assertThat(Calendars.builtIn().get("jp").orElseThrow().dates()).hasSizeGreaterThan(30);
  }

  @Test
  void builtInAnd_malformedFilesAndNames_areRejectedWithFileAndLine() throws IOException {
    Path bad = Files.writeString(dir.resolve("acme.yaml"), "# closures\n2026-02-30: nope\n");
    Path badName = Files.writeString(dir.resolve("Acme_Corp.yaml"), "2026-12-29: x\n");

    ManifestException e =
        catchThrowableOfType(ManifestException.class, () -> Calendars.builtInAnd(dir));

    assertThat(e.errors()).hasSize(2);
    assertThat(e.errors())
        .extracting(ManifestError::toString)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(badName + ": 'Acme_Corp.yaml' is not named as a holiday calendar"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(bad + ":2:1: '2026-02-30' is not a date in the calendar"));
  }

  @Test
  void builtInAnd_missingDirectoryOrAFile_isRejected() throws IOException {
    Path missing = dir.resolve("missing");
    Path file = Files.writeString(dir.resolve("file.yaml"), "");

    assertThatThrownBy(() -> Calendars.builtInAnd(missing))
        .isInstanceOf(ManifestException.class)
        .hasMessage(missing + ": cannot read the holiday calendar directory: no such directory");
    assertThatThrownBy(() -> Calendars.builtInAnd(file))
        .isInstanceOf(ManifestException.class)
        .hasMessageStartingWith(
            file + ": cannot read the holiday calendar directory: it is a file");
  }

  @Test
  void of_givesTheNamedCalendarsSoThatTheScheduleSkipsWakesOnTheirHolidays() {
    String yaml =
        """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata: {name: shop}
        spec:
          cluster: dev
          services: [{name: a}]
          schedule:
            timeZone: Asia/Tokyo
            windows: [{days: MON-FRI, wakeAt: "08:00", sleepAt: "20:00"}]
            holidays: [2026-12-29]
            calendars: [jp]
        """;
    ScheduleSpec spec = Manifests.parse("x.yaml", yaml).get(0).spec().schedule().orElseThrow();

    Schedule schedule = Schedule.compile(spec, Calendars.builtIn().of(spec), Duration.ZERO);

    assertThat(schedule.holidays())
        .containsEntry(LocalDate.of(2026, 12, 29), "")
        .containsEntry(LocalDate.of(2026, 5, 6), "振替休日 (substitute holiday for May 3)");
    // Wednesday 2026-05-06 is a substitute holiday: its 08:00 wake is skipped.
    Edge holiday = schedule.edgeAt(ZonedDateTime.of(2026, 5, 6, 12, 0, 0, 0, TOKYO).toInstant());
    assertThat(holiday.to()).isEqualTo(State.ASLEEP);
    assertThat(holiday.reason()).isEqualTo(Edge.Reason.HOLIDAY);
    assertThat(holiday.holiday()).contains("振替休日 (substitute holiday for May 3)");
    assertThat(schedule.stateAt(ZonedDateTime.of(2026, 5, 7, 12, 0, 0, 0, TOKYO).toInstant()))
        .isEqualTo(State.AWAKE);
  }

  @Test
  void of_aCalendarTheRegistryLacks_isRefusedNamingTheKnownOnes() {
    ScheduleSpec spec = new ScheduleSpec(TOKYO, List.of(), List.of(), List.of("jp", "acme"));

    assertThatThrownBy(() -> Calendars.builtIn().of(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown holiday calendar 'acme'; available: jp");
  }

  @Test
  void orEmpty_addsAnEmptyCalendarForEachMissingName_andKeepsTheKnownOnes() {
    Calendars calendars = Calendars.builtIn().orEmpty(List.of("jp", "team"));

    assertThat(calendars.names()).containsExactly("jp", "team");
    assertThat(calendars.get("team").orElseThrow().holidays()).isEmpty();
    assertThat(calendars.get("jp")).isEqualTo(Calendars.builtIn().get("jp"));
  }
}
