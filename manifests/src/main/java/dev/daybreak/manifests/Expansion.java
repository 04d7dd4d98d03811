package dev.daybreak.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Expands a document's aliases into a Jackson tree and records where every key and value was
 * written. The walk is bounded: an alias bomb stops at {@link ManifestLimits#MAX_VALUES}, not when
 * memory runs out.
 */
final class Expansion {

  private final Map<FieldPath, Position> values = new HashMap<>();
  private final Map<FieldPath, Position> keys = new HashMap<>();
  private int count;

  private Expansion() {}

  /**
   * The located document of this root.
   *
   * @throws UnreadableYaml when it expands beyond the value or nesting limits
   */
  static LocatedDocument of(YamlNode root, Position start) {
    Expansion expansion = new Expansion();
    JsonNode tree = expansion.expand(root, FieldPath.ROOT);
    return new LocatedDocument(tree, start, expansion.values, expansion.keys);
  }

  private JsonNode expand(YamlNode node, FieldPath path) {
    if (++count > ManifestLimits.MAX_VALUES) {
      throw new UnreadableYaml(
          node.at(),
          path,
          "the document holds more than "
              + ManifestLimits.MAX_VALUES
              + " values once its aliases are expanded; the limit refuses alias bombs"
              + " (\"billion laughs\") and runaway files");
    }
    if (path.depth() > ManifestLimits.MAX_NESTING_DEPTH) {
      throw new UnreadableYaml(node.at(), path, tooDeep());
    }
    values.put(path, node.at());
    if (node instanceof YamlNode.Scalar scalar) {
      return scalar.value();
    }
    if (node instanceof YamlNode.Sequence sequence) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode(sequence.items().size());
      for (int i = 0; i < sequence.items().size(); i++) {
        array.add(expand(sequence.items().get(i), path.index(i)));
      }
      return array;
    }
    YamlNode.Mapping mapping = (YamlNode.Mapping) node;
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    for (YamlNode.Entry entry : mapping.entries()) {
      FieldPath child = path.child(entry.key());
      keys.put(child, entry.keyAt());
      object.set(entry.key(), expand(entry.value(), child));
    }
    return object;
  }

  /** The nesting-limit message, shared with the reader. */
  static String tooDeep() {
    return "mappings and sequences nest deeper than "
        + ManifestLimits.MAX_NESTING_DEPTH
        + " levels; an Environment manifest needs fewer than 10";
  }
}
