package dev.daybreak.manifests;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a value sits in a manifest document, printed the way users write it: {@code
 * spec.services[1].dependsOn[0]}, {@code metadata.labels["app.kubernetes.io/name"]}.
 */
record FieldPath(List<Segment> segments) {

  /** The document itself. */
  static final FieldPath ROOT = new FieldPath(List.of());

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

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
