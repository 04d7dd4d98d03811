package dev.daybreak.iam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import software.amazon.awssdk.policybuilder.iam.IamAction;
import software.amazon.awssdk.policybuilder.iam.IamCondition;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamResource;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * IAM's evaluation of one identity-based policy (AWS IAM User Guide, "Policy evaluation logic", for
 * a principal of the same account with no boundary, session or resource policy):
 *
 * <ol>
 *   <li>a request is <b>explicitly denied</b> when a Deny statement applies to it; this overrides
 *       every Allow;
 *   <li>else <b>allowed</b> when an Allow statement applies;
 *   <li>else <b>implicitly denied</b>.
 * </ol>
 *
 * A statement applies when its Action (or NotAction) matches the action, its Resource (or
 * NotResource) matches the resource, and every condition holds. A request on several resources
 * (DescribeServices of three services) is allowed only when each is.
 *
 * <p>Matching ({@link Wildcards}): actions case-insensitively with {@code *} and {@code ?};
 * resources case-sensitively, part by part of the ARN. Conditions: operators are ANDed, keys within
 * an operator are ANDed, values for one key are ORed (NORed for a negated operator); key names are
 * case-insensitive; a key missing from the request makes the condition false, except for negated
 * operators (true), {@code ...IfExists} (true) and {@code Null}. Supported operators: String*,
 * Arn*, Bool and Null, each with IfExists; anything else (set operators, numbers, dates, IP
 * addresses) is refused with an error naming it, so the evaluator never guesses.
 */
public final class PolicyEvaluator {

  private PolicyEvaluator() {}

  /** The decision for {@code call}: every resource of it must be allowed. */
  public static Decision evaluate(IamPolicy policy, AwsCall call) {
    Decision result = Decision.ALLOW;
    for (String resource : call.resources()) {
      Decision one = evaluate(policy, call.action(), resource, call.context());
      if (one == Decision.EXPLICIT_DENY) {
        return one;
      }
      if (one == Decision.IMPLICIT_DENY) {
        result = one;
      }
    }
    return result;
  }

  /** The decision for one action on one resource with the request's condition keys. */
  public static Decision evaluate(
      IamPolicy policy, String action, String resource, Map<String, String> context) {
    boolean allowed = false;
    for (IamStatement statement : policy.statements()) {
      if (!applies(statement, action, resource, context)) {
        continue;
      }
      if (IamEffect.DENY.equals(statement.effect())) {
        return Decision.EXPLICIT_DENY;
      }
      if (IamEffect.ALLOW.equals(statement.effect())) {
        allowed = true;
      }
    }
    return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
  }

  /** Whether {@code statement}'s Action/NotAction matches {@code action} (case-insensitive). */
  public static boolean matchesAction(IamStatement statement, String action) {
    if (!statement.actions().isEmpty()) {
      return statement.actions().stream()
          .map(IamAction::value)
          .anyMatch(p -> Wildcards.matches(p, action, true));
    }
    return !statement.notActions().isEmpty()
        && statement.notActions().stream()
            .map(IamAction::value)
            .noneMatch(p -> Wildcards.matches(p, action, true));
  }

  static boolean applies(
      IamStatement statement, String action, String resource, Map<String, String> context) {
    if (!matchesAction(statement, action)) {
      return false;
    }
    boolean resourceMatches =
        !statement.resources().isEmpty()
            ? statement.resources().stream()
                .map(IamResource::value)
                .anyMatch(p -> Wildcards.matchesArn(p, resource))
            : !statement.notResources().isEmpty()
                && statement.notResources().stream()
                    .map(IamResource::value)
                    .noneMatch(p -> Wildcards.matchesArn(p, resource));
    return resourceMatches && conditionsHold(statement.conditions(), context);
  }

  private static boolean conditionsHold(
      List<IamCondition> conditions, Map<String, String> context) {
    // The reader gives one (operator, key, value) per value: group the values per operator and key.
    Map<List<String>, List<String>> grouped = new LinkedHashMap<>();
    for (IamCondition condition : conditions) {
      grouped
          .computeIfAbsent(
              List.of(condition.operator().value(), condition.key().value()),
              k -> new java.util.ArrayList<>())
          .add(condition.value());
    }
    for (Map.Entry<List<String>, List<String>> entry : grouped.entrySet()) {
      String operator = entry.getKey().get(0);
      Optional<String> actual = lookup(context, entry.getKey().get(1));
      if (!holds(operator, actual, entry.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static Optional<String> lookup(Map<String, String> context, String key) {
    return context.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(key))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  static boolean holds(String operator, Optional<String> actual, List<String> values) {
    if (operator.contains(":")) {
      throw new IllegalArgumentException(
          "condition set operators (" + operator + ") are not supported by this evaluator");
    }
    if (operator.equals("Null")) {
      boolean absent = actual.isEmpty();
      return values.stream().anyMatch(v -> Boolean.parseBoolean(v) == absent);
    }
    boolean ifExists = operator.endsWith("IfExists");
    String base =
        ifExists ? operator.substring(0, operator.length() - "IfExists".length()) : operator;
    boolean negated = base.contains("Not");
    if (actual.isEmpty()) {
      return ifExists || negated;
    }
    String value = actual.get();
    BiPredicate<String, String> match = matcher(base, operator);
    boolean any = values.stream().anyMatch(v -> match.test(v, value));
    return negated ? !any : any;
  }

  private static BiPredicate<String, String> matcher(String base, String operator) {
    return switch (base) {
      case "StringEquals", "StringNotEquals" -> String::equals;
      case "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase" -> String::equalsIgnoreCase;
      case "StringLike", "StringNotLike" -> (p, v) -> Wildcards.matches(p, v, false);
      // AWS documents ArnEquals and ArnLike alike: wildcards, part by part.
      case "ArnEquals", "ArnNotEquals", "ArnLike", "ArnNotLike" -> Wildcards::matchesArn;
      case "Bool" -> (p, v) -> p.toLowerCase(Locale.ROOT).equals(v.toLowerCase(Locale.ROOT));
      default ->
          throw new IllegalArgumentException(
              "condition operator " + operator + " is not supported by this evaluator");
    };
  }
}
