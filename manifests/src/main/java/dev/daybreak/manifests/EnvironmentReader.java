package dev.daybreak.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daybreak.model.AccessSpec;
import dev.daybreak.model.AutoscalingMode;
import dev.daybreak.model.AwsSpec;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.NotifySpec;
import dev.daybreak.model.ScheduleSpec;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.model.SleepOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Validates one Environment document and maps it to the model. */
final class EnvironmentReader {

  static final List<String> FIELDS = List.of("apiVersion", "kind", "metadata", "spec");
  static final List<String> METADATA_FIELDS = List.of("name", "labels", "annotations");
  static final List<String> SPEC_FIELDS =
      List.of(
          "cluster",
          "aws",
          "services",
          "sleepOrder",
          "schedule",
          "autoscaling",
          "notify",
          "access");
  static final List<String> SLEEP_ORDERS = List.of("reverse", "parallel");
  static final List<String> AUTOSCALING_MODES = List.of("manage", "ignore");

  private EnvironmentReader() {}

  /** The environment, when the document has no problem; every problem goes to {@code problems}. */
  static Optional<EnvironmentSpec> read(
      LocatedDocument document, Calendars calendars, Problems problems) {
    int before = problems.count();
    Node root = Node.root(document, problems);
    if (!root.json().isObject()) {
      root.error(
          "a manifest document is a mapping with apiVersion, kind, metadata and spec; found "
              + Node.describe(root.json()));
      return Optional.empty();
    }
    Fields fields = root.mapping(FIELDS, true).orElseThrow();
    fields
        .required("apiVersion", "'" + Manifests.API_VERSION + "'")
        .ifPresent(n -> constant(n, Manifests.API_VERSION));
    fields.required("kind", "'" + Manifests.KIND + "'").ifPresent(n -> constant(n, Manifests.KIND));
    Optional<Metadata> metadata =
        fields
            .required("metadata", "a mapping with at least the environment's name")
            .flatMap(EnvironmentReader::metadata);
    Optional<Spec> spec =
        fields
            .required("spec", "a mapping with cluster and services")
            .flatMap(n -> spec(n, calendars));
    if (problems.count() > before || metadata.isEmpty() || spec.isEmpty()) {
      return Optional.empty();
    }
    Spec s = spec.get();
    return Optional.of(
        new EnvironmentSpec(
            metadata.get().name(),
            s.cluster,
            s.services,
            s.sleepOrder,
            s.schedule,
            s.notifications,
            s.access,
            metadata.get().labels(),
            s.autoscaling,
            s.aws));
  }

  private record Metadata(String name, Map<String, String> labels) {}

  private record Spec(
      String cluster,
      List<ServiceSpec> services,
      SleepOrder sleepOrder,
      Optional<ScheduleSpec> schedule,
      NotifySpec notifications,
      AccessSpec access,
      AutoscalingMode autoscaling,
      AwsSpec aws) {}

  private static void constant(Node node, String expected) {
    node.string()
        .filter(value -> !value.equals(expected))
        .ifPresent(
            value ->
                node.error("expected '" + expected + "'; found '" + Node.shorten(value) + "'"));
  }

  private static Optional<Metadata> metadata(Node node) {
    Optional<Fields> mapping = node.mapping(METADATA_FIELDS, false);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = mapping.get();
    Map<String, String> labels =
        fields.optional("labels").map(n -> labels(n, true)).orElse(Map.of());
    fields.optional("annotations").ifPresent(annotations -> labels(annotations, false));
    return fields
        .required("name", "the environment's name, " + Names.DNS_LABEL_RULE)
        .flatMap(
            n ->
                n.string()
                    .filter(
                        name -> {
                          if (!Names.isDnsLabel(name)) {
                            n.error(
                                "'"
                                    + Node.shorten(name)
                                    + "' is not a valid environment name; use "
                                    + Names.DNS_LABEL_RULE);
                            return false;
                          }
                          return true;
                        }))
        .map(name -> new Metadata(name, labels));
  }

