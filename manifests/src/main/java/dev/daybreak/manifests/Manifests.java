package dev.daybreak.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.daybreak.model.AccessSpec;
import dev.daybreak.model.DependencyGraph;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.GraphException;
import dev.daybreak.model.NotifySpec;
import dev.daybreak.model.Readiness;
import dev.daybreak.model.Replicas;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.model.SleepOrder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Loads and validates Environment manifests ({@code apiVersion: daybreak.dev/v1}). */
public final class Manifests {

  public static final String API_VERSION = "daybreak.dev/v1";
  public static final String KIND = "Environment";

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  private Manifests() {}

  /** Loads every Environment document of a file. */
  public static List<Manifest> load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ManifestException(
          List.of(new ManifestError(file.toString(), 0, 0, "", "cannot read: " + e.getMessage())));
    }
    return parse(file.toString(), text);
  }

  /** Parses every Environment document of a YAML (or JSON) text. */
  public static List<Manifest> parse(String source, String text) {
    List<JsonNode> documents;
    try {
      documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll();
    } catch (IOException e) {
      throw new ManifestException(
          List.of(new ManifestError(source, 0, 0, "", "not valid YAML: " + e.getMessage())));
    }
    List<ManifestError> errors = new ArrayList<>();
    List<Manifest> manifests = new ArrayList<>();
    for (JsonNode document : documents) {
      if (document == null || document.isNull() || document.isMissingNode()) {
        continue;
      }
      Optional<EnvironmentSpec> spec = toSpec(source, document, errors);
      if (spec.isPresent()) {
        try {
          manifests.add(new Manifest(spec.get(), JSON.writeValueAsString(document), source));
        } catch (IOException e) {
          throw new IllegalStateException("a parsed tree always serialises", e);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new ManifestException(errors);
    }
    if (manifests.isEmpty()) {
      throw new ManifestException(
          List.of(new ManifestError(source, 0, 0, "", "no Environment document found")));
    }
    return manifests;
  }

  private static Optional<EnvironmentSpec> toSpec(
      String source, JsonNode doc, List<ManifestError> errors) {
    int before = errors.size();
    if (!API_VERSION.equals(doc.path("apiVersion").asText())) {
      errors.add(
          new ManifestError(
              source,
              0,
              0,
              "apiVersion",
              "must be '" + API_VERSION + "', was " + doc.get("apiVersion")));
    }
    if (!KIND.equals(doc.path("kind").asText())) {
      errors.add(
          new ManifestError(
              source, 0, 0, "kind", "must be '" + KIND + "', was " + doc.get("kind")));
    }
    String name = doc.path("metadata").path("name").asText("");
    if (name.isEmpty()) {
      errors.add(new ManifestError(source, 0, 0, "metadata.name", "is required"));
    }
    JsonNode spec = doc.path("spec");
    String cluster = spec.path("cluster").asText("");
    if (cluster.isEmpty()) {
      errors.add(new ManifestError(source, 0, 0, "spec.cluster", "is required"));
    }
    List<ServiceSpec> services = new ArrayList<>();
    JsonNode list = spec.path("services");
    for (int i = 0; i < list.size(); i++) {
      JsonNode s = list.get(i);
      String path = "spec.services[" + i + "]";
      String serviceName = s.path("name").asText("");
      List<String> deps = new ArrayList<>();
      s.path("dependsOn").forEach(d -> deps.add(d.asText()));
      Replicas replicas =
          s.path("replicas").isTextual() && "restore".equals(s.path("replicas").asText())
              ? Replicas.restore(s.path("restoreFallback").asInt(1))
              : Replicas.fixed(s.path("replicas").asInt(1));
      Readiness readiness;
      try {
        readiness =
            Readiness.valueOf(s.path("readiness").asText("running").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.add(
            new ManifestError(
                source, 0, 0, path + ".readiness", "must be one of running, stable, healthy"));
        readiness = Readiness.RUNNING;
      }
      Duration timeout =
          s.has("timeout")
              ? Duration.parse("PT" + s.get("timeout").asText().toUpperCase(Locale.ROOT))
              : ServiceSpec.DEFAULT_TIMEOUT;
      services.add(
          new ServiceSpec(
              serviceName,
              s.path("ecsService").asText(serviceName),
              replicas,
              readiness,
              timeout,
              deps));
    }
    try {
      DependencyGraph.of(services);
    } catch (GraphException e) {
      e.problems()
          .forEach(p -> errors.add(new ManifestError(source, 0, 0, "spec.services", p.message())));
    }
    SleepOrder sleepOrder =
        SleepOrder.valueOf(spec.path("sleepOrder").asText("reverse").toUpperCase(Locale.ROOT));
    if (errors.size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new EnvironmentSpec(
            name,
            cluster,
            services,
            sleepOrder,
            Optional.empty(),
            NotifySpec.defaults(),
            AccessSpec.defaults()));
  }
}
