package dev.daybreak.iam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resources of one deployment, to which recorded calls are bound before they are evaluated. The
 * tests act on tables, clusters and secrets of their own names, in the region their loopback
 * clients sign for; a deployed controller acts on the deployment's. Binding asks the question the
 * deployed role answers: could it make this call on the deployment's counterpart?
 *
 * <ul>
 *   <li>every ARN's region and account become the deployment's, and so does {@code
 *       aws:RequestedRegion} (the controller calls its own region);
 *   <li>an ECS cluster (in a resource or {@code ecs:cluster}) becomes the first configured cluster
 *       (the deployed controller acts on no other: {@code DAYBREAK_CLUSTERS}); service and task
 *       names stay;
 *   <li>a DynamoDB table becomes the deployment's table (an index of it stays an index);
 *   <li>a secret becomes every secret of the deployment: the call must be allowed on each.
 * </ul>
 *
 * @param cluster the configured cluster a call's cluster stands for
 * @param targetRole the configured role of another account an assumed role's ARN stands for ({@code
 *     -c targetRoles}), if any
 */
public record Deployment(
    String partition,
    String region,
    String account,
    String table,
    String cluster,
    List<String> secrets,
    Optional<String> targetRole) {

  private static final Pattern ARN = Pattern.compile("arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)");

  /** The deployment a synthesized template describes. */
  public static Deployment of(SynthesizedStack stack) {
    return of(stack, Optional.empty());
  }

  /** The deployment {@code stack} describes, whose controller may assume {@code targetRole}. */
  public static Deployment of(SynthesizedStack stack, Optional<String> targetRole) {
    String table = stack.ref(stack.resourcesOfType("AWS::DynamoDB::Table").get(0));
    List<String> secrets =
        stack.resourcesOfType("AWS::SecretsManager::Secret").stream().map(stack::ref).toList();
    String clusters = stack.environments().values().iterator().next().get("DAYBREAK_CLUSTERS");
    return new Deployment(
        CallResources.partition(stack.region()),
        stack.region(),
        stack.account(),
        table,
        clusters.split(",")[0],
        secrets,
        targetRole);
  }

  /** {@code call} as the deployed controller would make it. */
  public AwsCall bind(AwsCall call) {
    List<String> resources = new ArrayList<>();
    for (String resource : call.resources()) {
      if (call.service().equals("secretsmanager") && resource.startsWith("arn:")) {
        resources.addAll(secrets);
      } else {
        resources.add(bindArn(resource));
      }
    }
    Map<String, String> context = new LinkedHashMap<>();
    call.context()
        .forEach((k, v) -> context.put(k, k.equals("aws:RequestedRegion") ? region : bindArn(v)));
    return new AwsCall(
        call.service(),
        call.operation(),
        region,
        resources.stream().distinct().toList(),
        context,
        call.origin());
  }

  private String bindArn(String value) {
    Matcher m = ARN.matcher(value);
    if (!m.matches()) {
      return value;
    }
    String service = m.group(2);
    String resource = m.group(5);
    if (service.equals("iam") && resource.startsWith("role/") && targetRole.isPresent()) {
      return targetRole.get();
    }
    if (service.equals("ecs")) {
      resource =
          resource.replaceFirst(
              "^(cluster|service|task|container-instance)/[^/]+", "$1/" + cluster);
    } else if (service.equals("dynamodb")) {
      resource = resource.replaceFirst("^table/[^/]+", "table/" + table);
    }
    String arnRegion = m.group(3).isEmpty() ? "" : region;
    String arnAccount = m.group(4).isEmpty() ? "" : account;
    return "arn:" + partition + ":" + service + ":" + arnRegion + ":" + arnAccount + ":" + resource;
  }
}
