package dev.daybreak.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/** The check's two halves: calls the policy denies, grants no call uses. */
class PolicyCheckTest {

  private static final IamPolicy POLICY =
      IamPolicy.fromJson(
          "{\"Version\":\"2012-10-17\",\"Statement\":["
              + "{\"Effect\":\"Allow\",\"Action\":[\"ecs:DescribeServices\",\"ecs:UpdateService\"],"
              + "\"Resource\":\"arn:aws:ecs:eu-west-1:1:service/dev/*\"},"
              + "{\"Effect\":\"Allow\",\"Action\":[\"logs:PutLogEvents\"],\"Resource\":\"*\"}]}");

  private static AwsCall call(String operation, String service) {
    return new AwsCall(
        "ecs",
        operation,
        "eu-west-1",
        List.of("arn:aws:ecs:eu-west-1:1:service/" + service),
        Map.of(),
        AwsCall.CONTROLLER);
  }

  @Test
  void problems_policyFitsTheCalls_none() {
    PolicyCheck check = new PolicyCheck(POLICY, Set.of("logs:PutLogEvents"));

    assertThat(
            check.problems(
                List.of(call("DescribeServices", "dev/a"), call("UpdateService", "dev/a"))))
        .isEmpty();
  }

  @Test
  void problems_callOutsideThePolicy_isNamed() {
    PolicyCheck check = new PolicyCheck(POLICY, Set.of("logs:PutLogEvents"));

    assertThat(
            check.problems(
                List.of(
                    call("DescribeServices", "dev/a"),
                    call("UpdateService", "prod/a"),
                    call("UpdateService", "dev/a"))))
        .containsExactly(
            "denied (IMPLICIT_DENY): ecs:UpdateService on [arn:aws:ecs:eu-west-1:1:service/prod/a]"
                + " with {} (controller)");
  }

  @Test
  void problems_grantNoCallUses_isNamed() {
    PolicyCheck check = new PolicyCheck(POLICY, Set.of());

    assertThat(check.problems(List.of(call("DescribeServices", "dev/a"))))
        .containsExactly(
            "granted but never called: ecs:UpdateService",
            "granted but never called: logs:PutLogEvents");
  }

  @Test
  void problems_platformActionNotGranted_isNamed() {
    PolicyCheck check =
        new PolicyCheck(POLICY, Set.of("logs:CreateLogStream", "logs:PutLogEvents"));

    assertThat(
            check.problems(
                List.of(call("DescribeServices", "dev/a"), call("UpdateService", "dev/a"))))
        .containsExactly("not granted: logs:CreateLogStream, which AWS needs the role to have");
  }
}
