package dev.daybreak.model.schedule;

import java.util.List;

/** A schedule, or a piece of one, is not valid. */
public final class ScheduleException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<ScheduleProblem> problems;

  public ScheduleException(List<ScheduleProblem> problems) {
    super(String.join("; ", problems.stream().map(ScheduleProblem::toString).toList()));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ScheduleException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in field order. */
  public List<ScheduleProblem> problems() {
    return problems;
  }
}
