package dev.daybreak.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.SlackSignature;
import dev.daybreak.chatops.SecretsManagerSigningSecretSource;
import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.iam.Decision;
import dev.daybreak.iam.SecretsManagerStandIn;
import dev.daybreak.it.Dynalite;
import dev.daybreak.it.DynaliteExtension;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.State;
import dev.daybreak.production.ProductionModule;
import dev.daybreak.reconcile.ClusterAllowlist;
import dev.daybreak.secrets.SecretsManager;
import dev.daybreak.slack.EnvSecretSource;
import dev.daybreak.slack.SlackSettings;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.DynamoDbClients;
import dev.daybreak.store.DynamoDbStateStore;
import dev.daybreak.store.TableSetup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Slack function's path (a Function URL request into {@link LambdaHandler}) over the production
 * backends on dynalite, with the signing secret read from Secrets Manager by its ARN, as deploy/
 * configures it: slash commands answered, desired state written, replays recorded in the table. Its
 * AWS calls are what the Slack function's role must allow (it/'s IAM check).
 */
@ExtendWith(DynaliteExtension.class)
class SlackFunctionOnDynamoDbIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SIGNING = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final String SECRET_ARN =
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:daybreak/slack-signing-secret-Ab12Cd";
  private static final String SEED =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata: {name: seed}
      spec:
        cluster: dev
        services:
          - {name: a, replicas: 1}
          - {name: b, replicas: 1, dependsOn: [a]}
        access:
          slack:
            users: [U0ALLOWED1]
      """;

  @Test
  void slashCommands_throughTheFunctionUrl_answerAndWriteToTheTable(Dynalite dynalite)
      throws Exception {
    String table = "daybreak-" + UUID.randomUUID();
    Clock clock = Clock.systemUTC();
    SecretsManagerStandIn secrets =
        new SecretsManagerStandIn(call -> Decision.ALLOW, "arn:aws:sts::123456789012:x");
    secrets.createEmpty(SECRET_ARN);
    secrets.putValue(SECRET_ARN, SIGNING);
    try (DynamoDbClient setup = dynalite.newClient();
        EcsSimServer ecs =
            EcsSimServer.start(new EcsSimulator(SimSettings.builder().build(), clock), 0)) {
      ecs.route(SecretsManagerStandIn.TARGET_PREFIX, secrets);
      new TableSetup(setup).ensureTable(table);
      DynamoDbStateStore store = new DynamoDbStateStore(setup, table, clock);
      store.applySpec(Manifests.parse("seed.yaml", SEED).get(0));
      LambdaHandler handler =
          new LambdaHandler(
              env -> {
                DynamoDbClient client =
                    DynamoDbClients.create(
                        Optional.of(dynalite.endpoint()), Optional.of("us-east-1"));
                return new ProductionModule(
                    ProductionModule.Config.of(
                        new DynamoDbStateStore(client, table, clock),
                        client,
                        EcsEndpoint.simulator(ecs.endpoint()),
                        SlackSettings.builder().build(),
                        new EnvSecretSource(Map.of()),
                        new SimpleMeterRegistry()));
              },
              Map.of(
                  SecretsManagerSigningSecretSource.ARN_VARIABLE,
                  SECRET_ARN,
                  SecretsManager.ENDPOINT_VARIABLE,
                  ecs.endpoint().toString(),
                  ClusterAllowlist.VARIABLE,
                  "dev,staging"));

      JsonNode list = invoke(handler, signed("status", clock));
      JsonNode wake = invoke(handler, signed("wake seed for 2h", clock));
      JsonNode status = invoke(handler, signed("status seed", clock));

      assertThat(list.path("statusCode").asInt()).isEqualTo(200);
      assertThat(body(list)).contains("seed");
      assertThat(wake.path("statusCode").asInt()).isEqualTo(200);
      assertThat(store.desired("seed"))
          .as("the desired item after %s", body(wake))
          .isInstanceOfSatisfying(
              DesiredRead.Valid.class,
              d -> assertThat(d.stored().desired().state()).isEqualTo(State.AWAKE));
      assertThat(status.path("statusCode").asInt()).isEqualTo(200);
      assertThat(body(status)).contains("seed");
    }
  }

  private static String body(JsonNode response) {
    String body = response.path("body").asText();
    return response.path("isBase64Encoded").asBoolean()
        ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8)
        : body;
  }

  private static JsonNode invoke(LambdaHandler handler, ObjectNode event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Context context =
        (Context)
            Proxy.newProxyInstance(
                Context.class.getClassLoader(),
                new Class<?>[] {Context.class},
                (proxy, method, args) ->
                    method.getName().equals("getRemainingTimeInMillis") ? 30_000 : null);
    handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, context);
    return JSON.readTree(out.toByteArray());
  }

  /** A Function URL event (payload 2.0) of a slash command, signed as Slack signs it. */
  private static ObjectNode signed(String text, Clock clock) {
    String body =
        "command=%2Fdaybreak&text="
            + java.net.URLEncoder.encode(text, StandardCharsets.UTF_8)
            + "&user_id=U0ALLOWED1&user_name=alice&channel_id=C0CHANNEL1&team_id=T0TEAM0001"
            + "&trigger_id="
            + UUID.randomUUID()
            + "&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fresponse";
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("rawPath", "/slack/events");
    event.put("rawQueryString", "");
    event
        .putObject("headers")
        .put("content-type", "application/x-www-form-urlencoded")
        .put("x-slack-request-timestamp", timestamp)
        .put("x-slack-signature", new SlackSignature.Generator(SIGNING).generate(timestamp, body));
    event
        .putObject("requestContext")
        .putObject("http")
        .put("method", "POST")
        .put("sourceIp", "127.0.0.1");
    event.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
    event.put("isBase64Encoded", true);
    return event;
  }
}
