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
 * The real AWS CLI (botocore's STS model and Query protocol parser) against {@code daybreak ecs-sim
 * --role} run as a process: {@code aws sts assume-role} returns temporary credentials, and {@code
 * aws ecs} signed with them sees the role's account in the region it signs for (the cluster a
 * {@code --from} manifest put there), not the home account; a role that is not configured, or a
 * wrong external id, is AccessDenied. Skipped, saying so, when {@code aws} is not on the PATH.
 */
class StsCliIT {

  private static final Pattern LISTENING =
      Pattern.compile("ecs-sim listening on (http://127\\.0\\.0\\.1:\\d+)");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROLE = "arn:aws:iam::222222222222:role/daybreak-target";

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
    Path home = dir.resolve("home.yaml");
    Files.writeString(
        home,
        """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata: {name: home}
        spec:
          cluster: home
          services: [{name: web}]
        """);
    Path team = dir.resolve("team.yaml");
    Files.writeString(
        team,
        """
        apiVersion: daybreak.dev/v1
        kind: Environment
        metadata: {name: team}
        spec:
          cluster: shop
          aws:
            region: eu-west-1
            roleArn: arn:aws:iam::222222222222:role/daybreak-target
            externalId: shop-7f3a
          services: [{name: api}]
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
                "--account-id",
                "111111111111",
                "--from",
                home.toString(),
                "--from",
                team.toString(),
                "--role",
                ROLE + "=shop-7f3a")
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
  void assumeRole_fromTheAwsCli_givesCredentialsThatActInTheRolesAccountAndRegion()
      throws Exception {
    JsonNode assumed =
        awsCli(
            0,
            homeKeys(),
            "us-east-1",
            "sts",
            "assume-role",
            "--role-arn",
            ROLE,
            "--role-session-name",
            "daybreak-team",
            "--external-id",
            "shop-7f3a");
    JsonNode credentials = assumed.path("Credentials");
    assertThat(credentials.path("AccessKeyId").asText()).matches("ASIA[A-Z2-7]{16}");
    assertThat(credentials.path("SecretAccessKey").asText()).isNotBlank();
    assertThat(credentials.path("SessionToken").asText()).isNotBlank();
    assertThat(credentials.path("Expiration").asText()).isNotBlank();
    assertThat(assumed.path("AssumedRoleUser").path("Arn").asText())
        .isEqualTo("arn:aws:sts::222222222222:assumed-role/daybreak-target/daybreak-team");
    Map<String, String> teamKeys =
        Map.of(
            "AWS_ACCESS_KEY_ID", credentials.path("AccessKeyId").asText(),
            "AWS_SECRET_ACCESS_KEY", credentials.path("SecretAccessKey").asText(),
            "AWS_SESSION_TOKEN", credentials.path("SessionToken").asText());

    JsonNode teamEu = awsCli(0, teamKeys, "eu-west-1", "ecs", "list-services", "--cluster", "shop");
    JsonNode teamUs =
        awsCli(255, teamKeys, "us-east-1", "ecs", "list-services", "--cluster", "shop");
    JsonNode homeEu =
        awsCli(255, homeKeys(), "eu-west-1", "ecs", "list-services", "--cluster", "shop");
    JsonNode homeUs =
        awsCli(0, homeKeys(), "us-east-1", "ecs", "list-services", "--cluster", "home");

    assertThat(teamEu.path("serviceArns"))
        .extracting(JsonNode::asText)
        .containsExactly("arn:aws:ecs:eu-west-1:222222222222:service/shop/api");
    assertThat(teamUs.path("stderr").asText())
        .as("the team's account in us-east-1 has no cluster shop")
        .contains("ClusterNotFoundException");
    assertThat(homeEu.path("stderr").asText())
        .as("the home account in eu-west-1 has no cluster shop")
        .contains("ClusterNotFoundException");
    assertThat(homeUs.path("serviceArns"))
        .extracting(JsonNode::asText)
        .containsExactly("arn:aws:ecs:us-east-1:111111111111:service/home/web");
    JsonNode services =
        awsCli(
            0,
            teamKeys,
            "eu-west-1",
            "ecs",
            "describe-services",
            "--cluster",
            "shop",
            "--services",
            "api");
    assertThat(services.path("services").path(0).path("serviceArn").asText())
        .isEqualTo("arn:aws:ecs:eu-west-1:222222222222:service/shop/api");
  }

  @Test
  void assumeRole_ofARoleNotConfigured_isAccessDenied() throws Exception {
    JsonNode error =
        awsCli(
            255,
            homeKeys(),
            "us-east-1",
            "sts",
            "assume-role",
            "--role-arn",
            "arn:aws:iam::333333333333:role/nobody",
            "--role-session-name",
            "daybreak-x");

    assertThat(error.path("stderr").asText())
        .contains("AccessDenied", "AssumeRole", "arn:aws:iam::333333333333:role/nobody");
  }

  @Test
  void assumeRole_withAWrongExternalId_isAccessDenied() throws Exception {
    JsonNode error =
        awsCli(
            255,
            homeKeys(),
            "us-east-1",
            "sts",
            "assume-role",
            "--role-arn",
            ROLE,
            "--role-session-name",
            "daybreak-x",
            "--external-id",
            "guessed");

    assertThat(error.path("stderr").asText()).contains("AccessDenied", ROLE);
  }

  private static Map<String, String> homeKeys() {
    return Map.of("AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "x");
  }

  /**
   * Runs {@code aws ARGS} against the simulator with {@code keys} in {@code region}; expects {@code
   * exitCode}. A zero exit gives the parsed JSON output, any other {@code {"stderr": ...}}.
   */
  private static JsonNode awsCli(
      int exitCode, Map<String, String> keys, String region, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(aws.toString()));
    command.addAll(List.of(args));
    command.addAll(
        List.of("--endpoint-url", endpoint.toString(), "--region", region, "--output", "json"));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.putAll(keys);
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
