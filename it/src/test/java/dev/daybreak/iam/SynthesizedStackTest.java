package dev.daybreak.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/** Reading a template as CloudFormation would deploy it: intrinsic functions and role policies. */
class SynthesizedStackTest {

  private static final String TEMPLATE =
      """
      {"Resources": {
        "Table1": {"Type": "AWS::DynamoDB::Table", "Properties": {"TableName": "daybreak"}},
        "Bot": {"Type": "AWS::SecretsManager::Secret", "Properties": {"Name": "daybreak/bot"}},
        "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {}},
        "Role1": {"Type": "AWS::IAM::Role", "Properties": {}},
        "Other": {"Type": "AWS::IAM::Role", "Properties": {}},
        "Policy1": {"Type": "AWS::IAM::Policy", "Properties": {
          "Roles": [{"Ref": "Role1"}],
          "PolicyDocument": {"Statement": [
            {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": {"Fn::GetAtt": ["Table1", "Arn"]}},
            {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": {"Ref": "Bot"}},
            {"Effect": "Allow", "Action": "ecs:UpdateService", "Resource":
              {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":ecs:", {"Ref": "AWS::Region"}, ":",
                {"Ref": "AWS::AccountId"}, ":service/dev/*"]]}},
            {"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": {"Fn::Sub": "${Logs.Arn}"}}
          ]}}},
        "Policy2": {"Type": "AWS::IAM::Policy", "Properties": {
          "Roles": [{"Ref": "Other"}],
          "PolicyDocument": {"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}}},
        "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Environment": {"Variables":
          {"DAYBREAK_TABLE": {"Ref": "Table1"}, "DAYBREAK_REGION": {"Ref": "AWS::Region"},
           "DAYBREAK_CLUSTERS": "dev,staging"}}}}
      }}
      """;

  @TempDir Path dir;

  private SynthesizedStack stack() throws Exception {
    Files.createDirectories(dir.resolve("m"));
    Files.writeString(dir.resolve("m/Daybreak.template.json"), TEMPLATE);
    return SynthesizedStack.read(dir, "m", "eu-west-1", "123456789012");
  }

  @Test
  void policyOf_resolvesEveryIntrinsicOfTheRolesOwnPolicies() throws Exception {
    SynthesizedStack stack = stack();
    IamPolicy policy = stack.policyOf(stack.role("Role1"));

    assertThat(policy.statements()).hasSize(4);
    assertThat(policy.statements())
        .flatExtracting(s -> s.resources().stream().map(r -> r.value()).toList())
        .containsExactly(
            "arn:aws:dynamodb:eu-west-1:123456789012:table/daybreak",
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:daybreak/bot-Ab12Cd",
            "arn:aws:ecs:eu-west-1:123456789012:service/dev/*",
            "arn:aws:logs:eu-west-1:123456789012:log-group:Logs:*");
  }

  @Test
  void environments_andDeployment_comeFromTheResolvedTemplate() throws Exception {
    SynthesizedStack stack = stack();

    assertThat(stack.environments())
        .containsEntry(
            "Fn",
            Map.of(
                "DAYBREAK_TABLE", "daybreak",
                "DAYBREAK_REGION", "eu-west-1",
                "DAYBREAK_CLUSTERS", "dev,staging"));
    Deployment deployment = Deployment.of(stack);
    assertThat(deployment.table()).isEqualTo("daybreak");
    assertThat(deployment.cluster()).isEqualTo("dev");
    assertThat(deployment.secrets())
        .containsExactly(
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:daybreak/bot-Ab12Cd");
  }

  @Test
  void role_ambiguousOrMissingPrefix_isRefusedNamingTheCandidates() throws Exception {
    SynthesizedStack stack = stack();

    assertThatThrownBy(() -> stack.role("Nope")).hasMessageContaining("found []");
  }
}
