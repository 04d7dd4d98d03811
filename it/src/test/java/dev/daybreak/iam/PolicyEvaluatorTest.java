package dev.daybreak.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/**
 * The evaluator against the examples of AWS's IAM User Guide ("Policy evaluation logic", "IAM JSON
 * policy elements: Action / NotAction / Resource / NotResource / Condition operators", "Conditions
 * with multiple context keys or values").
 */
class PolicyEvaluatorTest {

  private static IamPolicy policy(String statements) {
    return IamPolicy.fromJson("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}");
  }

  private static Decision decide(IamPolicy policy, String action, String resource) {
    return PolicyEvaluator.evaluate(policy, action, resource, Map.of());
  }

  @Test
  void evaluate_noStatementApplies_isImplicitlyDenied() {
    IamPolicy policy =
        policy("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}");

    assertThat(decide(policy, "s3:PutObject", "arn:aws:s3:::bucket/key"))
        .isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void evaluate_denyAndAllowBothApply_denyWins() {
    IamPolicy policy =
        policy(
            "{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"s3:DeleteBucket\",\"Resource\":\"*\"}");

    assertThat(decide(policy, "s3:DeleteBucket", "arn:aws:s3:::bucket"))
        .isEqualTo(Decision.EXPLICIT_DENY);
    assertThat(decide(policy, "s3:ListBucket", "arn:aws:s3:::bucket")).isEqualTo(Decision.ALLOW);
  }

  @Test
  void evaluate_actionWildcardsAnywhereAndAnyCase_matchLikeAwsExample() {
    // The User Guide's "iam:*AccessKey*" example, and "action names are not case-sensitive".
    IamPolicy policy =
        policy("{\"Effect\":\"Allow\",\"Action\":\"iam:*AccessKey*\",\"Resource\":\"*\"}");

    assertThat(decide(policy, "iam:CreateAccessKey", "*")).isEqualTo(Decision.ALLOW);
    assertThat(decide(policy, "iam:ListAccessKeys", "*")).isEqualTo(Decision.ALLOW);
    assertThat(decide(policy, "IAM:updateaccesskey", "*")).isEqualTo(Decision.ALLOW);
    assertThat(decide(policy, "iam:CreateUser", "*")).isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void evaluate_questionMark_matchesExactlyOneCharacter() {
    IamPolicy policy =
        policy(
            "{\"Effect\":\"Allow\",\"Action\":\"ecs:UpdateService\","
                + "\"Resource\":\"arn:aws:ecs:eu-west-1:123456789012:service/dev?/*\"}");

    assertThat(
            decide(
                policy, "ecs:UpdateService", "arn:aws:ecs:eu-west-1:123456789012:service/dev1/a"))
        .isEqualTo(Decision.ALLOW);
    assertThat(
            decide(policy, "ecs:UpdateService", "arn:aws:ecs:eu-west-1:123456789012:service/dev/a"))
        .isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(
            decide(
                policy, "ecs:UpdateService", "arn:aws:ecs:eu-west-1:123456789012:service/dev12/a"))
        .isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void evaluate_resourceArns_areCaseSensitiveAndMatchedPartByPart() {
    IamPolicy policy =
        policy(
            "{\"Effect\":\"Allow\",\"Action\":\"ecs:DescribeServices\","
                + "\"Resource\":\"arn:aws:ecs:*:123456789012:service/dev/*\"}");

    assertThat(
            decide(
                policy, "ecs:DescribeServices", "arn:aws:ecs:us-east-1:123456789012:service/dev/a"))
        .isEqualTo(Decision.ALLOW);
    assertThat(
            decide(
                policy, "ecs:DescribeServices", "arn:aws:ecs:us-east-1:123456789012:service/DEV/a"))
        .isEqualTo(Decision.IMPLICIT_DENY);
    // The region's * cannot swallow the account part.
    assertThat(
            decide(
                policy,
                "ecs:DescribeServices",
                "arn:aws:ecs:us-east-1:999999999999:x:service/dev/a"))
        .isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(
            decide(
                policy,
                "ecs:DescribeServices",
                "arn:aws:ecs:us-east-1:123456789012:service/prod/a"))
        .isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void evaluate_notAction_allowsEverythingButTheListedActions() {
    // The User Guide's NotAction example: everything except IAM.
    IamPolicy policy = policy("{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}");

    assertThat(decide(policy, "ecs:UpdateService", "*")).isEqualTo(Decision.ALLOW);
    assertThat(decide(policy, "iam:CreateUser", "*")).isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void evaluate_notResource_appliesToEveryOtherResource() {
    // The User Guide's NotResource example: deny everything outside one bucket.
    IamPolicy policy =
        policy(
            "{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"NotResource\":"
                + "[\"arn:aws:s3:::HRBucket/Payroll\",\"arn:aws:s3:::HRBucket/Payroll/*\"]}");

    assertThat(decide(policy, "s3:GetObject", "arn:aws:s3:::HRBucket/Payroll/a"))
        .isEqualTo(Decision.ALLOW);
    assertThat(decide(policy, "s3:GetObject", "arn:aws:s3:::HRBucket/Other"))
        .isEqualTo(Decision.EXPLICIT_DENY);
  }

  @Test
  void evaluate_severalResources_allowedOnlyWhenEachIs() {
    IamPolicy policy =
        policy(
            "{\"Effect\":\"Allow\",\"Action\":\"ecs:DescribeServices\","
                + "\"Resource\":\"arn:aws:ecs:eu-west-1:1:service/dev/*\"}");
    AwsCall call =
        new AwsCall(
            "ecs",
            "DescribeServices",
            "eu-west-1",
            List.of(
                "arn:aws:ecs:eu-west-1:1:service/dev/a", "arn:aws:ecs:eu-west-1:1:service/prod/b"),
            Map.of(),
            AwsCall.CONTROLLER);

    assertThat(PolicyEvaluator.evaluate(policy, call)).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(
            PolicyEvaluator.evaluate(policy, call.with(List.of(call.resources().get(0)), Map.of())))
        .isEqualTo(Decision.ALLOW);
  }

  private static final String NAMESPACE_CONDITION =
      "{\"Effect\":\"Allow\",\"Action\":\"cloudwatch:PutMetricData\",\"Resource\":\"*\","
          + "\"Condition\":{\"StringEquals\":{\"cloudwatch:namespace\":[\"Daybreak\",\"Other\"]}}}";

  @Test
  void condition_severalValuesForOneKey_anyMatches() {
    IamPolicy policy = policy(NAMESPACE_CONDITION);

    assertThat(eval(policy, "cloudwatch:PutMetricData", Map.of("cloudwatch:namespace", "Other")))
        .isEqualTo(Decision.ALLOW);
    assertThat(eval(policy, "cloudwatch:PutMetricData", Map.of("cloudwatch:namespace", "daybreak")))
        .as("StringEquals is case-sensitive")
        .isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void condition_keyNames_areCaseInsensitive() {
    IamPolicy policy = policy(NAMESPACE_CONDITION);

    assertThat(eval(policy, "cloudwatch:PutMetricData", Map.of("CloudWatch:Namespace", "Daybreak")))
        .isEqualTo(Decision.ALLOW);
  }

  @Test
  void condition_keyMissingFromTheRequest_isFalse() {
    assertThat(eval(policy(NAMESPACE_CONDITION), "cloudwatch:PutMetricData", Map.of()))
        .isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void condition_severalKeysOfOneOperator_allMustMatch() {
    IamPolicy policy =
        policy(
            "{\"Effect\":\"Allow\",\"Action\":\"application-autoscaling:RegisterScalableTarget\","
                + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{"
                + "\"application-autoscaling:service-namespace\":\"ecs\","
                + "\"application-autoscaling:scalable-dimension\":\"ecs:service:DesiredCount\"}}}");
    String action = "application-autoscaling:RegisterScalableTarget";

    assertThat(
            eval(
                policy,
                action,
                Map.of(
                    "application-autoscaling:service-namespace", "ecs",
                    "application-autoscaling:scalable-dimension", "ecs:service:DesiredCount")))
        .isEqualTo(Decision.ALLOW);
    assertThat(
            eval(
                policy,
                action,
                Map.of(
                    "application-autoscaling:service-namespace", "dynamodb",
                    "application-autoscaling:scalable-dimension", "ecs:service:DesiredCount")))
        .isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void condition_negatedOperators_areTrueWhenTheKeyIsMissingAndNorTheirValues() {
    // "If the policy condition requires that the key is not matched, such as StringNotLike or
    // ArnNotLike, and the right key is not present, the condition is true."
    assertThat(PolicyEvaluator.holds("StringNotLike", java.util.Optional.empty(), List.of("a*")))
        .isTrue();
    assertThat(
            PolicyEvaluator.holds("StringNotEquals", java.util.Optional.of("b"), List.of("a", "c")))
        .isTrue();
    assertThat(
            PolicyEvaluator.holds("StringNotEquals", java.util.Optional.of("c"), List.of("a", "c")))
        .isFalse();
  }

  @Test
  void condition_ifExistsAndNull_testPresence() {
    assertThat(
            PolicyEvaluator.holds("StringEqualsIfExists", java.util.Optional.empty(), List.of("a")))
        .isTrue();
    assertThat(
            PolicyEvaluator.holds("StringEqualsIfExists", java.util.Optional.of("b"), List.of("a")))
        .isFalse();
    assertThat(PolicyEvaluator.holds("Null", java.util.Optional.empty(), List.of("true"))).isTrue();
    assertThat(PolicyEvaluator.holds("Null", java.util.Optional.of("x"), List.of("true")))
        .isFalse();
    assertThat(PolicyEvaluator.holds("Null", java.util.Optional.of("x"), List.of("false")))
        .isTrue();
  }

  @Test
  void condition_likeAndArnOperators_useWildcards() {
    assertThat(
            PolicyEvaluator.holds(
                "StringLike", java.util.Optional.of("ecs:service:DesiredCount"), List.of("ecs:*")))
        .isTrue();
    assertThat(
            PolicyEvaluator.holds(
                "ArnLike",
                java.util.Optional.of("arn:aws:ecs:eu-west-1:123456789012:cluster/dev"),
                List.of("arn:aws:ecs:*:123456789012:cluster/*")))
        .isTrue();
    assertThat(
            PolicyEvaluator.holds(
                "ArnEquals",
                java.util.Optional.of("arn:aws:ecs:eu-west-1:123456789012:cluster/prod"),
                List.of("arn:aws:ecs:*:123456789012:cluster/dev")))
        .isFalse();
    assertThat(
            PolicyEvaluator.holds(
                "StringEqualsIgnoreCase", java.util.Optional.of("DAYBREAK"), List.of("daybreak")))
        .isTrue();
  }

  @Test
  void unsupported_setOperatorsAndPolicyVariables_areRefusedNotGuessed() {
    assertThatThrownBy(
            () ->
                PolicyEvaluator.holds(
                    "ForAllValues:StringEquals", java.util.Optional.of("a"), List.of("a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ForAllValues:StringEquals");
    assertThatThrownBy(
            () -> PolicyEvaluator.holds("DateLessThan", java.util.Optional.of("a"), List.of("a")))
        .hasMessageContaining("DateLessThan");
    IamPolicy variable =
        policy(
            "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::bucket/${aws:username}/*\"}");
    assertThatThrownBy(() -> decide(variable, "s3:GetObject", "arn:aws:s3:::bucket/me/x"))
        .hasMessageContaining("policy variables");
  }

  private static Decision eval(IamPolicy policy, String action, Map<String, String> context) {
    return PolicyEvaluator.evaluate(policy, action, "*", context);
  }
}
