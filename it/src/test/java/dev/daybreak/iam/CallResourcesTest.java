package dev.daybreak.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/**
 * The resources and condition keys of requests, as the Service Authorization Reference lists them.
 */
class CallResourcesTest {

  private static final String A = CallResources.ACCOUNT;

  @Test
  void describeServices_isAuthorizedOnEachServiceWithTheClusterAsCondition() {
    AwsCall call =
        CallResources.of(
            "ecs",
            "DescribeServices",
            "us-east-1",
            DescribeServicesRequest.builder().cluster("dev").services("a", "b").build(),
            AwsCall.CONTROLLER);

    assertThat(call.resources())
        .containsExactly(
            "arn:aws:ecs:us-east-1:" + A + ":service/dev/a",
            "arn:aws:ecs:us-east-1:" + A + ":service/dev/b");
    assertThat(call.context())
        .containsEntry("ecs:cluster", "arn:aws:ecs:us-east-1:" + A + ":cluster/dev")
        .containsEntry("aws:RequestedRegion", "us-east-1");
  }

  @Test
  void updateService_clusterGivenAsArn_usesItsName() {
    AwsCall call =
        CallResources.of(
            "ecs",
            "UpdateService",
            "eu-west-1",
            UpdateServiceRequest.builder()
                .cluster("arn:aws:ecs:eu-west-1:123456789012:cluster/staging")
                .service("web")
                .desiredCount(1)
                .build(),
            AwsCall.CONTROLLER);

    assertThat(call.resources())
        .containsExactly("arn:aws:ecs:eu-west-1:" + A + ":service/staging/web");
  }

  @Test
  void query_onAnIndex_isAuthorizedOnTheIndexNotTheTable() {
    AwsCall call =
        CallResources.of(
            "dynamodb",
            "Query",
            "us-east-1",
            QueryRequest.builder().tableName("daybreak").indexName("byKind").build(),
            AwsCall.CONTROLLER);

    assertThat(call.resources())
        .containsExactly("arn:aws:dynamodb:us-east-1:" + A + ":table/daybreak/index/byKind");
  }

  @Test
  void putMetricData_hasNoResourceAndTheNamespaceAsCondition() {
    AwsCall call =
        CallResources.of(
            "cloudwatch",
            "PutMetricData",
            "us-east-1",
            PutMetricDataRequest.builder().namespace("Daybreak").build(),
            AwsCall.CONTROLLER);

    assertThat(call.resources()).containsExactly("*");
    assertThat(call.context()).containsEntry("cloudwatch:namespace", "Daybreak");
  }

  @Test
  void getSecretValue_byArn_isAuthorizedOnThatArn() {
    String arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:x-Ab12Cd";
    AwsCall call =
        CallResources.of(
            "secretsmanager",
            "GetSecretValue",
            "eu-west-1",
            GetSecretValueRequest.builder().secretId(arn).build(),
            AwsCall.CONTROLLER);

    assertThat(call.resources()).containsExactly(arn);
  }

  @Test
  void bind_movesTheCallToTheDeploymentsRegionAccountClusterTableAndSecrets() {
    Deployment deployment =
        new Deployment(
            "aws",
            "eu-west-1",
            "123456789012",
            "daybreak",
            "dev",
            List.of("arn:aws:secretsmanager:eu-west-1:123456789012:secret:bot-Ab12Cd"),
            java.util.Optional.of("arn:aws:iam::210987654321:role/daybreak-target"));
    AwsCall ecs =
        new AwsCall(
            "ecs",
            "UpdateService",
            "us-east-1",
            List.of("arn:aws:ecs:us-east-1:" + A + ":service/it-cluster/a"),
            Map.of(
                "ecs:cluster",
                "arn:aws:ecs:us-east-1:" + A + ":cluster/it-cluster",
                "aws:RequestedRegion",
                "us-east-1"),
            AwsCall.CONTROLLER);
    AwsCall table =
        new AwsCall(
            "dynamodb",
            "Query",
            "us-east-1",
            List.of("arn:aws:dynamodb:us-east-1:" + A + ":table/daybreak-1234/index/i"),
            Map.of(),
            AwsCall.CONTROLLER);
    AwsCall secret =
        new AwsCall(
            "secretsmanager",
            "GetSecretValue",
            "us-east-1",
            List.of("arn:aws:secretsmanager:us-east-1:1:secret:test"),
            Map.of(),
            AwsCall.CHATOPS);

    assertThat(deployment.bind(ecs).resources())
        .containsExactly("arn:aws:ecs:eu-west-1:123456789012:service/dev/a");
    assertThat(deployment.bind(ecs).context())
        .containsEntry("ecs:cluster", "arn:aws:ecs:eu-west-1:123456789012:cluster/dev")
        .containsEntry("aws:RequestedRegion", "eu-west-1");
    assertThat(deployment.bind(table).resources())
        .containsExactly("arn:aws:dynamodb:eu-west-1:123456789012:table/daybreak/index/i");
    assertThat(deployment.bind(secret).resources()).isEqualTo(deployment.secrets());
    AwsCall assume =
        new AwsCall(
            "sts",
            "AssumeRole",
            "us-east-1",
            List.of("arn:aws:iam::222222222222:role/it-team"),
            Map.of(),
            AwsCall.CONTROLLER);
    assertThat(deployment.bind(assume).resources())
        .as("an assumed role stands for the configured target role")
        .containsExactly("arn:aws:iam::210987654321:role/daybreak-target");
  }

  @Test
  void iamPrefix_cloudWatchSignsAsMonitoring() {
    assertThat(RecordingInterceptor.iamPrefix("monitoring")).isEqualTo("cloudwatch");
    assertThat(RecordingInterceptor.iamPrefix("ecs")).isEqualTo("ecs");
  }
}
