package dev.daybreak.it.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.daybreak.ecs.EcsClients;
import dev.daybreak.ecs.EcsEndpoint;
import java.io.BufferedReader;
import java.io.IOException;
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
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * {@code daybreak ecs-sim} as a user runs it: the CLI jar in its own process, from the seed's
 * manifest, at 60x speed; then the AWS SDK and the AWS CLI (when installed) against it.
 */
class EcsSimCommandIT {

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
                "--start-latency",
                "20s",
                "--time-scale",
                "60",
                "--require",
                "b=a")
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
                throw new IllegalStateException("ecs-sim exited before it listened");
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    endpoint = listening.get(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopSimulator() throws Exception {
    sim.destroy();
    sim.waitFor(10, TimeUnit.SECONDS);
  }

  @Test
  void sdk_seesTheManifestsServicesAtZeroAndTimeRunsSixtyTimesFaster() {
    try (EcsClient ecs = EcsClients.create(EcsEndpoint.simulator(endpoint), "it")) {
      List<Service> services =
          ecs.describeServices(b -> b.cluster("dev").services("a", "b", "c", "d", "e")).services();
      assertThat(services)
          .extracting(Service::serviceName)
          .containsExactly("a", "b", "c", "d", "e");
      assertThat(services)
          .filteredOn(s -> List.of("b", "c", "d").contains(s.serviceName()))
          .as("untouched by the other test")
          .allSatisfy(s -> assertThat(s.desiredCount()).isZero());

      ecs.updateService(b -> b.cluster("dev").service("e").desiredCount(1));
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  ecs.describeServices(b -> b.cluster("dev").services("e"))
                          .services()
                          .get(0)
                          .runningCount()
                      == 1);
    }
  }

  @Test
  void awsCli_describeServicesAndUpdateService() throws Exception {
    Optional<Path> aws = onPath("aws");
    Assumptions.assumeTrue(aws.isPresent(), "the AWS CLI is not installed");

    JsonNode described =
        awsCli(aws.get(), "ecs", "describe-services", "--cluster", "dev", "--services", "a", "b");
    assertThat(described.path("services").findValuesAsText("serviceName"))
        .containsExactly("a", "b");
    assertThat(
            described
                .path("services")
                .get(0)
                .path("deployments")
                .get(0)
                .path("rolloutState")
                .asText())
        .isEqualTo("COMPLETED");

    JsonNode updated =
        awsCli(
            aws.get(),
            "ecs",
            "update-service",
            "--cluster",
            "dev",
            "--service",
            "a",
            "--desired-count",
            "1");
    assertThat(updated.path("service").path("desiredCount").asInt()).isEqualTo(1);

    HttpResponse<String> calls =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(endpoint.resolve("/_sim/calls")).build(),
                HttpResponse.BodyHandlers.ofString());
    List<JsonNode> fromCli = new ArrayList<>();
    JSON.readTree(calls.body())
        .forEach(
            c -> {
              if (c.path("caller").asText().startsWith("aws-cli/")) {
                fromCli.add(c);
              }
            });
    assertThat(fromCli)
        .extracting(c -> c.path("op").asText())
        .containsExactly("DescribeServices", "UpdateService");
    assertThat(fromCli.get(1).path("desiredCount").asInt()).isEqualTo(1);
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

  private static String read(java.io.InputStream in) {
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
