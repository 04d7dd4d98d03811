package dev.daybreak.model;

import java.util.List;

/** The services of an environment do not form a valid dependency graph. */
public final class GraphException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<GraphProblem> problems;

  public GraphException(List<GraphProblem> problems) {
    super(String.join("; ", problems.stream().map(GraphProblem::message).toList()));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in manifest order. */
  public List<GraphProblem> problems() {
    return problems;
  }
}
