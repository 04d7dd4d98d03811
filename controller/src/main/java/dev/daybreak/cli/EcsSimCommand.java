package dev.daybreak.cli;

import dev.daybreak.aws.AwsTarget;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.Faults;
import dev.daybreak.ecssim.Latency;
import dev.daybreak.ecssim.ScalingException;
import dev.daybreak.ecssim.SimException;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.ecssim.SimWorlds;
import dev.daybreak.ecssim.Suspension;
import dev.daybreak.ecssim.http.EcsSimServer;
import dev.daybreak.manifests.Manifest;
import dev.daybreak.manifests.ManifestException;
import dev.daybreak.manifests.Manifests;
import dev.daybreak.model.DurationRange;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.time.ScaledClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code daybreak ecs-sim}: the ECS simulator on its own, for any AWS client. */
@Command(
    name = "ecs-sim",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a simulated Amazon ECS on 127.0.0.1, speaking ECS's real API (awsJson1_1): the AWS"
          + " SDKs and the AWS CLI work against it with any credentials.",
      "Tasks take time to start, services can crash without the services they require, ECS's"
          + " throttling buckets apply, and faults can be injected (also at POST /_sim/faults)."
          + " Application Auto Scaling (AnyScaleFrontendService) is served on the same port."
          + " GET /_sim/calls lists every call received; GET /_sim/services the counts.",
      "Elastic Load Balancing v2's DescribeTargetHealth is served on the same port (Query"
          + " protocol): each --from service whose readiness is healthy gets a target group of its"
          + " own (or, with --container-health-check, a container health check); GET"
          + " /_sim/target-health lists every target's health changes.",
      "Runs until killed."
    })
final class EcsSimCommand implements Callable<Integer> {

  /** The highest TCP port. */
  private static final int MAX_PORT = 65_535;

  @Spec private CommandSpec spec;

  @Mixin private SimHealthOptions health;

  @Option(names = "--port", paramLabel = "PORT", description = "Port (default 0: a free one).")
  private int port;

  @Option(
      names = "--from",
      paramLabel = "MANIFEST",
      description =
          "Environment manifest(s): creates their clusters and services at desiredCount 0.")
  private List<Path> manifests = new ArrayList<>();

  @Option(
      names = "--start-latency",
      paramLabel = "[SERVICE=]LATENCY",
      description =
          "Launch to RUNNING: 20s, or a uniform range 15s..30s; per service with SERVICE=."
              + " Default 20s.")
  private List<String> startLatencies = new ArrayList<>();

  @Option(
      names = "--stop-latency",
      paramLabel = "[SERVICE=]LATENCY",
      description = "Stop to STOPPED, like --start-latency. Default 5s.")
  private List<String> stopLatencies = new ArrayList<>();

  @Option(
      names = "--time-scale",
      paramLabel = "N",
      defaultValue = "1",
      description = "Simulated seconds per real second, e.g. 60. Default 1.")
  private double timeScale;

  @Option(
      names = "--require",
      paramLabel = "SERVICE=REQUIRED[,REQUIRED...]",
      description =
          "SERVICE's tasks crash (Essential container in task exited) when they start while"
              + " REQUIRED has no running task.")
  private List<String> requires = new ArrayList<>();

  @Option(
      names = "--require-dependencies",
      description = "Every manifest service requires the services it dependsOn.")
  private boolean requireDependencies;

  @Option(
      names = "--crash-grace",
      paramLabel = "DURATION",
      defaultValue = "3s",
      description = "How long a task missing a required service runs before it exits. Default 3s.")
  private String crashGrace;

  @Option(
      names = "--relaunch-delay",
      paramLabel = "DURATION",
      defaultValue = "10s",
      description = "How soon ECS replaces a task that exited. Default 10s.")
  private String relaunchDelay;

  @Option(
      names = "--error-rate",
      paramLabel = "OPERATION=P",
      description = "Fail P (0..1) of OPERATION's calls (or * for all) with ServerException.")
  private List<String> errorRates = new ArrayList<>();

  @Option(
      names = "--latency",
      paramLabel = "OPERATION=DURATION",
      description = "Answer OPERATION's calls (or * for all) this much later (real time).")
  private List<String> latencies = new ArrayList<>();

