package dev.daybreak.model.selector;

/**
 * A label selector that cannot be read: where (a 1-based column of the text), what was found and
 * what would be valid there.
 */
public final class SelectorException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String selector;
  private final int column;
  private final String problem;

  SelectorException(String selector, int column, String problem) {
    super("invalid selector '" + selector + "': at column " + column + ": " + problem);
    this.selector = selector;
    this.column = column;
    this.problem = problem;
  }

  /** The selector as given. */
  public String selector() {
    return selector;
  }

  /** The 1-based column the problem starts at (one past the end for a selector cut short). */
  public int column() {
    return column;
  }

  /** What is wrong there and what would be valid, without the selector and column. */
  public String problem() {
    return problem;
  }
}
