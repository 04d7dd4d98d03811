package dev.daybreak.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.daybreak.model.DependencyGraph;
import dev.daybreak.store.AuditEntry;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.StoredEnvironment;
import java.util.List;

/** Environments as JSON/YAML trees for {@code -o json|yaml}: stable field names for scripts. */
final class Views {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new Jdk8Module())
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private Views() {}

  static String render(JsonNode node, OutputFormat format) {
    try {
      return switch (format) {
        case JSON -> JSON.writeValueAsString(node);
        case YAML -> YAML.writeValueAsString(node).stripTrailing();
        case TABLE -> throw new IllegalArgumentException("a table is not a tree");
      };
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree always serialises", e);
    }
  }

  static ObjectNode list(List<StoredEnvironment> environments) {
    ObjectNode list = JSON.createObjectNode();
    list.put("apiVersion", "daybreak.dev/v1");
    list.put("kind", "EnvironmentList");
    ArrayNode items = list.putArray("items");
    environments.forEach(e -> items.add(environment(e)));
    return list;
  }

  static ObjectNode environment(StoredEnvironment environment) {
    ObjectNode node = JSON.createObjectNode();
    node.put("name", environment.name());
    node.put("generation", environment.spec().generation());
    node.put("createdAt", environment.createdAt().toString());
    node.put("appliedAt", environment.appliedAt().toString());
    node.put("tiers", DependencyGraph.of(environment.spec().spec().services()).tiers().size());
    try {
      node.set("manifest", JSON.readTree(environment.spec().json()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored spec is JSON the store already parsed", e);
    }
    node.set("desired", desired(environment.desired()));
    node.set(
        "status",
        environment
            .status()
            .<JsonNode>map(
                s -> {
                  ObjectNode status = JSON.valueToTree(s.status());
                  status.put("version", s.version());
                  return status;
                })
            .orElse(NullNode.getInstance()));
    return node;
  }

  static JsonNode desired(DesiredRead read) {
    if (read instanceof DesiredRead.Valid valid) {
      var d = valid.stored().desired();
      ObjectNode node = JSON.createObjectNode();
      node.put("state", d.state().name());
      node.put("until", d.until().map(Object::toString).orElse(null));
      ArrayNode services = node.putArray("services");
      d.services().stream().sorted().forEach(services::add);
      node.put("requestedBy", d.requestedBy());
      node.put("reason", d.reason());
      node.put("requestedAt", d.requestedAt().toString());
      node.put("pinned", valid.stored().pinned());
      node.put("version", valid.stored().version());
      node.put("handEdited", valid.handEdited());
      return node;
    }
    if (read instanceof DesiredRead.Invalid invalid) {
      ObjectNode node = JSON.createObjectNode();
      node.put("invalid", invalid.reason());
      node.put("version", invalid.version());
      return node;
    }
    return NullNode.getInstance();
  }

  static ArrayNode audit(List<AuditEntry> entries) {
    ArrayNode array = JSON.createArrayNode();
    for (AuditEntry entry : entries) {
      ObjectNode node = array.addObject();
      node.put("at", entry.at().toString());
      node.put("who", entry.who());
      node.put("via", entry.via().wireName());
      node.put("from", entry.from().map(Enum::name).orElse(null));
      node.put("to", entry.to().name());
      node.put("until", entry.until().map(Object::toString).orElse(null));
      node.put("reason", entry.reason());
      ArrayNode defaulted = node.putArray("defaulted");
      entry.defaulted().forEach(defaulted::add);
    }
    return array;
  }
}
