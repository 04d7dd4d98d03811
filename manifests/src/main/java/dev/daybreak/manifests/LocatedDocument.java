package dev.daybreak.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * One YAML document as a Jackson tree, with where each of its keys and values was written.
 *
 * @param root the document's value (aliases expanded, merge keys applied)
 * @param start where the document begins
 * @param values where each value begins
 * @param keys where each mapping key begins, by the path of the value it names
 */
record LocatedDocument(
    JsonNode root, Position start, Map<FieldPath, Position> values, Map<FieldPath, Position> keys) {

  LocatedDocument {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(start, "start");
    values = Map.copyOf(values);
    keys = Map.copyOf(keys);
  }

  /** Where the value at {@code path} was written, or its nearest located ancestor. */
  Position valueAt(FieldPath path) {
    for (FieldPath at = path; ; at = at.parent()) {
      Position position = values.get(at);
      if (position != null) {
        return position;
      }
      if (at.depth() == 0) {
        return start;
      }
    }
  }

  /** Where the key naming {@code path} was written, else where its value was. */
  Position keyAt(FieldPath path) {
    Position position = keys.get(path);
    return position != null ? position : valueAt(path);
  }
}
