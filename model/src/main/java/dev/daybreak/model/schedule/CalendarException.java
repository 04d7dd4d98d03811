package dev.daybreak.model.schedule;

import java.util.List;

/** A holiday calendar's text is not in the calendar format; nothing of it is used. */
public final class CalendarException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String calendar;
  private final transient List<CalendarProblem> problems;

  public CalendarException(String calendar, List<CalendarProblem> problems) {
    super(
        "holiday calendar '"
            + calendar
            + "': "
            + String.join(
                "; ",
                problems.stream().map(p -> "line " + p.line() + ": " + p.message()).toList()));
    this.calendar = calendar;
    this.problems = List.copyOf(problems);
  }

  /** The calendar's name. */
  public String calendar() {
    return calendar;
  }

  /** Every problem found, by line. */
  public List<CalendarProblem> problems() {
    return problems;
  }
}
