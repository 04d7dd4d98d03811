package dev.daybreak.it.ecs;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * {@code daybreak ecs-sim --from seed.yaml --scalable-target b=2..4} as a real process, asked by
 * the AWS CLI (botocore, an independent client) for its Application Auto Scaling targets.
 */
class EcsSimAutoScalingCliIT {

  private static final Pattern LISTENING =
      Pattern.compile("ecs-sim listening on (http://127\\.0\\.0\\.1:\\d+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Process sim;
  private static URI endpoint;

  @BeforeAll
  static void startSimulator() throws Exception {
    Path root = Path.of(System.getProperty("daybreak.root", ".."));
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
                root.resolve("manifests/examples/seed.yaml").toString(),
                "--scalable-target",
                "b=2..4")
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
    endpoint =
        CompletableFuture.supplyAsync(
                () -> {
                  try {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                      Matcher m = LISTENING.matcher(line);
                      if (m.find()) {
                        return URI.create(m.group(1));
                      }
                    }
                    throw new IllegalStateException("ecs-sim exited before it listened");
                  } catch (IOException e) {
                    throw new IllegalStateException(e);
                  }
                })
            .get(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopSimulator() throws Exception {
    sim.destroy();
    sim.waitFor(10, TimeUnit.SECONDS);
  }

  @Test
  void awsCli_describeScalableTargets_returnsTheDeclaredTargetWellFormed() throws Exception {
    Optional<Path> aws = onPath("aws");
    Assumptions.assumeTrue(aws.isPresent(), "the AWS CLI is not installed");

    JsonNode answer =
        awsCli(
            aws.get(),
            "application-autoscaling",
            "describe-scalable-targets",
            "--service-namespace",
            "ecs");

    assertThat(answer.path("ScalableTargets")).hasSize(1);
    JsonNode t = answer.path("ScalableTargets").get(0);
    assertThat(t.path("ServiceNamespace").asText()).isEqualTo("ecs");
    assertThat(t.path("ResourceId").asText()).isEqualTo("service/dev/b");
    assertThat(t.path("ScalableDimension").asText()).isEqualTo("ecs:service:DesiredCount");
    assertThat(t.path("MinCapacity").asInt()).isEqualTo(2);
    assertThat(t.path("MaxCapacity").asInt()).isEqualTo(4);
    assertThat(t.path("RoleARN").asText())
        .startsWith("arn:aws:iam::000000000000:role/aws-service-role/");
    assertThat(t.path("CreationTime").isNumber()).as("CreationTime, a timestamp").isTrue();
    assertThat(t.path("ScalableTargetARN").asText())
        .startsWith("arn:aws:application-autoscaling:us-east-1:000000000000:scalable-target/");
    assertThat(JSON.convertValue(t.path("SuspendedState"), Map.class))
        .isEqualTo(
            Map.of(
                "DynamicScalingInSuspended", false,
                "DynamicScalingOutSuspended", false,
                "ScheduledScalingSuspended", false));

    List<JsonNode> fromCli = new ArrayList<>();
    get("/_sim/calls")
        .forEach(
            c -> {
              if (c.path("caller").asText().startsWith("aws-cli/")) {
                fromCli.add(c);
              }
            });
    assertThat(fromCli)
        .extracting(c -> c.path("op").asText() + " " + c.path("outcome").asText())
        .containsExactly("DescribeScalableTargets ok");
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(endpoint.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static JsonNode awsCli(Path aws, String... args) throws Exception {
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
    Process p = pb.redirectErrorStream(false).start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    String out = read(p.getInputStream());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("aws finished").isTrue();
    assertThat(p.exitValue()).as("aws exit code; stderr: %s", err.get()).isZero();
    return JSON.readTree(out);
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
        .map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
