package dev.daybreak.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybreak.chatops.SecretsManagerSigningSecretSource;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.secrets.SecretsManager;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The Secrets Manager stand-in on the ECS simulator's port, called by the real SDK with the
 * scheduled function's role as deploy/ synthesizes it: it answers like AWS for a secret created
 * empty, a filled one, and an action the role lacks; ECS is still served on the same port.
 */
class SecretsManagerStandInIT {

  private EcsSimServer server;
  private SecretsManagerStandIn secretsManager;
  private SecretsManagerClient client;
  private String botToken;

  @BeforeEach
  void start() throws Exception {
    SynthesizedStack stack =
        SynthesizedStack.read(
            Path.of(System.getProperty("daybreak.cdkOut", "../deploy/target/cdk.out")),
            "serverless",
            RecordedCallsPolicyCheck.REGION,
            RecordedCallsPolicyCheck.ACCOUNT);
    var policy = stack.policyOf(stack.role("ReconcileRole"));
    botToken = stack.ref("SlackBotToken");
    secretsManager =
        new SecretsManagerStandIn(
            call -> PolicyEvaluator.evaluate(policy, call),
            "arn:aws:sts::" + stack.account() + ":assumed-role/ReconcileRole/daybreak");
    secretsManager.createEmpty(botToken);
    server =
        EcsSimServer.start(new EcsSimulator(SimSettings.builder().build(), Clock.systemUTC()), 0);
    server.route(SecretsManagerStandIn.TARGET_PREFIX, secretsManager);
    client =
        SecretsManagerClient.builder()
            .endpointOverride(server.endpoint())
            .region(Region.of(stack.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void getSecretValue_secretCreatedEmpty_isResourceNotFound() {
    assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId(botToken)))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("staging label: AWSCURRENT");
  }

  @Test
  void getSecretValue_afterAValueIsPut_answersIt() {
    secretsManager.putValue(botToken, "xoxb-filled");

    assertThat(client.getSecretValue(r -> r.secretId(botToken)).secretString())
        .isEqualTo("xoxb-filled");
    assertThat(client.getSecretValue(r -> r.secretId("daybreak/slack-bot-token")).arn())
        .isEqualTo(botToken);
  }

  @Test
  void describeSecret_whichTheRoleLacks_isAccessDenied() {
    assertThatThrownBy(() -> client.describeSecret(r -> r.secretId(botToken)))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
              assertThat(e.statusCode()).isEqualTo(400);
            })
        .hasMessageContaining("is not authorized to perform: secretsmanager:DescribeSecret");
  }

  @Test
  void getSecretValue_ofASecretOutsideThePolicy_isAccessDenied() {
    String other = botToken.replace("slack-bot-token", "someone-elses");
    secretsManager.createEmpty(other);
    secretsManager.putValue(other, "x");

    assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId(other)))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
  }

  @Test
  void ecs_onTheSamePort_isStillServed() {
    try (EcsClient ecs =
        EcsClient.builder()
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      ecs.createCluster(r -> r.clusterName("dev"));
      assertThat(ecs.describeClusters(r -> r.clusters("dev")).clusters())
          .extracting(c -> c.clusterName())
          .containsExactly("dev");
    }
  }

  @Test
  void controllersReader_secretFilled_readsItsValueWithTheDeployedRole() {
    secretsManager.putValue(botToken, "xoxb-filled");

    assertThat(new SecretsManager(Optional.of(server.endpoint())).read(botToken))
        .contains("xoxb-filled");
  }

  @Test
  void slackSigningSecret_filled_isReadByChatOpsWithTheDeployedRole() {
    String signing = botToken.replace("slack-bot-token", "slack-signing-secret");
    secretsManager.createEmpty(signing);
    secretsManager.putValue(signing, "signing-secret");

    assertThat(
            SecretsManagerSigningSecretSource.choose(
                    Map.of(
                        SecretsManagerSigningSecretSource.ARN_VARIABLE,
                        signing,
                        SecretsManager.ENDPOINT_VARIABLE,
                        server.endpoint().toString()))
                .signingSecret())
        .isPresent();
  }

  @Test
  void controllersReader_secretCreatedEmpty_readsAsNotConfiguredWithTheDeployedRole() {
    SecretsManager reader = new SecretsManager(Optional.of(server.endpoint()));

    assertThat(reader.read(botToken)).isEmpty();
  }
}
