package dev.daybreak.cli;

import dev.daybreak.ecssim.Latency;
import dev.daybreak.manifests.Manifest;
import dev.daybreak.manifests.ManifestException;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.sandbox.Sandbox;
import dev.daybreak.sandbox.SandboxOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code daybreak sandbox}: the whole thing in this process, on the seed environment. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "Runs everything in this process, no AWS account needed: the ECS simulator (over real HTTP on"
          + " loopback, with the seed's failure: a service crashes while a service it depends on"
          + " is not running), an in-memory store, the controller, and Slack messages printed"
          + " here.",
      "It wakes the environment tier by tier next to a naive all-at-once wake of the same"
          + " environment, then puts it to sleep in reverse, and shows both side by side.",
      "Without -f it uses the seed environment (manifests/examples/seed.yaml).",
      "readiness: healthy services get target groups checked every 10s, healthy after 2 passes;"
          + " the one with the most replicas gets a scalable target (min replicas-1, max twice"
          + " them), registered once awake: the environment then stays asleep 10 minutes and wakes"
          + " again, to show the target suspended while asleep and restored on wake."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:daybreak did not wake and sleep the environment cleanly (a failed task, or a timeout)",
      ExitCodes.USAGE_LINE
    })
final class SandboxCommand implements Callable<Integer> {

  static final String SEED_RESOURCE = "/dev/daybreak/manifests/examples/seed.yaml";
  static final String DEFAULT_LATENCY = "15s..35s";
  static final String SEED_SLOW_SERVICE = "a=40s..60s";

  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "MANIFEST",
      description = "The environment.")
  Path file;

  @Option(
      names = "--speed",
      paramLabel = "N",
      defaultValue = "20",
      description = "Run time N times faster than real time. Default: ${DEFAULT-VALUE}.")
  double speed;

  @Option(
      names = "--start-latency",
      paramLabel = "[SERVICE=]LATENCY",
      description = {
        "How long a task takes to start: 30s, or a uniform range 15s..35s; per ECS service with"
            + " SERVICE=. Repeatable.",
        "Default: 15s..35s, and for the built-in seed environment a=40s..60s (a stands for the"
            + " database the others need: it starts slowest, which is what breaks the naive wake)."
      })
  List<String> startLatencies = new ArrayList<>();

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "The simulator's random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--limit",
      paramLabel = "DURATION",
      defaultValue = "30m",
      converter = DurationConverter.Positive.class,
      description =
          "Give up on a wake or a sleep after this long (simulated). Default: ${DEFAULT-VALUE}.")
  Duration limit;

  @Option(
      names = "--exit-when-settled",
      description =
          "Exit after the demo instead of offering a prompt (no prompt without a terminal).")
  boolean exitWhenSettled;

  private final CliContext context;

  SandboxCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    Manifest manifest;
    try {
      manifest = manifest();
    } catch (ManifestException e) {
      err.println(e.getMessage());
      return ExitCodes.PROBLEM;
    }
    SandboxOptions options;
    try {
      options =
          new SandboxOptions(
              manifest, speed, latency(), perService(), seed, limit, exitWhenSettled);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Optional<BufferedReader> in =
        context.terminal()
            ? Optional.of(
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)))
            : Optional.empty();
    return new Sandbox(options, System.out).run(in);
  }

  /** The latency for every service not named with SERVICE=. */
  private Latency latency() {
    return latencyArguments().stream()
        .filter(a -> !a.contains("="))
        .reduce((first, second) -> second)
        .map(this::parseLatency)
        .orElse(Latency.parse(DEFAULT_LATENCY));
  }

  private Map<String, Latency> perService() {
    Map<String, Latency> latencies = new LinkedHashMap<>();
    for (String a : latencyArguments()) {
      int eq = a.indexOf('=');
      if (eq > 0) {
        latencies.put(a.substring(0, eq), parseLatency(a.substring(eq + 1)));
      }
    }
    return latencies;
  }

  private List<String> latencyArguments() {
    List<String> all = new ArrayList<>();
    if (file == null) {
      all.add(SEED_SLOW_SERVICE);
    }
    all.addAll(startLatencies);
    return all;
  }

  private Latency parseLatency(String text) {
    try {
      return Latency.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(),
          "--start-latency '"
              + text
              + "': "
              + e.getMessage()
              + " (e.g. 30s, 15s..35s, a=40s..60s)");
    }
  }

  private Manifest manifest() {
    List<Manifest> loaded = file == null ? seed() : Manifests.load(file);
    if (loaded.size() != 1) {
      throw new ParameterException(
          spec.commandLine(),
          "-f must hold exactly one Environment for the sandbox; "
              + file
              + " holds "
              + loaded.size());
    }
    return loaded.get(0);
  }

  private static List<Manifest> seed() {
    try (InputStream in = Manifests.class.getResourceAsStream(SEED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the seed manifest " + SEED_RESOURCE + " is not on the classpath");
      }
      return Manifests.parse(
          "seed.yaml (built in)", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
