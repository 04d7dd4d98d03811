package dev.daybreak.manifests;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a value sits in a manifest document, printed the way users write it: {@code
 * spec.services[1].dependsOn[0]}, {@code metadata.labels["app.kubernetes.io/name"]}.
 */
record FieldPath(List<Segment> segments) {

  /** The document itself. */
  static final FieldPath ROOT = new FieldPath(List.of());

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]{0,8}");

  /** One step: a mapping key or a sequence index. */
  sealed interface Segment {}

  /** A mapping key. */
  record Key(String name) implements Segment {}

  /** A 0-based sequence index. */
  record Index(int index) implements Segment {}

  FieldPath {
    segments = List.copyOf(segments);
  }

  FieldPath child(String key) {
    return append(new Key(key));
  }

  FieldPath index(int index) {
    return append(new Index(index));
  }

  /** How many steps below the document root. */
  int depth() {
    return segments.size();
  }

  private FieldPath append(Segment segment) {
    List<Segment> longer = new ArrayList<>(segments.size() + 1);
    longer.addAll(segments);
    longer.add(segment);
    return new FieldPath(longer);
  }

  /** Whether {@code ancestor} is this path or encloses it. */
  boolean startsWith(FieldPath ancestor) {
    return ancestor.depth() <= depth()
        && segments.subList(0, ancestor.depth()).equals(ancestor.segments);
  }

  /**
   * Reads a path back from what {@link #toString} writes: plain keys joined by dots, indexes in
   * brackets, other keys quoted in brackets.
   *
   * @throws IllegalArgumentException when {@code text} is not such a path
   */
  static FieldPath parse(String text) {
    List<Segment> segments = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      if (text.startsWith("[\"", at)) {
        StringBuilder key = new StringBuilder();
        int i = at + 2;
        for (; i < text.length() && text.charAt(i) != '"'; i++) {
          if (text.charAt(i) == '\\' && i + 1 < text.length()) {
            i++;
          }
          key.append(text.charAt(i));
        }
        if (!text.startsWith("\"]", i)) {
          throw new IllegalArgumentException(
              "unterminated quoted key in field path '" + text + "'");
        }
        segments.add(new Key(key.toString()));
        at = i + 2;
      } else if (text.charAt(at) == '[') {
        int close = text.indexOf(']', at);
        String digits = close < 0 ? "" : text.substring(at + 1, close);
        if (!INDEX.matcher(digits).matches()) {
          throw new IllegalArgumentException("bad index in field path '" + text + "'");
        }
        segments.add(new Index(Integer.parseInt(digits)));
        at = close + 1;
      } else {
        int start = segments.isEmpty() ? at : at + 1;
        if (!segments.isEmpty() && text.charAt(at) != '.') {
          throw new IllegalArgumentException(
              "expected '.' or '[' at offset " + at + " of field path '" + text + "'");
        }
        Matcher key = PLAIN_KEY.matcher(text).region(start, text.length());
        if (!key.lookingAt()) {
          throw new IllegalArgumentException(
              "expected a key at offset " + start + " of field path '" + text + "'");
        }
        segments.add(new Key(key.group()));
        at = key.end();
      }
    }
    return new FieldPath(segments);
  }

  /** The enclosing path; the root is its own parent. */
  FieldPath parent() {
    return segments.isEmpty() ? this : new FieldPath(segments.subList(0, segments.size() - 1));
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Segment segment : segments) {
      if (segment instanceof Index index) {
        out.append('[').append(index.index()).append(']');
      } else if (segment instanceof Key key && PLAIN_KEY.matcher(key.name()).matches()) {
        out.append(out.length() == 0 ? "" : ".").append(key.name());
      } else if (segment instanceof Key key) {
        out.append("[\"")
            .append(key.name().replace("\\", "\\\\").replace("\"", "\\\""))
            .append("\"]");
      }
    }
    return out.toString();
  }
}
