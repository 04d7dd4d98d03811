package dev.daybreak.secrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.notMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.daybreak.slack.BotToken;
import dev.daybreak.slack.EnvSecretSource;
import dev.daybreak.slack.SecretSource;
import dev.daybreak.slack.SecretSources;
import dev.daybreak.slack.SecretsManagerSecretSource;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Secrets Manager over its real wire protocol (awsJson1_1, {@code X-Amz-Target:
 * secretsmanager.GetSecretValue}) with the real SDK, answered by a mock on loopback.
 */
class SecretsManagerTest {

  private static final String ARN =
      "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:daybreak/slack-bot-token-AbCdEf";
  private static final String TOKEN = "xoxb-1111-2222-abcdef";

  private final WireMockServer aws =
      new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());

  @BeforeEach
  void start() {
    aws.start();
  }

  @AfterEach
  void stop() {
    aws.stop();
  }

  private Map<String, String> environment() {
    return Map.of(
        SecretsManagerSecretSource.VARIABLE,
        ARN,
        SecretsManager.ENDPOINT_VARIABLE,
        "http://127.0.0.1:" + aws.port());
  }

  private void answer(int status, String body) {
    aws.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(body)));
  }

  @Test
  void botToken_fromSecretArn_isReadWithGetSecretValue() {
    answer(
        200,
        "{\"ARN\":\""
            + ARN
            + "\",\"Name\":\"daybreak/slack-bot-token\",\"SecretString\":\""
            + TOKEN
            + "\"}");

    SecretSource source = SecretSources.botToken(environment());

    assertThat(source.botToken()).contains(new BotToken(TOKEN));
    assertThat(source.description()).contains(ARN).doesNotContain(TOKEN);
    aws.verify(
        postRequestedFor(urlEqualTo("/"))
            .withRequestBody(equalToJson("{\"SecretId\":\"" + ARN + "\"}")));
  }

  @Test
  void botToken_secretMissing_saysWhichArnButNeverAValue() {
    String notFound =
        "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the"
            + " specified secret.\"}";
    answer(400, notFound);

    SecretSource source = SecretSources.botToken(environment());

    assertThatThrownBy(source::botToken)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(ARN)
        .hasMessageContaining("can't find");
  }

  @Test
  void botToken_secretCreatedWithoutAValue_meansSlackIsNotConfiguredWithGetSecretValueAlone() {
    answer(
        400,
        "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the"
            + " specified secret value for staging label: AWSCURRENT\"}");
    // deploy/'s role grants GetSecretValue only: any other action is denied, as AWS would.
    aws.stubFor(
        post(urlEqualTo("/"))
            .atPriority(5)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized to"
                            + " perform this action\"}")));

    assertThat(SecretSources.botToken(environment()).botToken()).isEmpty();
    aws.verify(
        0,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", notMatching("secretsmanager\\.GetSecretValue")));
  }

  @Test
  void botToken_directVariableSet_winsOverTheSecret() {
    Map<String, String> env =
        Map.of(EnvSecretSource.VARIABLE, TOKEN, SecretsManagerSecretSource.VARIABLE, ARN);

    assertThat(SecretSources.botToken(env)).isInstanceOf(EnvSecretSource.class);
    assertThat(aws.getAllServeEvents()).isEmpty();
  }

  @Test
  void regionOf_notASecretArn_namesTheExpectedShape() {
    assertThatThrownBy(() -> SecretsManager.regionOf("daybreak/slack"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME");
    assertThat(SecretsManager.regionOf(ARN).id()).isEqualTo("ap-northeast-1");
  }
}
