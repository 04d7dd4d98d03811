package dev.daybreak.ecssim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daybreak.ecssim.ClusterView;
import dev.daybreak.ecssim.DeploymentView;
import dev.daybreak.ecssim.Described;
import dev.daybreak.ecssim.Failure;
import dev.daybreak.ecssim.Page;
import dev.daybreak.ecssim.ServiceEventView;
import dev.daybreak.ecssim.ServiceView;
import dev.daybreak.ecssim.Tag;
import dev.daybreak.ecssim.TaskView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The simulator's views as ECS's awsJson1_1 shapes: member names as in the ECS service model,
 * timestamps as epoch seconds with millisecond fraction (as ECS sends them).
 */
final class EcsJson {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private EcsJson() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ObjectNode service(ServiceView s) {
    ObjectNode n = object();
    n.put("serviceArn", s.serviceArn());
    n.put("serviceName", s.serviceName());
    n.put("clusterArn", s.clusterArn());
    ArrayNode loadBalancers = n.putArray("loadBalancers");
    s.loadBalancers()
        .forEach(
            lb ->
                loadBalancers
                    .addObject()
                    .put("targetGroupArn", lb.targetGroupArn())
                    .put("containerName", lb.containerName())
                    .put("containerPort", lb.containerPort()));
    n.putArray("serviceRegistries");
    n.put("status", s.status());
    n.put("desiredCount", s.desiredCount());
    n.put("runningCount", s.runningCount());
    n.put("pendingCount", s.pendingCount());
    if (s.capacityProvider().isPresent()) {
      n.putArray("capacityProviderStrategy")
          .addObject()
          .put("capacityProvider", s.capacityProvider().get())
          .put("weight", 1)
          .put("base", 0);
    } else {
      n.put("launchType", "FARGATE");
    }
    n.put("platformVersion", "LATEST");
    n.put("platformFamily", "Linux");
    n.put("taskDefinition", s.taskDefinition());
    ObjectNode config = n.putObject("deploymentConfiguration");
    config
        .putObject("deploymentCircuitBreaker")
        .put("enable", s.circuitBreaker())
        .put("rollback", s.rollback());
    config.put("maximumPercent", 200);
    config.put("minimumHealthyPercent", 100);
    n.set("deployments", array(s.deployments(), EcsJson::deployment));
    n.set("events", array(s.events(), EcsJson::event));
    timestamp(n, "createdAt", s.createdAt());
    n.putArray("placementConstraints");
    n.putArray("placementStrategy");
    n.put("schedulingStrategy", "REPLICA");
    n.putObject("deploymentController").put("type", "ECS");
    n.put("enableECSManagedTags", false);
    n.put("propagateTags", "NONE");
    n.put("enableExecuteCommand", false);
    if (!s.tags().isEmpty()) {
      n.set("tags", tags(s.tags()));
    }
    return n;
  }

  static ObjectNode deployment(DeploymentView d) {
    ObjectNode n = object();
    n.put("id", d.id());
    n.put("status", d.status());
    n.put("taskDefinition", d.taskDefinition());
    n.put("desiredCount", d.desiredCount());
    n.put("pendingCount", d.pendingCount());
    n.put("runningCount", d.runningCount());
    n.put("failedTasks", d.failedTasks());
    timestamp(n, "createdAt", d.createdAt());
    timestamp(n, "updatedAt", d.updatedAt());
    n.put("launchType", "FARGATE");
    n.put("platformVersion", "1.4.0");
    n.put("platformFamily", "Linux");
    n.put("rolloutState", d.rolloutState().name());
    n.put("rolloutStateReason", d.rolloutStateReason());
    return n;
  }

  static ObjectNode event(ServiceEventView e) {
    ObjectNode n = object();
    n.put("id", e.id());
    timestamp(n, "createdAt", e.createdAt());
    n.put("message", e.message());
    return n;
  }