  @Option(
      names = "--fail-to-start",
      paramLabel = "SERVICE",
      description = "SERVICE's tasks never start (CannotPullContainerError).")
  private List<String> failToStart = new ArrayList<>();

  @Option(
      names = "--blackout",
      paramLabel = "FROM..UNTIL",
      description =
          "Every call fails with ServerException from FROM until UNTIL (simulated time after"
              + " start), e.g. 10m..12m.")
  private String blackout;

  @Option(
      names = "--scalable-target",
      paramLabel = "SERVICE=MIN..MAX",
      description =
          "Registers an Application Auto Scaling target (min, max) for SERVICE of the --from"
              + " manifests (ECS service name), e.g. b=2..4: while dynamic scaling is not"
              + " suspended, a desiredCount below MIN is raised back to MIN after --scaling-delay.")
  private List<String> scalableTargets = new ArrayList<>();

  @Option(
      names = "--task-size",
      paramLabel = "SERVICE=CPU/MEMORY[/ARM64][/FARGATE_SPOT]",
      description =
          "Registers a task definition for SERVICE (an ECS service of a --from manifest) with"
              + " task-level CPU units and memory in MiB, e.g. api=512/1024 or"
              + " web=1024/2048/ARM64/FARGATE_SPOT (runtime platform ARM64; the service on the"
              + " FARGATE_SPOT capacity provider). Default for every service: 256/512, X86_64,"
              + " FARGATE. DescribeTaskDefinition answers with it.")
  private List<String> taskSizes = new ArrayList<>();

