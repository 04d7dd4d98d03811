package dev.daybreak.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.iam.RecordingJvm;
import dev.daybreak.it.Dynalite;
import dev.daybreak.it.DynaliteExtension;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.metrics.CloudWatchMock;
import dev.daybreak.model.Conditions;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.Phase;
import dev.daybreak.model.State;
import dev.daybreak.reconcile.ClusterAllowlist;
import dev.daybreak.store.DynamoDbStateStore;
import dev.daybreak.store.TableSetup;
import dev.daybreak.store.Via;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The controller's container image, minus the container: the main class and JVM flag of the Jib
 * configuration (controller/pom.xml, profile {@code jib}) and the command of deploy/'s Fargate task
 * ({@code run --http-port PORT}), run as a plain process with the environment the CDK stack gives
 * the task, pointed at dynalite, the ECS simulator and a CloudWatch mock on loopback. It becomes
 * ready, acts only on the deployed clusters, and publishes the Degraded count the alarm watches.
 */
@ExtendWith(DynaliteExtension.class)
class ImageEntrypointIT {

  private static final Path JAR =
      Path.of(System.getProperty("daybreak.cliJar", "../controller/target/daybreak.jar"));

  /** Jib's {@code <jvmFlags>}; its {@code <mainClass>} is {@link RecordingJvm#MAIN_CLASS}. */
  private static final String JVM_FLAG = "-XX:MaxRAMPercentage=75";

  private static final String ON_PROD =
      """
      apiVersion: daybreak.dev/v1
      kind: Environment
      metadata: {name: shop}
      spec:
        cluster: prod
        services:
          - {name: a, replicas: 1}
      """;

  @TempDir Path dir;

  @Test
  void entrypoint_withTheStacksEnvironment_becomesReadyAndPublishesDegradedEnvironments(
      Dynalite dynalite) throws Exception {
    String table = "daybreak-" + UUID.randomUUID();
    int port = freePort();
    Process process = null;
    EcsSimulator simulator = new EcsSimulator(SimSettings.builder().build(), Clock.systemUTC());
    try (DynamoDbClient client = dynalite.newClient();
        CloudWatchMock cloudWatch = new CloudWatchMock();
        EcsSimServer ecs = EcsSimServer.start(simulator, 0)) {
      new TableSetup(client).ensureTable(table);
      DynamoDbStateStore store = new DynamoDbStateStore(client, table, Clock.systemUTC());
      store.applySpec(Manifests.parse("shop.yaml", ON_PROD).get(0));
      store.writeDesired(
          "shop",
          DesiredState.of(State.AWAKE, "it", "ImageEntrypointIT", Clock.systemUTC().instant()),
          0,
          Via.CLI);

      // java JVM_FLAG -cp JAR MAIN_CLASS, with the AWS calls the process makes recorded.
      List<String> command =
          new ArrayList<>(
              RecordingJvm.command(
                  ProcessHandle.current().info().command().orElse("java"), JAR, JVM_FLAG));
      command.addAll(List.of("run", "--http-port", Integer.toString(port)));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectOutput(dir.resolve("out").toFile())
              .redirectError(dir.resolve("err").toFile());
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("DAYBREAK_"));
      env.put("AWS_EC2_METADATA_DISABLED", "true");
      // What deploy/'s ControllerEnvironment sets on the task (Slack left unconfigured) ...
      env.put("DAYBREAK_TABLE", table);
      env.put("DAYBREAK_REGION", "eu-west-1");
      env.put(ClusterAllowlist.VARIABLE, "dev,staging");
      env.put("DAYBREAK_METRICS_NAMESPACE", "Daybreak");
      // ... and loopback stand-ins for the AWS endpoints.
      env.put("DAYBREAK_DYNAMODB_ENDPOINT", dynalite.endpoint().toString());
      env.put("DAYBREAK_ECS_ENDPOINT", ecs.endpoint().toString());
      env.put("DAYBREAK_CLOUDWATCH_ENDPOINT", cloudWatch.endpoint().toString());
      process = builder.start();
      process.getOutputStream().close();

      String readyz =
          await()
              .atMost(Duration.ofSeconds(60))
              .ignoreExceptions()
              .until(() -> get(port, "/readyz"), r -> r.startsWith("200"));
      assertThat(readyz).contains("ready");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  store
                      .status("shop")
                      .map(s -> s.status().phase() == Phase.DEGRADED)
                      .orElse(false));
      assertThat(
              store
                  .status("shop")
                  .orElseThrow()
                  .status()
                  .condition(Conditions.DEGRADED)
                  .orElseThrow()
                  .reason())
          .isEqualTo(ClusterAllowlist.REASON_CLUSTER_NOT_ALLOWED);
      assertThat(simulator.calls()).noneMatch(c -> c.op().equals("UpdateService"));

      process.destroy();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
      // Published every minute and once more on the way out: the last one counts shop.
      List<JsonNode> sent = cloudWatch.putMetricData();
      assertThat(sent).isNotEmpty();
      JsonNode last = sent.get(sent.size() - 1);
      assertThat(last.path("Namespace").asText()).isEqualTo("Daybreak");
      assertThat(last.path("MetricData").get(0).path("MetricName").asText())
          .isEqualTo("DegradedEnvironments");
      assertThat(last.path("MetricData").get(0).path("Value").asDouble()).isEqualTo(1.0);
    } finally {
      if (process != null) {
        process.destroyForcibly();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String get(int port, String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }
}
