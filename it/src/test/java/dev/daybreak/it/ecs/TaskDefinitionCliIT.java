package dev.daybreak.it.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The real AWS CLI (botocore's own ECS model and awsJson1_1 parser) against {@code daybreak
 * ecs-sim} run as a process: DescribeTaskDefinition answers the sizes {@code --task-size} gave (or
 * ECS's smallest Fargate task), with the container health check {@code --container-health-check}
 * gave; RegisterTaskDefinition adds revisions; an unknown one is ECS's ClientException. Skipped,
 * saying so, when {@code aws} is not on the PATH.
 */
class TaskDefinitionCliIT {

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
    Path manifest = dir.resolve("sized.yaml");
    Files.writeString(
        manifest,
        """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata:
          name: sized
        spec:
          cluster: sized
          services:
            - name: api
              replicas: 1
            - name: web
              replicas: 2
              readiness: healthy
              dependsOn: [api]
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
                "--container-health-check",
                "web",
                "--task-size",
                "web=1024/2048/ARM64/FARGATE_SPOT")
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
  void describeTaskDefinition_ofASizedService_hasItsSizePlatformAndHealthCheck() throws Exception {
    JsonNode td =
        awsCli(0, "ecs", "describe-task-definition", "--task-definition", "web")
            .path("taskDefinition");

    assertThat(td.path("taskDefinitionArn").asText())
        .isEqualTo("arn:aws:ecs:us-east-1:000000000000:task-definition/web:1");
    assertThat(td.path("cpu").asText()).isEqualTo("1024");
    assertThat(td.path("memory").asText()).isEqualTo("2048");
    assertThat(td.path("runtimePlatform").path("cpuArchitecture").asText()).isEqualTo("ARM64");
    assertThat(td.path("requiresCompatibilities").get(0).asText()).isEqualTo("FARGATE");
    JsonNode container = td.path("containerDefinitions").get(0);
    assertThat(container.path("name").asText()).isEqualTo("web");
    assertThat(container.path("essential").asBoolean()).isTrue();
    assertThat(container.path("healthCheck").path("command").get(0).asText())
        .isEqualTo("CMD-SHELL");
    assertThat(
            awsCli(0, "ecs", "describe-services", "--cluster", "sized", "--services", "web")
                .path("services")
                .get(0)
                .path("capacityProviderStrategy")
                .get(0)
                .path("capacityProvider")
                .asText())
        .isEqualTo("FARGATE_SPOT");
  }

  @Test
  void describeTaskDefinition_ofAnUnsizedService_isTheSmallestFargateTaskWithNoHealthCheck()
      throws Exception {
    JsonNode td =
        awsCli(0, "ecs", "describe-task-definition", "--task-definition", "api:1")
            .path("taskDefinition");

    assertThat(td.path("cpu").asText()).isEqualTo("256");
    assertThat(td.path("memory").asText()).isEqualTo("512");
    assertThat(td.path("runtimePlatform").path("cpuArchitecture").asText()).isEqualTo("X86_64");
    assertThat(td.path("containerDefinitions").get(0).has("healthCheck")).isFalse();
  }

  @Test
  void registerTaskDefinition_addsARevision_thatDescribeFinds() throws Exception {
    String containers =
        "[{\"name\":\"batch\",\"image\":\"busybox\",\"essential\":true,"
            + "\"healthCheck\":{\"command\":[\"CMD-SHELL\",\"true\"]}}]";
    JsonNode first =
        awsCli(
                0,
                "ecs",
                "register-task-definition",
                "--family",
                "batch",
                "--cpu",
                "512",
                "--memory",
                "1024",
                "--ephemeral-storage",
                "sizeInGiB=50",
                "--container-definitions",
                containers)
            .path("taskDefinition");
    awsCli(
        0,
        "ecs",
        "register-task-definition",
        "--family",
        "batch",
        "--container-definitions",
        containers);

    assertThat(first.path("revision").asInt()).isEqualTo(1);
    assertThat(first.path("ephemeralStorage").path("sizeInGiB").asInt()).isEqualTo(50);
    assertThat(
            awsCli(0, "ecs", "describe-task-definition", "--task-definition", "batch")
                .path("taskDefinition")
                .path("revision")
                .asInt())
        .as("a family alone names its latest revision")
        .isEqualTo(2);
  }

  @Test
  void describeTaskDefinition_ofAnUnknownOne_isClientException() throws Exception {
    // AWS CLI v1 exits 255 for a service error; its stderr names the error code and operation.
    JsonNode error = awsCli(255, "ecs", "describe-task-definition", "--task-definition", "ghost:7");

    assertThat(error.path("stderr").asText())
        .contains("ClientException")
        .contains("DescribeTaskDefinition")
        .contains("Unable to describe task definition.");
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