  @Option(
      names = "--scaling-delay",
      paramLabel = "DURATION",
      defaultValue = "5s",
      description =
          "How soon Application Auto Scaling moves a desiredCount back into its target's bounds."
              + " Default 5s.")
  private String scalingDelay;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "0",
      description = "Seeds ids, latency draws and injected errors. Default 0.")
  private long seed;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      defaultValue = "us-east-1",
      description = "Region in ARNs. Default us-east-1.")
  private String region;

  @Option(
      names = "--account-id",
      paramLabel = "ACCOUNT",
      defaultValue = "000000000000",
      description = "Account in ARNs. Default 000000000000.")
  private String accountId;

  @Option(
      names = "--role",
      paramLabel = "ROLE_ARN[=EXTERNAL_ID]",
      description =
          "An IAM role the STS stand-in (AssumeRole, on the same port) lets callers of"
              + " --account-id assume, with the external id its trust policy requires if given."
              + " Calls signed with the temporary keys it issues go to the role's account, in the"
              + " region of their signature; --from manifests on a cluster ARN or with spec.aws are"
              + " provisioned in their account and region.")
  private List<String> roles = new ArrayList<>();

  private final CountDownLatch stopped = new CountDownLatch(1);

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (port < 0 || port > MAX_PORT) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid value for option '--port': expected 0 (a free port) to "
              + MAX_PORT
              + ", got "
              + port);
    }
    PrintWriter err = spec.commandLine().getErr();
    List<Manifest> loaded = new ArrayList<>();
    try {
      for (Path p : manifests) {
        loaded.addAll(Manifests.load(p));
      }
    } catch (ManifestException e) {
      err.println(e.getMessage());
      return 1;
    }
    Clock clock = timeScale == 1 ? Clock.systemUTC() : scaledClock();
    EcsSimulator sim = new EcsSimulator(settings(loaded), clock);
    sim.setFaults(faults(clock.instant()));
    SimWorlds worlds = new SimWorlds(sim, clock);
    for (String r : roles) {
      addRole(worlds, r);
    }
    for (Manifest m : loaded) {
      AwsTarget target = AwsTarget.of(m.spec());
      worlds
          .world(target.account().orElse(accountId), target.regionOr(region))
          .provision(
              m.spec().cluster(),
              m.spec().services().stream().map(ServiceSpec::ecsService).toList());
    }
    health.provision(sim, loaded);
    for (String t : scalableTargets) {
      declare(sim, loaded, t);
    }
    for (String t : taskSizes) {
      size(sim, loaded, t);
    }
    try (EcsSimServer server = EcsSimServer.start(worlds, port)) {
      out.println("ecs-sim listening on " + server.endpoint());
      for (Manifest m : loaded) {
        out.println(
            "  cluster "
                + m.spec().cluster()
                + ": "
                + String.join(
                    ", ", m.spec().services().stream().map(ServiceSpec::ecsService).toList())
                + " (desiredCount 0)");
      }
      out.flush();
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "ecs-sim-shutdown"));
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** {@code --role ROLE_ARN[=EXTERNAL_ID]}: a role callers of the home account may assume. */
  private void addRole(SimWorlds worlds, String option) {
    int eq = option.indexOf('=');
    String arn = eq < 0 ? option : option.substring(0, eq);
    Optional<String> externalId = eq < 0 ? Optional.empty() : Optional.of(option.substring(eq + 1));
    try {
      worlds.addRole(new SimWorlds.Role(arn, accountId, externalId));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(),
          "--role " + option + ": " + e.getMessage() + ", optionally followed by =EXTERNAL_ID");
    }
  }

  /** {@code --scalable-target SERVICE=MIN..MAX}: a target for that service of a --from cluster. */
  private void declare(EcsSimulator sim, List<Manifest> loaded, String option) {
    String[] kv = pair("--scalable-target", option, "b=2..4");
    List<String> clusters =
        loaded.stream()
            .filter(m -> m.spec().services().stream().anyMatch(s -> s.ecsService().equals(kv[0])))
            .map(m -> m.spec().cluster())
            .distinct()
            .toList();
    if (clusters.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "--scalable-target "
              + option
              + ": no --from manifest has an ECS service named '"
              + kv[0]
              + "'");
    }
    int dots = kv[1].indexOf("..");
    int min;
    int max;
    try {
      min = Integer.parseInt(dots < 0 ? "" : kv[1].substring(0, dots));
      max = Integer.parseInt(kv[1].substring(dots + 2));
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw new ParameterException(
          spec.commandLine(),
          "--scalable-target " + option + ": expected SERVICE=MIN..MAX with integers, e.g. b=2..4");
    }
    for (String cluster : clusters) {
      try {
        sim.autoScaling().declare(cluster, kv[0], min, max, Suspension.NONE);
      } catch (ScalingException e) {
        throw new ParameterException(
            spec.commandLine(), "--scalable-target " + option + ": " + e.getMessage());
      }
    }
  }

  /** {@code --task-size SERVICE=CPU/MEMORY[/ARM64][/FARGATE_SPOT]} for a --from service. */
  private void size(EcsSimulator sim, List<Manifest> loaded, String option) {
    String example = "api=512/1024 or web=1024/2048/ARM64/FARGATE_SPOT";
    String[] kv = pair("--task-size", option, example);
    List<String> clusters =
        loaded.stream()
            .filter(m -> m.spec().services().stream().anyMatch(s -> s.ecsService().equals(kv[0])))
            .map(m -> m.spec().cluster())
            .distinct()
            .toList();
    if (clusters.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "--task-size "
              + option
              + ": no --from manifest has an ECS service named '"
              + kv[0]
              + "'");
    }
    String[] parts = kv[1].split("/");
    int cpu;
    int memory;
    try {
      cpu = Integer.parseInt(parts[0]);
      memory = Integer.parseInt(parts.length > 1 ? parts[1] : "");
    } catch (NumberFormatException e) {
      throw new ParameterException(
          spec.commandLine(),
          "--task-size " + option + ": expected SERVICE=CPU/MEMORY with integers, e.g. " + example);
    }
    String arch = "X86_64";
    String capacity = "FARGATE";
    for (int i = 2; i < parts.length; i++) {
      switch (parts[i]) {
        case "ARM64", "X86_64" -> arch = parts[i];
        case "FARGATE_SPOT", "FARGATE" -> capacity = parts[i];
        default ->
            throw new ParameterException(
                spec.commandLine(),
                "--task-size "
                    + option
                    + ": unknown '"
                    + parts[i]
                    + "'; after CPU/MEMORY give ARM64 or X86_64, and FARGATE_SPOT or FARGATE");
      }
    }
    for (String cluster : clusters) {
      try {
        sim.defineTaskSize(cluster, kv[0], cpu, memory, arch, capacity);
      } catch (SimException e) {
        throw new ParameterException(
            spec.commandLine(), "--task-size " + option + ": " + e.getMessage());
      }
    }
  }

  private Clock scaledClock() {
    try {
      return ScaledClock.of(Clock.systemUTC(), timeScale);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--time-scale: " + e.getMessage());
    }
  }

  private SimSettings settings(List<Manifest> loaded) {
    SimSettings.Builder b =
        SimSettings.builder()
            .seed(seed)
            .region(region)
            .accountId(accountId)
            .crashGrace(duration("--crash-grace", crashGrace))
            .relaunchDelay(duration("--relaunch-delay", relaunchDelay))
            .scalingDelay(duration("--scaling-delay", scalingDelay));
    health.configure(b);
    for (String s : startLatencies) {
      Optional<String> service = key(s);
      Latency latency = latency("--start-latency", s);
      service.ifPresentOrElse(n -> b.startLatency(n, latency), () -> b.startLatency(latency));
    }
    for (String s : stopLatencies) {
      Optional<String> service = key(s);
      Latency latency = latency("--stop-latency", s);
      service.ifPresentOrElse(n -> b.stopLatency(n, latency), () -> b.stopLatency(latency));
    }
    for (String r : requires) {
      String[] kv = pair("--require", r, "b=a or b=a,c");
      for (String required : kv[1].split(",")) {
        require(b, "--require " + r, kv[0], required.trim());
      }
    }
    if (requireDependencies) {
      for (Manifest m : loaded) {
        for (ServiceSpec s : m.spec().services()) {
          for (String dep : s.dependsOn()) {
            m.spec().service(dep).ifPresent(d -> b.require(s.ecsService(), d.ecsService()));
          }
        }
      }
    }
    return b.build();
  }

  private Faults faults(Instant start) {
    Map<String, Double> rates = new HashMap<>();
    for (String e : errorRates) {
      String[] kv = pair("--error-rate", e, "DescribeServices=0.1");
      try {
        rates.put(kv[0], Double.parseDouble(kv[1]));
      } catch (NumberFormatException ex) {
        throw new ParameterException(
            spec.commandLine(),
            "--error-rate " + e + ": '" + kv[1] + "' is not a number in [0, 1]");
      }
    }
    Map<String, Duration> delays = new HashMap<>();
    for (String l : latencies) {
      String[] kv = pair("--latency", l, "UpdateService=200ms");
      delays.put(kv[0], duration("--latency " + l, kv[1]));
    }
    Optional<Faults.Blackout> window = Optional.ofNullable(blackout).map(b -> blackout(b, start));
    try {
      return new Faults(rates, delays, Set.copyOf(failToStart), window);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private Faults.Blackout blackout(String text, Instant start) {
    int dots = text.indexOf("..");
    if (dots < 0) {
      throw new ParameterException(
          spec.commandLine(), "--blackout " + text + ": expected FROM..UNTIL, e.g. 10m..12m");
    }
    Duration from = duration("--blackout", text.substring(0, dots));
    Duration until = duration("--blackout", text.substring(dots + 2));
    try {
      return new Faults.Blackout(start.plus(from), start.plus(until));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "--blackout " + text + ": " + e.getMessage());
    }
  }

  private void require(SimSettings.Builder b, String option, String service, String required) {
    try {
      b.require(service, required);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }

  private static Optional<String> key(String value) {
    int eq = value.indexOf('=');
    return eq < 0 ? Optional.empty() : Optional.of(value.substring(0, eq));
  }

  private Latency latency(String option, String value) {
    String text = value.substring(value.indexOf('=') + 1);
    try {
      return Latency.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), option + " " + value + ": " + e.getMessage());
    }
  }

  private Duration duration(String option, String text) {
    try {
      return DurationRange.nonNegative().parse(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }

  private String[] pair(String option, String value, String example) {
    int eq = value.indexOf('=');
    if (eq <= 0 || eq == value.length() - 1) {
      throw new ParameterException(
          spec.commandLine(), option + " " + value + ": expected KEY=VALUE, e.g. " + example);
    }
    return new String[] {value.substring(0, eq), value.substring(eq + 1)};
  }
}
