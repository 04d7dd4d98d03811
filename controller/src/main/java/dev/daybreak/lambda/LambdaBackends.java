package dev.daybreak.lambda;

import dev.daybreak.ecs.EcsEndpoint;
import dev.daybreak.runtime.Backends;
import dev.daybreak.runtime.ProductionBackends;
import dev.daybreak.slack.SecretSources;
import dev.daybreak.slack.SlackSettings;
import dev.daybreak.store.DynamoDbClients;
import dev.daybreak.store.DynamoDbStateStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The production backends configured from a Lambda function's environment (set by deploy/). */
final class LambdaBackends {

  static final String TABLE = "DAYBREAK_TABLE";
  static final String REGION = "DAYBREAK_REGION";
  static final String SLACK_CHANNEL = "DAYBREAK_SLACK_CHANNEL";

  private LambdaBackends() {}

  static Backends fromEnvironment(Map<String, String> env) {
    Optional<String> region = value(env, REGION).or(() -> value(env, "AWS_REGION"));
    String table = value(env, TABLE).orElse("daybreak");
    DynamoDbClient dynamo = DynamoDbClients.create(Optional.empty(), region);
    return new ProductionBackends(
        new DynamoDbStateStore(dynamo, table, Clock.systemUTC()),
        dynamo,
        EcsEndpoint.aws(region),
        SlackSettings.builder().defaultChannel(value(env, SLACK_CHANNEL)).build(),
        SecretSources.botToken(env),
        new SimpleMeterRegistry());
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }
}
