package dev.daybreak.manifests;

import dev.daybreak.model.Readiness;
import dev.daybreak.model.Replicas;
import dev.daybreak.model.ServiceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads one entry of {@code spec.services}. */
final class ServiceReader {

  static final List<String> FIELDS =
      List.of(
          "name", "ecsService", "replicas", "restoreFallback", "readiness", "timeout", "dependsOn");
  static final List<String> READINESS = List.of("running", "stable", "healthy");
  static final String RESTORE = "restore";
  static final int DEFAULT_REPLICAS = 1;
  static final int DEFAULT_RESTORE_FALLBACK = 1;
  static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
  static final Duration MAX_TIMEOUT = Duration.ofHours(24);

  /**
   * What was read of one service.
   *
   * @param node the service's entry
   * @param name its name, if one was given as a string (even an invalid one, so the dependency
   *     graph can still be checked)
   * @param dependsOn its {@code dependsOn} entries that are strings, first occurrences only
   * @param spec the service, when every field of it is valid
   */
  record Read(Node node, Optional<String> name, List<Node> dependsOn, Optional<ServiceSpec> spec) {}

  private ServiceReader() {}

  static Read read(Node node) {
    Optional<Fields> mapping = node.mapping(FIELDS, false);
    if (mapping.isEmpty()) {
      return new Read(node, Optional.empty(), List.of(), Optional.empty());
    }
    Fields fields = mapping.get();
    Optional<Node> nameNode = fields.required("name", "the service's name, used by dependsOn");
    Optional<String> rawName = nameNode.flatMap(Node::string);
    Optional<String> name = rawName.filter(n -> ecsName(nameNode.get(), n));
    Optional<String> ecsService =
        fields.has("ecsService")
            ? fields.optional("ecsService").flatMap(n -> n.string().filter(s -> ecsName(n, s)))
            : name;
    Optional<Replicas> replicas = replicas(fields);
    Optional<Readiness> readiness =
        fields.read(
            "readiness",
            n ->
                n.oneOf("readiness", READINESS)
                    .map(r -> Readiness.valueOf(r.toUpperCase(Locale.ROOT))),
            Readiness.RUNNING);
    Optional<Duration> timeout =
        fields.read(
            "timeout", n -> n.duration(MIN_TIMEOUT, MAX_TIMEOUT), ServiceSpec.DEFAULT_TIMEOUT);
    List<Node> dependsOn = new ArrayList<>();
    boolean dependsOnValid =
        fields.read("dependsOn", n -> dependsOn(n, dependsOn), Boolean.TRUE).isPresent();

    Optional<ServiceSpec> spec = Optional.empty();
    if (name.isPresent()
        && ecsService.isPresent()
        && replicas.isPresent()
        && readiness.isPresent()
        && timeout.isPresent()
        && dependsOnValid) {
      spec =
          Optional.of(
              new ServiceSpec(
                  name.get(),
                  ecsService.get(),
                  replicas.get(),
                  readiness.get(),
                  timeout.get(),
                  dependsOn.stream().map(d -> d.json().textValue()).toList()));
    }
    return new Read(node, rawName, List.copyOf(dependsOn), spec);
  }

  private static boolean ecsName(Node node, String name) {
    if (!Names.isEcsName(name)) {
      node.error("'" + Node.shorten(name) + "' is not a valid name; use " + Names.ECS_NAME_RULE);
      return false;
    }
    return true;
  }

  private static Optional<Replicas> replicas(Fields fields) {
    String expected =
        "a whole number from 0 to " + ManifestLimits.MAX_REPLICAS + ", or '" + RESTORE + "'";
    boolean restore =
        fields.has("replicas")
            && fields.node().json().get("replicas").isTextual()
            && RESTORE.equals(fields.node().json().get("replicas").textValue());
    Optional<Integer> fallback = Optional.of(DEFAULT_RESTORE_FALLBACK);
    if (fields.has("restoreFallback")) {
      Node node = fields.node().child("restoreFallback");
      if (restore) {
        fallback = fields.optional("restoreFallback").flatMap(n -> n.integer(0, max()));
      } else {
        node.keyError(
            "applies only with 'replicas: restore' (the count to wake to when none was saved)");
      }
    }
    if (!fields.has("replicas")) {
      return Optional.of(Replicas.fixed(DEFAULT_REPLICAS));
    }
    Optional<Node> replicas = fields.optional("replicas");
    if (replicas.isEmpty()) {
      return Optional.empty();
    }
    Node node = replicas.get();
    if (restore) {
      return fallback.map(Replicas::restore);
    }
    if (node.json().isTextual()) {
      node.error(
          "'"
              + Node.shorten(node.json().textValue())
              + "' is not a count"
              + Suggestions.didYouMean(node.json().textValue(), List.of(RESTORE))
              + "; expected "
              + expected);
      return Optional.empty();
    }
    if (!node.json().isIntegralNumber()) {
      node.error("expected " + expected + "; found " + Node.describe(node.json()));
      return Optional.empty();
    }
    return node.integer(0, max()).map(Replicas::fixed);
  }

  private static int max() {
    return ManifestLimits.MAX_REPLICAS;
  }

  /** Adds the string entries to {@code into}; reports non-strings and repeats. */
  private static Optional<Boolean> dependsOn(Node node, List<Node> into) {
    Optional<List<Node>> items = node.list("a list of service names, such as [db, cache]");
    if (items.isEmpty()) {
      return Optional.empty();
    }
    boolean valid = true;
    Set<String> seen = new HashSet<>();
    for (Node item : items.get()) {
      Optional<String> dependency = item.string();
      if (dependency.isEmpty()) {
        valid = false;
      } else if (!seen.add(dependency.get())) {
        item.error("'" + dependency.get() + "' is listed twice; list it once");
        valid = false;
      } else {
        into.add(item);
      }
    }
    return valid ? Optional.of(Boolean.TRUE) : Optional.empty();
  }
}