  static ObjectNode task(TaskView t) {
    ObjectNode n = object();
    String attachmentId = "eni-attach-" + t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1);
    ObjectNode eni = n.putArray("attachments").addObject();
    eni.put("id", attachmentId);
    eni.put("type", "ElasticNetworkInterface");
    eni.put("status", "STOPPED".equals(t.lastStatus()) ? "DELETED" : "ATTACHED");
    eni.putArray("details")
        .addObject()
        .put("name", "privateIPv4Address")
        .put("value", t.privateIp());
    n.putArray("attributes");
    n.put("availabilityZone", t.clusterArn().split(":")[3] + "a");
    n.put("clusterArn", t.clusterArn());
    n.put("connectivity", "CONNECTED");
    timestamp(n, "connectivityAt", t.createdAt());
    ObjectNode container = n.putArray("containers").addObject();
    container.put(
        "containerArn", t.taskArn().replace(":task/", ":container/") + "/" + t.containerName());
    container.put("taskArn", t.taskArn());
    container.put("name", t.containerName());
    container.put("image", t.image());
    container.put("lastStatus", t.containerLastStatus());
    t.exitCode().ifPresent(code -> container.put("exitCode", code));
    t.containerReason().ifPresent(reason -> container.put("reason", reason));
    container.putArray("networkBindings");
    container
        .putArray("networkInterfaces")
        .addObject()
        .put("attachmentId", attachmentId)
        .put("privateIpv4Address", t.privateIp());
    container.put("healthStatus", t.healthStatus());
    container.put("cpu", "0");
    n.put("cpu", "256");
    timestamp(n, "createdAt", t.createdAt());
    n.put("desiredStatus", t.desiredStatus());
    n.put("enableExecuteCommand", false);
    n.put("group", t.group());
    n.put("healthStatus", t.healthStatus());
    n.put("lastStatus", t.lastStatus());
    n.put("launchType", "FARGATE");
    n.put("memory", "512");
    n.putObject("overrides").putArray("containerOverrides");
    n.put("platformVersion", "1.4.0");
    n.put("platformFamily", "Linux");
    t.pullStartedAt().ifPresent(i -> timestamp(n, "pullStartedAt", i));
    t.pullStoppedAt().ifPresent(i -> timestamp(n, "pullStoppedAt", i));
    t.startedAt().ifPresent(i -> timestamp(n, "startedAt", i));
    n.put("startedBy", t.startedBy());
    t.stopCode().ifPresent(c -> n.put("stopCode", c));
    t.stoppedAt().ifPresent(i -> timestamp(n, "stoppedAt", i));
    t.stoppedReason().ifPresent(r -> n.put("stoppedReason", r));
    t.stoppingAt().ifPresent(i -> timestamp(n, "stoppingAt", i));
    if (!t.tags().isEmpty()) {
      n.set("tags", tags(t.tags()));
    }
    n.put("taskArn", t.taskArn());
    n.put("taskDefinitionArn", t.taskDefinitionArn());
    n.put("version", t.version());
    return n;
  }

  static ObjectNode cluster(ClusterView c) {
    ObjectNode n = object();
    n.put("clusterArn", c.clusterArn());
    n.put("clusterName", c.clusterName());
    n.put("status", c.status());
    n.put("registeredContainerInstancesCount", 0);
    n.put("runningTasksCount", c.runningTasksCount());
    n.put("pendingTasksCount", c.pendingTasksCount());
    n.put("activeServicesCount", c.activeServicesCount());
    n.putArray("statistics");
    if (!c.tags().isEmpty()) {
      n.set("tags", tags(c.tags()));
    }
    n.putArray("settings").addObject().put("name", "containerInsights").put("value", "disabled");
    n.putArray("capacityProviders").add("FARGATE").add("FARGATE_SPOT");
    n.putArray("defaultCapacityProviderStrategy");
    return n;
  }

  /** {@code {<itemsField>: [...], failures: [...]}}. */
  static <T> ObjectNode described(
      String itemsField, Described<T> described, Function<T, ObjectNode> item) {
    ObjectNode n = object();
    n.set(itemsField, array(described.items(), item));
    n.set("failures", array(described.failures(), EcsJson::failure));
    return n;
  }

  /** {@code {<arnsField>: [...], nextToken?}}. */
  static ObjectNode page(String arnsField, Page page) {
    ObjectNode n = object();
    ArrayNode arns = n.putArray(arnsField);
    page.arns().forEach(arns::add);
    page.nextToken().ifPresent(t -> n.put("nextToken", t));
    return n;
  }

  static ArrayNode tags(List<Tag> tags) {
    return array(tags, t -> object().put("key", t.key()).put("value", t.value()));
  }

  private static ObjectNode failure(Failure f) {
    return object().put("arn", f.arn()).put("reason", f.reason());
  }

  private static <T> ArrayNode array(List<T> items, Function<T, ? extends JsonNode> each) {
    ArrayNode a = MAPPER.createArrayNode();
    items.forEach(i -> a.add(each.apply(i)));
    return a;
  }

  /** ECS's timestamps: epoch seconds, millisecond fraction, never in exponent notation. */
  static void timestamp(ObjectNode n, String field, Instant at) {
    n.put(field, BigDecimal.valueOf(at.toEpochMilli(), 3));
  }

  static Optional<JsonNode> member(JsonNode request, String field) {
    JsonNode v = request.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
  }

  /** DescribeTaskDefinition's and RegisterTaskDefinition's {@code taskDefinition}. */
  static ObjectNode taskDefinition(dev.daybreak.ecssim.TaskDefinitionView t) {
    ObjectNode n = object();
    n.put("taskDefinitionArn", t.arn());
    ArrayNode containers = n.putArray("containerDefinitions");
    for (dev.daybreak.ecssim.TaskDefinitionView.Container c : t.containers()) {
      ObjectNode container = containers.addObject();
      container.put("name", c.name());
      container.put("image", c.image());
      container.put("cpu", 0);
      container.put("essential", c.essential());
      container.putArray("portMappings");
      container.putArray("environment");
      container.putArray("mountPoints");
      container.putArray("volumesFrom");
      c.healthCheck()
          .ifPresent(
              command -> {
                ObjectNode check = container.putObject("healthCheck");
                ArrayNode cmd = check.putArray("command");
                command.forEach(cmd::add);
                check.put("interval", 30);
                check.put("timeout", 5);
                check.put("retries", 3);
              });
    }
    n.put("family", t.family());
    n.put("networkMode", "awsvpc");
    n.put("revision", t.revision());
    n.putArray("volumes");
    n.put("status", "ACTIVE");
    n.putArray("compatibilities").add("EC2").add("FARGATE");
    n.putObject("runtimePlatform")
        .put("cpuArchitecture", t.cpuArchitecture())
        .put("operatingSystemFamily", t.operatingSystemFamily());
    n.putArray("requiresCompatibilities").add("FARGATE");
    n.put("cpu", t.cpu());
    n.put("memory", t.memory());
    timestamp(n, "registeredAt", t.registeredAt());
    t.ephemeralStorageGib().ifPresent(g -> n.putObject("ephemeralStorage").put("sizeInGiB", g));
    return n;
  }
}
