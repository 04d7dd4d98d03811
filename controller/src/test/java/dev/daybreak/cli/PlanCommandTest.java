package dev.daybreak.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.http.EcsSimServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code daybreak plan} in-process: the memory store, the ECS simulator over HTTP. */
class PlanCommandTest {

  @TempDir Path dir;
  private final Cli cli = new Cli();
  private EcsSimulator simulator;
  private EcsSimServer sim;

  @BeforeEach
  void start() throws IOException {
    simulator = new EcsSimulator(SimSettings.builder().build(), cli.clock);
    simulator.provision("dev", List.of("a", "b", "c"));
    sim = EcsSimServer.start(simulator, 0);
    assertThat(
            cli.memory("apply", "-f", Fixtures.write(dir, "seed.yaml", Fixtures.SEED).toString())
                .exitCode())
        .isZero();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private Cli.Result plan(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "plan";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--ecs-endpoint";
    all[args.length + 2] = sim.endpoint().toString();
    return cli.memory(all);
  }

  @Test
  void plan_asleepWithAPartialWhatIf_callsTheClosuresFirstTier_andWritesNothing() {
    List<Map<String, AttributeValue>> before = cli.store.scanByHand();

    Cli.Result result = plan("seed", "--awake", "--services", "b");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("desired: AWAKE (--awake --services b: what if)\n")
        .contains("next pass: 1 call(s)\n  UpdateService cluster dev service a desiredCount 1")
        .contains("left as it is (not asked for)");
    assertThat(cli.store.scanByHand()).isEqualTo(before);
    assertThat(simulator.calls()).extracting(c -> c.op()).containsOnly("DescribeServices");
  }

  @Test
  void plan_nothingDesired_saysTheControllerDoesNothing_andHowToAsk() {
    Cli.Result result = plan("seed");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "environment/seed: nothing is desired and no schedule governs, so the controller does"
                + " nothing; pass --awake or --asleep to see what a wake or a sleep would do\n");
  }

  @Test
  void plan_badInput_namesWhatWouldBeValid_andObservesNothing() {
    Cli.Result both = plan("seed", "--awake", "--asleep");
    Cli.Result unknownService = plan("seed", "--services", "x");
    Cli.Result sleepSome = plan("seed", "--asleep", "--services", "b");
    Cli.Result badTime = plan("seed", "--awake", "--at", "soon");
    Cli.Result unknownEnv = plan("nope", "--awake");

    assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(both.err()).contains("--awake and --asleep: choose one");
    assertThat(unknownService.exitCode()).isEqualTo(ExitCodes.PROBLEM);
    assertThat(unknownService.err())
        .contains("environment 'seed' has no service 'x' (its services: a, b, c)");
    assertThat(sleepSome.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(sleepSome.err()).contains("--services goes with --awake");
    assertThat(badTime.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badTime.err()).contains("--at 'soon': expected a time such as 18:30");
    assertThat(unknownEnv.exitCode()).isEqualTo(ExitCodes.PROBLEM);
    assertThat(unknownEnv.err()).contains("unknown environment 'nope'");
    assertThat(simulator.calls()).isEmpty();
  }
}
