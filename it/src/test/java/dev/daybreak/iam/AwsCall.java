package dev.daybreak.iam;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One AWS operation daybreak's code issued, as IAM authorizes it: the action ({@code
 * service:Operation}, with the IAM service prefix), the region it went to, the resource ARNs it
 * targets (IAM authorizes each), the condition keys the request determines, and which part of the
 * controller made it.
 *
 * @param service the IAM service prefix ({@code ecs}, {@code dynamodb}, {@code cloudwatch}, ...)
 * @param operation the API operation ({@code DescribeServices})
 * @param region the region the request was signed for
 * @param resources the ARNs IAM checks, or {@code ["*"]} for actions without resource-level
 *     permissions
 * @param context condition keys and their values ({@code ecs:cluster}, {@code
 *     cloudwatch:namespace}, {@code aws:RequestedRegion})
 * @param origin who issued it: {@link #CONTROLLER}, {@link #CHATOPS} or {@link #OPERATOR}
 */
public record AwsCall(
    String service,
    String operation,
    String region,
    List<String> resources,
    Map<String, String> context,
    String origin) {

  /** The reconcile loop and everything it starts ({@code run}, the scheduled Lambda). */
  public static final String CONTROLLER = "controller";

  /** Slack's requests (the Slack Lambda behind its Function URL, or {@code run}'s endpoint). */
  public static final String CHATOPS = "chatops";

  /**
   * A person's CLI command ({@code init}, {@code apply}, ...), run with the operator's credentials,
   * never with the deployed roles.
   */
  public static final String OPERATOR = "operator";

  /**
   * The controller acting in another account, signed with the temporary credentials of the role it
   * assumed there (a {@code DaybreakTargetAccount} stack's role), not with its own.
   */
  public static final String TARGET = "target";

  public AwsCall {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(region, "region");
    resources = List.copyOf(resources);
    context = Map.copyOf(context);
    Objects.requireNonNull(origin, "origin");
  }

  /** The IAM action, {@code service:Operation}. */
  public String action() {
    return service + ":" + operation;
  }

  /** The same call with other resources and condition values. */
  public AwsCall with(List<String> resources, Map<String, String> context) {
    return new AwsCall(service, operation, region, resources, context, origin);
  }
}
