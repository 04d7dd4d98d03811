package dev.daybreak.iam;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.policybuilder.iam.IamAction;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * A role's policy against the calls its code makes: every call must be allowed, and every action
 * the policy allows must be used by some call, so the policy is exactly as wide as the code.
 *
 * @param platformActions actions granted for AWS's own use of the role, which daybreak's code never
 *     calls (a Lambda function's role writes the function's logs: {@code logs:CreateLogStream},
 *     {@code logs:PutLogEvents}); each must still be granted by the policy
 */
public record PolicyCheck(IamPolicy policy, Set<String> platformActions) {

  /** What is wrong, one line per problem; empty when the policy fits the calls exactly. */
  public List<String> problems(Collection<AwsCall> calls) {
    List<String> problems = new ArrayList<>();
    for (AwsCall call : calls) {
      Decision decision = PolicyEvaluator.evaluate(policy, call);
      if (decision != Decision.ALLOW) {
        problems.add(
            "denied ("
                + decision
                + "): "
                + call.action()
                + " on "
                + call.resources()
                + " with "
                + call.context()
                + " ("
                + call.origin()
                + ")");
      }
    }
    for (String action : platformActions) {
      if (PolicyEvaluator.evaluate(policy, action, "*", java.util.Map.of())
              == Decision.EXPLICIT_DENY
          || policy.statements().stream()
              .filter(s -> IamEffect.ALLOW.equals(s.effect()))
              .noneMatch(s -> PolicyEvaluator.matchesAction(s, action))) {
        problems.add("not granted: " + action + ", which AWS needs the role to have");
      }
    }
    for (IamStatement statement : policy.statements()) {
      if (!IamEffect.ALLOW.equals(statement.effect())) {
        continue;
      }
      for (IamAction granted : statement.actions()) {
        boolean used =
            calls.stream().anyMatch(c -> Wildcards.matches(granted.value(), c.action(), true))
                || platformActions.stream()
                    .anyMatch(a -> Wildcards.matches(granted.value(), a, true));
        if (!used) {
          problems.add("granted but never called: " + granted.value());
        }
      }
      if (!statement.notActions().isEmpty()) {
        problems.add("NotAction grants every other action, which no call list can justify");
      }
    }
    return problems;
  }
}
