package dev.daybreak.ecssim.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daybreak.ecssim.EcsError;
import dev.daybreak.ecssim.LoadBalancer;
import dev.daybreak.ecssim.Tag;
import dev.daybreak.ecssim.TaskDefinitionSpec;
import dev.daybreak.ecssim.TaskDefinitionView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads the members of an awsJson1_1 request body, refusing wrong types as ECS does. */
final class RequestReader {

  private final JsonNode body;

  RequestReader(JsonNode body) {
    this.body = body;
  }

  Optional<String> string(String field) {
    return member(field)
        .map(
            v -> {
              if (!v.isTextual()) {
                throw wrongType(field, "a string");
              }
              return v.asText();
            });
  }

  String requiredString(String field) {
    return string(field)
        .orElseThrow(
            () -> new BadRequest(EcsError.InvalidParameterException, field + " is required."));
  }

  OptionalInt integer(String field) {
    Optional<JsonNode> v = member(field);
    if (v.isEmpty()) {
      return OptionalInt.empty();
    }
    if (!v.get().canConvertToInt() || !v.get().isIntegralNumber()) {
      throw wrongType(field, "an integer");
    }
    return OptionalInt.of(v.get().asInt());
  }

  boolean bool(String field) {
    Optional<JsonNode> v = member(field);
    if (v.isPresent() && !v.get().isBoolean()) {
      throw wrongType(field, "a boolean");
    }
    return v.map(JsonNode::asBoolean).orElse(false);
  }

  List<String> strings(String field) {
    Optional<JsonNode> v = member(field);
    if (v.isEmpty()) {
      return List.of();
    }
    if (!v.get().isArray()) {
      throw wrongType(field, "a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : v.get()) {
      if (!item.isTextual()) {
        throw wrongType(field, "a list of strings");
      }
      out.add(item.asText());
    }
    return out;
  }

  /** Whether {@code include} lists {@code TAGS}. */
  boolean includesTags() {
    return strings("include").contains("TAGS");
  }

  List<Tag> tags(String field) {
    Optional<JsonNode> v = member(field);
    if (v.isEmpty()) {
      return List.of();
    }
    if (!v.get().isArray()) {
      throw wrongType(field, "a list of {key, value}");
    }
    List<Tag> out = new ArrayList<>();
    for (JsonNode item : v.get()) {
      JsonNode key = item.get("key");
      if (key == null || !key.isTextual()) {
        throw wrongType(field, "a list of {key, value}");
      }
      out.add(new Tag(key.asText(), item.path("value").asText("")));
    }
    return out;
  }

  /**
   * ECS's {@code loadBalancers}: for an Application or Network Load Balancer each entry names a
   * targetGroupArn, a containerName and a containerPort (InvalidParameterException otherwise, as
   * ECS answers).
   */
  List<LoadBalancer> loadBalancers(String field) {
    Optional<JsonNode> v = member(field);
    if (v.isEmpty()) {
      return List.of();
    }
    if (!v.get().isArray()) {
      throw wrongType(field, "a list of {targetGroupArn, containerName, containerPort}");
    }
    List<LoadBalancer> out = new ArrayList<>();
    for (JsonNode item : v.get()) {
      JsonNode arn = item.get("targetGroupArn");
      JsonNode container = item.get("containerName");
      JsonNode port = item.get("containerPort");
      if (arn == null
          || !arn.isTextual()
          || container == null
          || !container.isTextual()
          || port == null
          || !port.isInt()
          || port.asInt() < 1
          || port.asInt() > 65_535) {
        throw new BadRequest(
            EcsError.InvalidParameterException,
            "loadBalancers: each load balancer of an Application or Network Load Balancer needs"
                + " a targetGroupArn, a containerName and a containerPort (1 to 65535).");
      }
      out.add(new LoadBalancer(arn.asText(), container.asText(), port.asInt()));
    }
    return out;
  }

  /**
   * RegisterTaskDefinition's request: family, task-level cpu and memory, runtimePlatform,
   * ephemeralStorage and each container's name, image, essential and healthCheck.command; other
   * members are accepted and have no effect.
   */
  TaskDefinitionSpec taskDefinition() {
    String family = requiredString("family");
    Optional<JsonNode> list = member("containerDefinitions");
    if (list.isEmpty()) {
      throw new BadRequest(EcsError.InvalidParameterException, "containerDefinitions is required.");
    }
    if (!list.get().isArray()) {
      throw wrongType("containerDefinitions", "a list of container definitions");
    }
    List<TaskDefinitionView.Container> containers = new ArrayList<>();
    for (JsonNode item : list.get()) {
      RequestReader c = new RequestReader(item);
      RequestReader check = c.nested("healthCheck");
      List<String> command = check.strings("command");
      containers.add(
          new TaskDefinitionView.Container(
              c.requiredString("name"),
              c.string("image").orElse(""),
              c.member("essential").isEmpty() || c.bool("essential"),
              command.isEmpty() ? Optional.empty() : Optional.of(command)));
    }
    RequestReader platform = nested("runtimePlatform");
    OptionalInt storage = nested("ephemeralStorage").integer("sizeInGiB");
    return new TaskDefinitionSpec(
        family,
        string("cpu"),
        string("memory"),
        platform.string("cpuArchitecture"),
        platform.string("operatingSystemFamily"),
        storage.isPresent() ? Optional.of(storage.getAsInt()) : Optional.empty(),
        containers);
  }

  /** A nested structure's reader (empty when absent). */
  RequestReader nested(String field) {
    Optional<JsonNode> v = member(field);
    if (v.isPresent() && !v.get().isObject()) {
      throw wrongType(field, "a structure");
    }
    return new RequestReader(v.orElse(EcsJson.object()));
  }

  private Optional<JsonNode> member(String field) {
    return EcsJson.member(body, field);
  }

  private static BadRequest wrongType(String field, String expected) {
    return new BadRequest(
        EcsError.SerializationException, "'" + field + "' must be " + expected + ".");
  }
}
