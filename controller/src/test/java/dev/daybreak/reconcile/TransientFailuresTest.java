package dev.daybreak.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.ecs.EcsException;
import dev.daybreak.store.StoreException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.model.AccessDeniedException;

class TransientFailuresTest {

  @Test
  void isTransient_storeUnreachableThrottledOrFailingOnItsSide_isTrue() {
    assertThat(
            TransientFailures.isTransient(
                new StoreException(
                    "cannot reach DynamoDB",
                    SdkClientException.create("refused", new ConnectException("refused")))))
        .isTrue();
    assertThat(
            TransientFailures.isTransient(
                new StoreException(
                    "DynamoDB refused a request", dynamo(400, "ThrottlingException"))))
        .isTrue();
    assertThat(
            TransientFailures.isTransient(
                new StoreException(
                    "DynamoDB refused a request", dynamo(500, "InternalServerError"))))
        .isTrue();
  }

  @Test
  void isTransient_storeMisconfiguredOrDamaged_isFalse() {
    assertThat(
            TransientFailures.isTransient(
                new StoreException(
                    "table 'daybreak' does not exist",
                    ResourceNotFoundException.builder().statusCode(400).build())))
        .isFalse();
    assertThat(TransientFailures.isTransient(new StoreException("damaged status item"))).isFalse();
  }

  @Test
  void isTransient_ecsThrottledUnreachableOrServerError_isTrue_butAccessDeniedIsNot() {
    assertThat(TransientFailures.isTransient(new EcsException("ThrottlingException", "x", null)))
        .isTrue();
    assertThat(TransientFailures.isTransient(new EcsException("ServerException", "x", null)))
        .isTrue();
    assertThat(TransientFailures.isTransient(new EcsException("HTTP503", "x", null))).isTrue();
    assertThat(
            TransientFailures.isTransient(
                new EcsException("Unreachable", "x", SdkClientException.create("refused"))))
        .isTrue();
    assertThat(
            TransientFailures.isTransient(
                new EcsException(
                    "AccessDeniedException",
                    "x",
                    AccessDeniedException.builder().statusCode(400).build())))
        .isFalse();
  }

  @Test
  void isTransient_otherExceptions_areBugs_evenWrappingAnSdkFailure() {
    assertThat(TransientFailures.isTransient(new IllegalStateException("no phase"))).isFalse();
    assertThat(
            TransientFailures.isTransient(
                new IllegalStateException("wrapped", SdkClientException.create("refused"))))
        .isFalse();
  }

  private static DynamoDbException dynamo(int status, String code) {
    return (DynamoDbException)
        DynamoDbException.builder()
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
            .build();
  }
}
