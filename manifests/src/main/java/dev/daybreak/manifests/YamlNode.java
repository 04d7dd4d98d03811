package dev.daybreak.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A YAML value as written, before aliases are expanded: an alias is the very node its anchor names,
 * so a document with aliases is a DAG, never copied while it is read.
 */
sealed interface YamlNode {

  /** Where the value begins. */
  Position at();

  /** A string, number, boolean or null. */
  record Scalar(JsonNode value, Position at) implements YamlNode {}

  /** A sequence. */
  record Sequence(List<YamlNode> items, Position at) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }
  }

  /** A mapping whose keys are unique; merge keys ({@code <<}) already applied. */
  record Mapping(List<Entry> entries, Position at) implements YamlNode {
    public Mapping {
      entries = List.copyOf(entries);
    }
  }

  /** One key of a mapping and its value. */
  record Entry(String key, Position keyAt, YamlNode value) {}
}
