package dev.daybreak.iam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkRequest;

/**
 * The resources and condition keys IAM evaluates for a request, derived from the request's members
 * as AWS's Service Authorization Reference lists them per action ("Actions, resources, and
 * condition keys for Amazon ECS / Amazon DynamoDB / AWS Secrets Manager / Amazon CloudWatch /
 * Application Auto Scaling / Elastic Load Balancing V2").
 *
 * <p>An operation not listed here is treated as having no resource-level permissions ({@code
 * Resource: "*"}): a policy that confines it to ARNs then fails the check, naming the call, which
 * is the signal to add the operation here with its ARNs.
 *
 * <p>Names become ARNs in the recorded region and the placeholder account {@link #ACCOUNT}; the
 * check binds them to the deployment's account, region and resources (see {@link Deployment}).
 */
final class CallResources {

  /** The account of ARNs built from names (the loopback stand-ins have no account). */
  static final String ACCOUNT = "000000000000";

  private CallResources() {}

  /** The call's resources and condition context. */
  static AwsCall of(
      String service, String operation, String region, SdkRequest request, String origin) {
    List<String> resources = new ArrayList<>();
    Map<String, String> context = new LinkedHashMap<>();
    context.put("aws:RequestedRegion", region);
    String partition = partition(region);
    switch (service) {
      case "ecs" -> ecs(operation, region, partition, request, resources, context);
      case "dynamodb" -> dynamodb(region, partition, request, resources);
      case "secretsmanager" ->
          text(request, "SecretId")
              .map(
                  id ->
                      id.startsWith("arn:")
                          ? id
                          : arn(partition, "secretsmanager", region, "secret:" + id))
              .ifPresent(resources::add);
      case "cloudwatch" ->
          text(request, "Namespace").ifPresent(n -> context.put("cloudwatch:namespace", n));
      case "application-autoscaling" -> {
        text(request, "ServiceNamespace")
            .ifPresent(n -> context.put("application-autoscaling:service-namespace", n));
        text(request, "ScalableDimension")
            .ifPresent(d -> context.put("application-autoscaling:scalable-dimension", d));
        if (!operation.startsWith("Describe")) {
          // Scalable-target ARNs carry an id AWS assigns; a request names the target by its
          // namespace, resource id and dimension, so any scalable target of the account stands in.
          resources.add(arn(partition, "application-autoscaling", region, "scalable-target/*"));
        }
      }
      // AssumeRole's resource is the role (Service Authorization Reference for AWS STS).
      case "sts" -> text(request, "RoleArn").ifPresent(resources::add);
      default -> {}
    }
    if (resources.isEmpty()) {
      resources.add("*");
    }
    return new AwsCall(service, operation, region, resources, context, origin);
  }

  private static void ecs(
      String operation,
      String region,
      String partition,
      SdkRequest request,
      List<String> resources,
      Map<String, String> context) {
    String cluster = text(request, "cluster").map(CallResources::lastName).orElse("default");
    context.put("ecs:cluster", arn(partition, "ecs", region, "cluster/" + cluster));
    switch (operation) {
      case "DescribeServices" ->
          list(request, "services")
              .forEach(s -> resources.add(ecsArn(partition, region, "service", cluster, s)));
      case "UpdateService" ->
          text(request, "service")
              .ifPresent(s -> resources.add(ecsArn(partition, region, "service", cluster, s)));
      case "DescribeTasks" ->
          list(request, "tasks")
              .forEach(t -> resources.add(ecsArn(partition, region, "task", cluster, t)));
      case "ListTasks" ->
          // ListTasks is authorized on the cluster's container instances (ecs:cluster condition).
          resources.add(arn(partition, "ecs", region, "container-instance/" + cluster + "/*"));
      default -> {}
    }
  }

  private static void dynamodb(
      String region, String partition, SdkRequest request, List<String> resources) {
    Optional<String> table = text(request, "TableName");
    Optional<String> index = text(request, "IndexName");
    table.ifPresent(
        t ->
            resources.add(
                arn(
                    partition,
                    "dynamodb",
                    region,
                    "table/" + t + index.map(i -> "/index/" + i).orElse(""))));
    request
        .getValueForField("RequestItems", Map.class)
        .ifPresent(
            items ->
                items
                    .keySet()
                    .forEach(t -> resources.add(arn(partition, "dynamodb", region, "table/" + t))));
  }

  private static String ecsArn(
      String partition, String region, String type, String cluster, String nameOrArn) {
    return nameOrArn.startsWith("arn:")
        ? nameOrArn
        : arn(partition, "ecs", region, type + "/" + cluster + "/" + nameOrArn);
  }

  /** The name at the end of an ARN ({@code arn:...:cluster/dev}), or the name itself. */
  private static String lastName(String nameOrArn) {
    return nameOrArn.startsWith("arn:")
        ? nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1)
        : nameOrArn;
  }

  static String arn(String partition, String service, String region, String resource) {
    return "arn:" + partition + ":" + service + ":" + region + ":" + ACCOUNT + ":" + resource;
  }

  /** AWS's partitions by region prefix. */
  static String partition(String region) {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  }

  private static Optional<String> text(SdkRequest request, String member) {
    return request.getValueForField(member, String.class).filter(s -> !s.isBlank());
  }

  @SuppressWarnings("unchecked")
  private static List<String> list(SdkRequest request, String member) {
    return request
        .getValueForField(member, List.class)
        .map(l -> (List<String>) l)
        .orElse(List.of());
  }
}