  /**
   * Labels and annotations: string keys to string values; label values are restricted too.
   *
   * @return the valid entries (problems with the others are reported)
   */
  private static Map<String, String> labels(Node node, boolean label) {
    if (!node.json().isObject()) {
      node.error("expected a mapping of names to strings; found " + Node.describe(node.json()));
      return Map.of();
    }
    Map<String, String> valid = new HashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.json().properties()) {
      Node value = node.child(entry.getKey());
      if (!Names.isLabelKey(entry.getKey())) {
        value.keyError(
            "'"
                + Node.shorten(entry.getKey())
                + "' is not a valid key; use "
                + Names.LABEL_KEY_RULE);
      }
      value
          .string()
          .filter(text -> label && !Names.isLabelValue(text))
          .ifPresent(
              text ->
                  value.error(
                      "'"
                          + Node.shorten(text)
                          + "' is not a valid label value; use "
                          + Names.LABEL_VALUE_RULE
                          + " (annotations take any text)"));
      if (entry.getValue().isTextual()) {
        valid.put(entry.getKey(), entry.getValue().asText());
      }
    }
    return valid;
  }

  private static Optional<Spec> spec(Node node, Calendars calendars) {
    Optional<Fields> mapping = node.mapping(SPEC_FIELDS, false);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = mapping.get();
    Optional<String> cluster =
        fields
            .required("cluster", "the ECS cluster's name or ARN")
            .flatMap(
                n ->
                    n.string()
                        .filter(
                            c -> {
                              if (!Names.isCluster(c)) {
                                n.error(
                                    "'"
                                        + Node.shorten(c)
                                        + "' is not a valid cluster; use "
                                        + Names.CLUSTER_RULE);
                                return false;
                              }
                              return true;
                            }));
    Optional<List<ServiceSpec>> services =
        fields
            .required("services", "a list of services, each with at least a name")
            .flatMap(EnvironmentReader::services);
    Optional<SleepOrder> sleepOrder =
        fields.read(
            "sleepOrder",
            n ->
                n.oneOf("sleepOrder", SLEEP_ORDERS)
                    .map(o -> SleepOrder.valueOf(o.toUpperCase(Locale.ROOT))),
            SleepOrder.REVERSE);
    Optional<Optional<ScheduleSpec>> schedule =
        fields.read(
            "schedule", n -> ScheduleReader.read(n, calendars).map(Optional::of), Optional.empty());
    Optional<NotifySpec> notify = fields.read("notify", NotifyReader::read, NotifySpec.defaults());
    Optional<AccessSpec> access = fields.read("access", AccessReader::read, AccessSpec.defaults());
    Optional<AutoscalingMode> autoscaling =
        fields.read(
            "autoscaling",
            n ->
                n.oneOf("autoscaling", AUTOSCALING_MODES)
                    .map(m -> AutoscalingMode.valueOf(m.toUpperCase(Locale.ROOT))),
            AutoscalingMode.MANAGE);
    Optional<AwsSpec> aws = fields.read("aws", AwsReader::read, AwsSpec.home());
    if (cluster.isPresent()
        && aws.isPresent()
        && !AwsReader.agrees(cluster.get(), aws.get(), node.child("aws"))) {
      return Optional.empty();
    }
    if (cluster.isEmpty()
        || aws.isEmpty()
        || services.isEmpty()
        || sleepOrder.isEmpty()
        || schedule.isEmpty()
        || notify.isEmpty()
        || access.isEmpty()
        || autoscaling.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Spec(
            cluster.get(),
            services.get(),
            sleepOrder.get(),
            schedule.get(),
            notify.get(),
            access.get(),
            autoscaling.get(),
            aws.get()));
  }

  private static Optional<List<ServiceSpec>> services(Node node) {
    Optional<List<Node>> items = node.list("a list of services, each with at least a name");
    if (items.isEmpty()) {
      return Optional.empty();
    }
    if (items.get().isEmpty()) {
      node.error("lists no service; an environment has at least one");
      return Optional.empty();
    }
    if (items.get().size() > ManifestLimits.MAX_SERVICES) {
      node.error(
          "lists "
              + items.get().size()
              + " services; the limit is "
              + ManifestLimits.MAX_SERVICES
              + " per environment: split it into several environments");
      return Optional.empty();
    }
    List<ServiceReader.Read> read = items.get().stream().map(ServiceReader::read).toList();
    GraphCheck.check(read);
    if (read.stream().anyMatch(service -> service.spec().isEmpty()) || sharedEcsServices(read)) {
      return Optional.empty();
    }
    return Optional.of(read.stream().map(service -> service.spec().orElseThrow()).toList());
  }

  /**
   * Reports every service whose ECS service another service of the environment already names: two
   * services scaling one ECS service to different counts would undo each other on every pass.
   *
   * @return whether there was any
   */
  private static boolean sharedEcsServices(List<ServiceReader.Read> read) {
    Map<String, String> owners = new HashMap<>();
    boolean shared = false;
    for (ServiceReader.Read service : read) {
      ServiceSpec spec = service.spec().orElseThrow();
      String owner = owners.putIfAbsent(spec.ecsService(), spec.name());
      // A repeated name is already reported as such.
      if (owner != null && !owner.equals(spec.name())) {
        Node at =
            service.node().json().has("ecsService")
                ? service.node().child("ecsService")
                : service.node().child("name");
        at.error(
            "ECS service '"
                + spec.ecsService()
                + "' already belongs to service '"
                + owner
                + "'; each ECS service belongs to one service of the environment: give them"
                + " different ecsService values");
        shared = true;
      }
    }
    return shared;
  }
}
