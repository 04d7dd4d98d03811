package dev.daybreak.ecssim.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daybreak.ecssim.EcsError;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.NewService;
import dev.daybreak.ecssim.Operation;
import dev.daybreak.ecssim.ServiceView;

/**
 * ECS's operations over awsJson1_1: reads each operation's request members, calls the simulator,
 * writes the response members. Request members that the simulator does not model (networking,
 * placement, capacity providers, ...) are accepted and have no effect; CreateService's {@code
 * loadBalancers} are kept and their target groups track the service's tasks.
 */
final class EcsApi {

  private final EcsSimulator sim;

  EcsApi(EcsSimulator sim) {
    this.sim = sim;
  }

  /**
   * Answers one call.
   *
   * @throws BadRequest when the body does not fit the operation (not yet logged)
   * @throws dev.daybreak.ecssim.SimException when ECS refuses the call (already logged)
   */
  ObjectNode invoke(Operation op, RequestReader r, String caller) {
    return switch (op) {
      case DescribeServices ->
          EcsJson.described(
              "services",
              sim.describeServices(
                  caller, r.string("cluster"), r.strings("services"), r.includesTags()),
              EcsJson::service);
      case UpdateService -> {
        ServiceView updated =
            sim.updateService(
                caller,
                r.string("cluster"),
                r.requiredString("service"),
                r.integer("desiredCount"),
                r.string("taskDefinition"),
                r.bool("forceNewDeployment"));
        yield service(updated);
      }
      case ListServices ->
          EcsJson.page(
              "serviceArns",
              sim.listServices(
                  caller, r.string("cluster"), r.integer("maxResults"), r.string("nextToken")));
      case CreateService -> {
        RequestReader breaker =
            r.nested("deploymentConfiguration").nested("deploymentCircuitBreaker");
        NewService spec =
            new NewService(
                r.requiredString("serviceName"),
                r.string("taskDefinition"),
                r.integer("desiredCount")
                    .orElseThrow(
                        () ->
                            new BadRequest(
                                EcsError.InvalidParameterException,
                                "desiredCount is required for the REPLICA scheduling strategy.")),
                breaker.bool("enable"),
                breaker.bool("rollback"),
                r.tags("tags"),
                r.loadBalancers("loadBalancers"));
        yield service(sim.createService(caller, r.string("cluster"), spec));
      }
      case DeleteService ->
          service(
              sim.deleteService(
                  caller, r.string("cluster"), r.requiredString("service"), r.bool("force")));
      case CreateCluster -> {
        ObjectNode n = EcsJson.object();
        n.set(
            "cluster",
            EcsJson.cluster(sim.createCluster(caller, r.string("clusterName"), r.tags("tags"))));
        yield n;
      }
      case DescribeClusters ->
          EcsJson.described(
              "clusters",
              sim.describeClusters(caller, r.strings("clusters"), r.includesTags()),
              EcsJson::cluster);
      case ListTasks ->
          EcsJson.page(
              "taskArns",
              sim.listTasks(
                  caller,
                  r.string("cluster"),
                  r.string("serviceName"),
                  r.string("desiredStatus"),
                  r.integer("maxResults"),
                  r.string("nextToken")));
      case DescribeTasks ->
          EcsJson.described(
              "tasks",
              sim.describeTasks(caller, r.string("cluster"), r.strings("tasks"), r.includesTags()),
              EcsJson::task);
      case TagResource -> {
        sim.tagResource(caller, r.requiredString("resourceArn"), r.tags("tags"));
        yield EcsJson.object();
      }
      case UntagResource -> {
        sim.untagResource(caller, r.requiredString("resourceArn"), r.strings("tagKeys"));
        yield EcsJson.object();
      }
      case DescribeTaskDefinition -> {
        ObjectNode n = EcsJson.object();
        n.set(
            "taskDefinition",
            EcsJson.taskDefinition(
                sim.describeTaskDefinition(caller, r.requiredString("taskDefinition"))));
        yield n;
      }
      case RegisterTaskDefinition -> {
        ObjectNode n = EcsJson.object();
        n.set(
            "taskDefinition",
            EcsJson.taskDefinition(sim.registerTaskDefinition(caller, r.taskDefinition())));
        yield n;
      }
      case ListTagsForResource -> {
        ObjectNode n = EcsJson.object();
        n.set(
            "tags", EcsJson.tags(sim.listTagsForResource(caller, r.requiredString("resourceArn"))));
        yield n;
      }
    };
  }

  private static ObjectNode service(ServiceView view) {
    ObjectNode n = EcsJson.object();
    n.set("service", EcsJson.service(view));
    return n;
  }
}
