package dev.daybreak.it.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real AWS CLI (botocore's own Elastic Load Balancing v2 model and Query protocol parser)
 * against {@code daybreak ecs-sim} run as a process: {@code aws elbv2 describe-target-health} gets
 * a well-formed answer for the target group {@code --from} gave a {@code healthy} service, and
 * TargetGroupNotFound for one that does not exist. Skipped, saying so, when {@code aws} is not on
 * the PATH.
 */
class ElbCliIT {

  private static final Pattern LISTENING =
      Pattern.compile("ecs-sim listening on (http://127\\.0\\.0\\.1:\\d+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  private static Path aws;
  private static Process sim;
  private static URI endpoint;

  @BeforeAll
  static void startSimulator() throws Exception {
    Optional<Path> onPath = onPath("aws");
    Assumptions.assumeTrue(
        onPath.isPresent(), "assumes the AWS CLI (aws) is on the PATH; it is not, so not run");
    aws = onPath.get();
    Path manifest = dir.resolve("web.yaml");
    Files.writeString(
        manifest,
        """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata:
          name: cli
        spec:
          cluster: cli
          services:
            - name: web
              replicas: 2
              readiness: healthy
        """);
    Path jar = Path.of(System.getProperty("daybreak.cliJar", "../controller/target/daybreak.jar"));
    String java = ProcessHandle.current().info().command().orElse("java");
    sim =
        new ProcessBuilder(
                java,
                "-jar",
                jar.toString(),
                "ecs-sim",
                "--port",
                "0",
                "--from",
                manifest.toString(),
                "--start-latency",
                "1s",
                "--health-check-interval",
                "1s",
                "--healthy-threshold",
                "2")
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<URI> listening =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    return URI.create(m.group(1));
                  }
                }
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
              throw new IllegalStateException("ecs-sim exited before listening");
            });
    endpoint = listening.get(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopSimulator() throws InterruptedException {
    if (sim != null) {
      sim.destroy();
      sim.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void describeTargetHealth_fromTheAwsCli_isWellFormed_initialThenHealthy() throws Exception {
    JsonNode services =
        awsCli(0, "ecs", "describe-services", "--cluster", "cli", "--services", "web");
    JsonNode lb = services.path("services").path(0).path("loadBalancers").path(0);
    String group = lb.path("targetGroupArn").asText();
    assertThat(group)
        .startsWith("arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/");
    assertThat(lb.path("containerName").asText()).isEqualTo("web");
    assertThat(lb.path("containerPort").asInt()).isEqualTo(80);
    assertThat(
            awsCli(0, "elbv2", "describe-target-health", "--target-group-arn", group)
                .path("TargetHealthDescriptions"))
        .as("no task runs yet")
        .isEmpty();

    awsCli(
        0, "ecs", "update-service", "--cluster", "cli", "--service", "web", "--desired-count", "2");

    JsonNode initial =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> awsCli(0, "elbv2", "describe-target-health", "--target-group-arn", group),
                r -> r.path("TargetHealthDescriptions").size() == 2);
    for (JsonNode d : initial.path("TargetHealthDescriptions")) {
      assertThat(d.path("Target").path("Id").asText()).matches("10\\.0\\.\\d+\\.\\d+");
      assertThat(d.path("Target").path("Port").asInt()).isEqualTo(80);
      assertThat(d.path("HealthCheckPort").asText()).isEqualTo("80");
      assertThat(d.path("TargetHealth").path("State").asText()).isIn("initial", "healthy");
    }
    JsonNode healthy =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> awsCli(0, "elbv2", "describe-target-health", "--target-group-arn", group),
                r -> allHealthy(r.path("TargetHealthDescriptions")));
    assertThat(healthy.path("TargetHealthDescriptions")).hasSize(2);
    List<String> calls = new ArrayList<>();
    for (JsonNode c : sim("/_sim/calls")) {
      if (c.path("caller").asText().startsWith("aws-cli/")) {
        calls.add(c.path("op").asText());
      }
    }
    assertThat(calls).contains("DescribeTargetHealth", "UpdateService");
    assertThat(sim("/_sim/target-health"))
        .extracting(c -> c.path("state").asText())
        .contains("initial", "healthy");
  }

  @Test
  void describeTargetHealth_ofAnUnknownTargetGroup_isTargetGroupNotFound() throws Exception {
    String missing =
        "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/nope/0000000000000000";

    // AWS CLI v1 exits 255 for a service error; its stderr names the error code and operation.
    JsonNode error = awsCli(255, "elbv2", "describe-target-health", "--target-group-arn", missing);

    assertThat(error.path("stderr").asText())
        .contains("TargetGroupNotFound")
        .contains("DescribeTargetHealth");
  }

  private static boolean allHealthy(JsonNode descriptions) {
    if (descriptions.size() != 2) {
      return false;
    }
    for (JsonNode d : descriptions) {
      if (!"healthy".equals(d.path("TargetHealth").path("State").asText())) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode sim(String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(endpoint.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /**
   * Runs {@code aws ARGS} against the simulator; expects {@code exitCode}. A zero exit gives the
   * parsed JSON output, any other {@code {"stderr": ...}}.
   */
  private static JsonNode awsCli(int exitCode, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(aws.toString()));
    command.addAll(List.of(args));
    command.addAll(
        List.of(
            "--endpoint-url", endpoint.toString(), "--region", "us-east-1", "--output", "json"));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("AWS_ACCESS_KEY_ID", "x");
    env.put("AWS_SECRET_ACCESS_KEY", "x");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    env.put("AWS_PAGER", "");
    env.put("AWS_MAX_ATTEMPTS", "1");
    Process p = pb.start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    String out = read(p.getInputStream());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("aws finished").isTrue();
    assertThat(p.exitValue()).as("aws exit code; stderr: %s", err.get()).isEqualTo(exitCode);
    if (exitCode != 0) {
      return JSON.createObjectNode().put("stderr", err.get());
    }
    return out.isBlank() ? JSON.createObjectNode() : JSON.readTree(out);
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<Path> onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .map(d -> Path.of(d, program))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
