package dev.daybreak.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.it.Dynalite;
import dev.daybreak.it.DynaliteExtension;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.Phase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code daybreak run} as a real process of the CLI jar, killed with SIGKILL mid-wake and started
 * again: being level-based, the new process picks up from what DynamoDB and ECS say, without
 * scaling a service twice or out of order.
 */
@ExtendWith(DynaliteExtension.class)
class ControllerRestartIT {

  private static final Path JAR =
      Path.of(System.getProperty("daybreak.cliJar", "../controller/target/daybreak.jar"));

  @TempDir Path dir;
  private final List<Process> processes = new ArrayList<>();
  private Stack stack;

  @AfterEach
  void stop() throws InterruptedException {
    for (Process p : processes) {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void killedMidWake_restartedController_convergesWithoutRescalingOrReordering(Dynalite dynalite)
      throws InterruptedException {
    stack =
        Stack.start(
            dynalite,
            SimSettings.builder()
                .seed(4)
                .startLatency(Latency.parse("1s..2s"))
                .startLatency("b", Latency.fixed(Duration.ofSeconds(4)))
                .require("b", "a")
                .require("c", "b")
                .require("d", "b")
                .require("e", "b")
                .crashGrace(Duration.ofSeconds(1))
                .relaunchDelay(Duration.ofSeconds(1))
                .startFailureBackoff(Duration.ofMillis(500), Duration.ofSeconds(1))
                .build());
    String yaml = Envs.seed("seed", "dev", "");
    EnvironmentSpec spec = Envs.spec(yaml);
    stack.apply(yaml);
    // b (tier 1) cannot start until the kill has landed: "killed while tier 1 was still starting"
    // is then a fact the test controls, not a race with the controller on a busy machine.
    stack.faults("{\"failToStart\": [\"b\"]}");
    Process first = controller("first");
    stack.rawFlip("seed", "AWAKE");

    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> stack.updates("dev").stream().anyMatch(c -> c.services().contains("b")));
    first.destroyForcibly();
    assertThat(first.waitFor(10, TimeUnit.SECONDS)).as("killed").isTrue();
    Instant killed = Instant.now();
    stack.faults("{}");
    assertThat(stack.updates("dev"))
        .as("killed while tier 1 was still starting")
        .extracting(c -> c.services().get(0))
        .containsExactly("a", "b");
    assertThat(stack.phase("seed")).contains(Phase.WAKING);

    controller("second");

    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(() -> assertThat(stack.phase("seed")).contains(Phase.AWAKE));
    Envs.assertWokeTierByTier(stack, "dev", spec);
    assertThat(stack.updates("dev"))
        .filteredOn(c -> List.of("c", "d", "e").contains(c.services().get(0)))
        .as("tier 2 scaled by the second process, after the kill at %s", killed)
        .hasSize(3)
        .allSatisfy(c -> assertThat(c.at()).isAfter(killed));
    assertThat(stack.tasks("dev", "b"))
        .as("b's tasks that crashed for want of a (the held ones failed to start instead)")
        .filteredOn(t -> t.stopCode().equals(Optional.of("EssentialContainerExited")))
        .isEmpty();
    assertThat(stack.topLevelPosts())
        .as("the second process continued the first one's Slack message, found in the table")
        .hasSize(1);
    assertThat(stack.slackCalls("chat.update")).isNotEmpty();
  }

  /** Starts {@code daybreak run} against the stack, its output in the test's directory. */
  private Process controller(String name) {
    ProcessBuilder builder =
        new ProcessBuilder(
                "java",
                "-jar",
                JAR.toString(),
                "run",
                "--resync",
                "1s",
                "--table",
                stack.table,
                "--dynamodb-endpoint",
                stack.dynalite.endpoint().toString(),
                "--region",
                "us-east-1",
                "--ecs-endpoint",
                stack.ecs.endpoint().toString(),
                "--slack-api-url",
                stack.slackApi().toString(),
                "--slack-channel",
                Stack.CHANNEL)
            .redirectOutput(dir.resolve(name + ".out").toFile())
            .redirectError(dir.resolve(name + ".err").toFile());
    dev.daybreak.iam.RecordingJvm.record(builder);
    Map<String, String> env = builder.environment();
    env.put("SLACK_BOT_TOKEN", Stack.SLACK_TOKEN);
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    try {
      Files.createDirectories(dir);
      Process process = builder.start();
      process.getOutputStream().close();
      processes.add(process);
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
