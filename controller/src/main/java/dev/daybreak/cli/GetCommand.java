package dev.daybreak.cli;

import dev.daybreak.manifests.Calendars;
import dev.daybreak.model.Conditions;
import dev.daybreak.model.DependencyGraph;
import dev.daybreak.model.Durations;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.InvalidDesired;
import dev.daybreak.model.State;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.StateStore;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.store.StoredStatus;
import dev.daybreak.time.Times;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daybreak get envs}: one line per environment. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = {
      "Lists environments: NAME, PHASE, DESIRED, TIER, UNTIL, NEXT, AGE.",
      "PHASE is DesiredStateInvalid while the desired item cannot be used (describe says why).",
      "NEXT is the next change the controller makes by itself (a schedule edge, or an override"
          + " ending) and what it does, in the environment's schedule time zone."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      ExitCodes.PROBLEM_LINE,
      ExitCodes.USAGE_LINE,
      ExitCodes.STORE_LINE
    })
final class GetCommand implements Callable<Integer> {

  /** The resource type names {@code get} accepts, as kubectl accepts plural and singular. */
  static final Set<String> TYPES = Set.of("envs", "env", "environments", "environment");

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;
  @Mixin CalendarOptions calendarOptions;
  @Mixin SelectorOptions selector;

  @Parameters(
      index = "0",
      paramLabel = "TYPE",
      completionCandidates = Types.class,
      description = "envs (or env, environments, environment).")
  String type;

  @Parameters(
      index = "1..*",
      paramLabel = "NAME",
      description = "Only these environments. Default: all.")
  List<String> names = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "table|json|yaml",
      defaultValue = "table",
      description = "Output format. Default: ${DEFAULT-VALUE}.")
  OutputFormat output;

  private final CliContext context;

  GetCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (!TYPES.contains(type)) {
      throw new ParameterException(
          spec.commandLine(),
          "unknown resource type '" + type + "': daybreak get knows envs (environments)");
    }
    var out = spec.commandLine().getOut();
    try (var opened = store.open(context, spec.commandLine().getErr())) {
      StateStore s = opened.store();
      List<StoredEnvironment> environments = Selection.of(s, names, selector.selector());
      if (output != OutputFormat.TABLE) {
        out.println(Views.render(Views.list(environments), output));
        return ExitCodes.OK;
      }
      Instant now = context.clock().instant();
      Calendars calendars = calendarOptions.calendars();
      TextTable table = new TextTable("NAME", "PHASE", "DESIRED", "TIER", "UNTIL", "NEXT", "AGE");
      for (StoredEnvironment e : environments) {
        table.row(
            e.name(),
            e.status().map(st -> phase(st.status())).orElse("-"),
            desired(e.desired()),
            tier(e),
            until(e.desired(), now, context.zone()),
            ScheduleView.of(e, calendars, now).next(e, context.zone()),
            Durations.age(Duration.between(e.createdAt(), now)));
      }
      table.print(out, "");
      return ExitCodes.OK;
    }
  }

  /**
   * The phase, or, as kubectl shows a pod's reason in place of its phase, {@code
   * DesiredStateInvalid} while the desired item cannot be used ({@code describe} says why).
   */
  private static String phase(EnvironmentStatus status) {
    return InvalidDesired.isInvalid(status)
        ? Conditions.DESIRED_STATE_INVALID
        : status.phase().displayName();
  }

  private static String desired(DesiredRead read) {
    if (read instanceof DesiredRead.Valid valid) {
      State state = valid.stored().desired().state();
      return valid.stored().desired().isPartial() ? state + " (partial)" : state.name();
    }
    return read instanceof DesiredRead.Invalid ? "INVALID" : "-";
  }

  private static String tier(StoredEnvironment e) {
    int tiers = DependencyGraph.of(e.spec().spec().services()).tiers().size();
    return e.status()
        .map(StoredStatus::status)
        .filter(st -> st.currentTier() >= 0)
        .map(st -> st.currentTier() + " (of " + tiers + ")")
        .orElse("-");
  }

  private static String until(DesiredRead read, Instant now, ZoneId zone) {
    if (read instanceof DesiredRead.Valid valid) {
      return valid
          .stored()
          .desired()
          .until()
          .map(u -> Times.show(u, zone) + (u.isAfter(now) ? "" : " (expired)"))
          .orElse("-");
    }
    return "-";
  }

  /** Completion candidates for TYPE. */
  static final class Types extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Types() {
      super(List.of("envs", "environments"));
    }
  }
}
