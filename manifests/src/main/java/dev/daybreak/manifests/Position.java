package dev.daybreak.manifests;

/**
 * A place in a YAML text.
 *
 * @param line 1-based line
 * @param column 1-based column, counted in code points
 */
record Position(int line, int column) {

  /** The start of a text: where file-level problems are reported. */
  static final Position START = new Position(1, 1);

  Position {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException(
          "positions are 1-based, was line " + line + ", column " + column);
    }
  }
}
