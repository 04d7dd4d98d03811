package dev.daybreak.cli;

import dev.daybreak.ecs.EcsException;
import dev.daybreak.ecs.SdkEcsGateway;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentSpec;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.Readiness;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.model.State;
import dev.daybreak.model.schedule.Edge;
import dev.daybreak.model.schedule.Resolution;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.store.StoredStatus;
import dev.daybreak.time.Times;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code daybreak plan ENV}: what the controller would do now, from the store and ECS, without
 * doing it. Reads only (the store's items, DescribeServices); the plan is the real planner's.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Shows what the controller would do with an environment now, without doing it: the tiers,"
          + " each service's current and target counts, the UpdateService calls of the next pass"
          + " and why, what waits on what, the schedule's next edges and how long a wake takes"
          + " (from the measured wakes).",
      "It only reads: the store's items and ECS's DescribeServices. Nothing is written anywhere."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      ExitCodes.PROBLEM_LINE,
      ExitCodes.USAGE_LINE,
      ExitCodes.STORE_LINE
    })
final class PlanCommand implements Callable<Integer> {

  /** How far ahead the schedule's edges are looked for. */
  static final Duration EDGES_AHEAD = Duration.ofDays(7);

  /** How many of the coming edges are shown. */
  static final int EDGES_SHOWN = 3;

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;
  @Mixin EcsOptions ecs;
  @Mixin CalendarOptions calendars;

  @Parameters(index = "0", paramLabel = "ENV", description = "The environment.")
  String name;

  @Option(
      names = "--awake",
      description = "Plan a wake, whatever the desired state is (what if someone woke it now).")
  boolean awake;

  @Option(names = "--asleep", description = "Plan a sleep, whatever the desired state is.")
  boolean asleep;

  @Option(
      names = "--services",
      paramLabel = "SERVICE",
      split = ",",
      description = "With --awake (implied): wake only these and what they depend on.")
  List<String> services = new ArrayList<>();

  @Option(
      names = "--at",
      paramLabel = "TIME",
      description =
          "Plan as of this time instead of now (schedule and overrides are read at it): "
              + Times.UNTIL_EXPECTED
              + ". ECS is observed as it is now.")
  String at;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "table|json|yaml",
      defaultValue = "table",
      description = "Output format. Default: ${DEFAULT-VALUE}.")
  OutputFormat output;

  private final CliContext context;

  PlanCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (awake && asleep) {
      throw new ParameterException(spec.commandLine(), "--awake and --asleep: choose one");
    }
    if (asleep && !services.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "--services goes with --awake: a sleep puts the whole environment to sleep");
    }
    Instant when = when();
    PrintWriter out = spec.commandLine().getOut();
    try (var opened = store.open(context, spec.commandLine().getErr())) {
      StoredEnvironment environment = Lookup.environment(opened.store(), name);
      EnvironmentSpec envSpec = environment.spec().spec();
      ScheduleView view = ScheduleView.of(environment, calendars.calendars(), when);
      ZoneId zone = view.zone(context.zone());
      Optional<Asked> asked = asked(environment, view, when);
      if (asked.isEmpty()) {
        out.println(
            "environment/"
                + name
                + ": nothing is desired and no schedule governs, so the controller does nothing;"
                + " pass --awake or --asleep to see what a wake or a sleep would do");
        out.flush();
        return ExitCodes.OK;
      }
      Map<String, ObservedService> observed = observe(envSpec);
      EnvironmentStatus before =
          environment.status().map(StoredStatus::status).orElse(EnvironmentStatus.initial());
      List<Edge> edges =
          view
              .schedule()
              .map(s -> s.edgesBetween(when, when.plus(EDGES_AHEAD)))
              .orElse(List.of())
              .stream()
              .limit(EDGES_SHOWN)
              .toList();
      PlanReport report =
          PlanReport.of(
              envSpec, asked.get().desired(), asked.get().why(), observed, before, edges, when);
      if (output == OutputFormat.TABLE) {
        PlanView.text(report, zone, out);
      } else {
        out.println(Views.render(PlanView.tree(report), output));
        out.flush();
      }
      return ExitCodes.OK;
    }
  }

  /** What to plan for, and where it comes from. */
  private record Asked(DesiredState desired, String why) {}

  private Optional<Asked> asked(StoredEnvironment environment, ScheduleView view, Instant when) {
    if (awake || asleep || !services.isEmpty()) {
      EnvironmentSpec envSpec = environment.spec().spec();
      List<String> known = envSpec.services().stream().map(ServiceSpec::name).toList();
      for (String s : services) {
        if (!known.contains(s)) {
          throw new CliException(
              ExitCodes.PROBLEM,
              "environment '"
                  + name
                  + "' has no service '"
                  + s
                  + "' (its services: "
                  + String.join(", ", known)
                  + ")");
        }
      }
      State state = asleep ? State.ASLEEP : State.AWAKE;
      String why =
          (asleep ? "--asleep" : "--awake")
              + (services.isEmpty() ? "" : " --services " + String.join(",", services))
              + ": what if";
      return Optional.of(
          new Asked(
              new DesiredState(
                  state, Optional.empty(), Set.copyOf(services), context.user(), "plan", when),
              why));
    }
    if (environment.desired() instanceof DesiredRead.Invalid invalid) {
      throw new CliException(
          ExitCodes.PROBLEM,
          "environment '"
              + name
              + "': its desired item cannot be used ("
              + invalid.reason()
              + "), so the controller does nothing until it is fixed; pass --awake or --asleep to"
              + " see what a wake or a sleep would do");
    }
    if (view.problem().isPresent()) {
      throw new CliException(
          ExitCodes.PROBLEM,
          "environment '"
              + name
              + "': the schedule cannot be compiled ("
              + view.problem().get()
              + "); pass the directory of its calendars with --calendars");
    }
    return view.now().map(r -> new Asked(r.desired(), why(r)));
  }

  private static String why(Resolution r) {
    DesiredState d = r.desired();
    String by = "by " + d.requestedBy() + (d.reason().isEmpty() ? "" : " (\"" + d.reason() + "\")");
    return switch (r.reason()) {
      case OVERRIDE -> "a manual change " + by + ", overriding the schedule";
      case PINNED -> "a manual change " + by + ", pinned against the schedule";
      case OVERRIDE_EXPIRED -> "the schedule: the manual change has expired";
      case SCHEDULE -> "the schedule";
      case HOLIDAY -> "the schedule: a wake skipped for a holiday";
      case STORED -> "the desired item, set " + by;
    };
  }

  private Map<String, ObservedService> observe(EnvironmentSpec envSpec) {
    try (SdkEcsGateway gateway =
        SdkEcsGateway.create(ecs.endpoint(store.region()), ecs.gateway())) {
      return gateway.observe(
          envSpec.cluster(),
          envSpec.services().stream().map(ServiceSpec::ecsService).toList(),
          envSpec.services().stream()
              .filter(s -> s.readiness() == Readiness.HEALTHY)
              .map(ServiceSpec::ecsService)
              .collect(Collectors.toSet()));
    } catch (EcsException e) {
      throw new CliException(
          ExitCodes.PROBLEM,
          "environment '"
              + name
              + "': ECS could not be described in cluster '"
              + envSpec.cluster()
              + "': "
              + e.getMessage());
    }
  }

  private Instant when() {
    if (at == null) {
      return context.clock().instant();
    }
    return Times.until(at, context.clock(), context.zone())
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(), "--at '" + at + "': expected " + Times.UNTIL_EXPECTED));
  }
}
