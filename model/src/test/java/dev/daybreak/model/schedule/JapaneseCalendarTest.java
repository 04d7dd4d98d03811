package dev.daybreak.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code manifests/calendars/jp.yaml} parses and lists exactly the days the Public
 * Holiday Act makes holidays, computed here from its rules.
 */
class JapaneseCalendarTest {

  private static final Path FILE = Path.of("..", "manifests", "calendars", "jp.yaml");

  @Test
  void shippedCalendar_listsExactlyJapansPublicHolidaysFor2026And2027() throws IOException {
    HolidayCalendar jp =
        HolidayCalendar.parse("jp", Files.readString(FILE, StandardCharsets.UTF_8));

    Set<LocalDate> expected = new TreeSet<>(holidaysOf(2026));
    expected.addAll(holidaysOf(2027));

    assertThat(jp.dates()).containsExactlyElementsOf(expected);
    assertThat(jp.dates()).hasSize(18 + 17);
  }

  @Test
  void rules_giveTheKnownSpecialDaysOf2026And2027() {
    assertThat(holidaysOf(2026))
        .contains(
            LocalDate.of(2026, 5, 6), // substitute for Sunday May 3
            LocalDate.of(2026, 9, 22)); // between Sep 21 and Sep 23
    assertThat(holidaysOf(2027))
        .contains(LocalDate.of(2027, 3, 21), LocalDate.of(2027, 3, 22))
        .doesNotContain(LocalDate.of(2027, 9, 22));
  }

  /** Japan's public holidays of a year (valid for 2020 onwards, before any further law change). */
  static Set<LocalDate> holidaysOf(int year) {
    Set<LocalDate> base = new TreeSet<>();
    for (String fixed :
        List.of(
            "--01-01", "--02-11", "--02-23", "--04-29", "--05-03", "--05-04", "--05-05", "--08-11",
            "--11-03", "--11-23")) {
      base.add(MonthDay.parse(fixed).atYear(year));
    }
    base.add(nthMonday(year, 1, 2)); // Coming of Age Day
    base.add(nthMonday(year, 7, 3)); // Marine Day
    base.add(nthMonday(year, 9, 3)); // Respect for the Aged Day
    base.add(nthMonday(year, 10, 2)); // Sports Day
    int y = year - 1980;
    base.add(LocalDate.of(year, 3, (int) Math.floor(20.8431 + 0.242194 * y - Math.floor(y / 4.0))));
    base.add(LocalDate.of(year, 9, (int) Math.floor(23.2488 + 0.242194 * y - Math.floor(y / 4.0))));

    Set<LocalDate> all = new TreeSet<>(base);
    for (LocalDate day : base) {
      if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
        LocalDate substitute = day.plusDays(1);
        while (all.contains(substitute)) {
          substitute = substitute.plusDays(1);
        }
        all.add(substitute);
      }
    }
    for (LocalDate day = LocalDate.of(year, 1, 2); day.getYear() == year; day = day.plusDays(1)) {
      if (!all.contains(day)
          && day.getDayOfWeek() != DayOfWeek.SUNDAY
          && base.contains(day.minusDays(1))
          && base.contains(day.plusDays(1))) {
        all.add(day);
      }
    }
    return all;
  }

  private static LocalDate nthMonday(int year, int month, int n) {
    return LocalDate.of(year, month, 1)
        .with(TemporalAdjusters.dayOfWeekInMonth(n, DayOfWeek.MONDAY));
  }
}
