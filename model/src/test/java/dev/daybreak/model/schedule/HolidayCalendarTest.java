package dev.daybreak.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HolidayCalendarTest {

  @Test
  void parse_readsDatesNamesCommentsAndBlankLines() {
    HolidayCalendar c =
        HolidayCalendar.parse(
            "acme",
            """
            \uFEFF# Acme's office closures
            ---

            2026-12-31: Office closed   # year end
            2026-12-30: "Year-end #1"
            2026-12-29:
            """);

    assertThat(c.holidays())
        .containsExactly(
            Map.entry(LocalDate.parse("2026-12-29"), ""),
            Map.entry(LocalDate.parse("2026-12-30"), "Year-end #1"),
            Map.entry(LocalDate.parse("2026-12-31"), "Office closed"));
    assertThat(c.lastDate()).contains(LocalDate.parse("2026-12-31"));
  }

  @Test
  void parse_stripsMatchingQuotes() {
    HolidayCalendar c = HolidayCalendar.parse("acme", "2026-01-02: 'Bank holiday'\r\n");

    assertThat(c.holidays()).containsEntry(LocalDate.parse("2026-01-02"), "Bank holiday");
  }

  @Test
  void parse_reportsEveryBadLineWithItsNumber() {
    String text =
        """
        2026-01-01: New Year
        2026-13-01: Nonsense
          2026-01-02: indented
        2026/01/03: slashes
        2026-01-04:no space
        2026-01-01: again
        """;

    assertThatThrownBy(() -> HolidayCalendar.parse("acme", text))
        .isInstanceOfSatisfying(
            CalendarException.class,
            e -> {
              assertThat(e.calendar()).isEqualTo("acme");
              assertThat(e.problems())
                  .extracting(CalendarProblem::line)
                  .containsExactly(2, 3, 4, 5, 6);
              assertThat(e.problems().get(0).message())
                  .startsWith("'2026-13-01' is not a date in the calendar; expected");
              assertThat(e.problems().get(4).message())
                  .isEqualTo("2026-01-01 is already listed on line 1; list it once");
            })
        .hasMessageStartingWith("holiday calendar 'acme': line 2: ");
  }

  @Test
  void parse_rejectsQuotedNamesItCannotReadLikeYaml() {
    String text =
        """
        2026-01-01: "New \\u0059ear"
        2026-01-02: 'It''s'
        2026-01-03: "unterminated
        2026-01-04: "Done" and more
        2026-01-05: "Fine"   # comment
        """;

    assertThatThrownBy(() -> HolidayCalendar.parse("acme", text))
        .isInstanceOfSatisfying(
            CalendarException.class,
            e ->
                assertThat(e.problems())
                    .extracting(CalendarProblem::line)
                    .containsExactly(1, 2, 3, 4));
  }

  @Test
  void parse_rejectsANameThatCannotBeAFileName() {
    assertThatThrownBy(() -> HolidayCalendar.parse("../etc", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must match");
  }

  @Test
  void parse_emptyText_isAnEmptyCalendar() {
    assertThat(HolidayCalendar.parse("none", "# nothing yet\n").holidays()).isEmpty();
  }
}
