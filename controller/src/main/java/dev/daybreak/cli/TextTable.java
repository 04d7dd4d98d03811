package dev.daybreak.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** kubectl-style aligned columns. */
final class TextTable {

  private static final String GAP = "   ";

  private final List<String[]> rows = new ArrayList<>();

  TextTable(String... headers) {
    rows.add(headers);
  }

  TextTable row(String... cells) {
    if (cells.length != rows.get(0).length) {
      throw new IllegalArgumentException(
          "expected " + rows.get(0).length + " cells, got " + cells.length);
    }
    rows.add(cells);
    return this;
  }

  void print(PrintWriter out, String indent) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < columns; i++) {
        line.append(row[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - row[i].length())).append(GAP);
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
