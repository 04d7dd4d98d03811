package dev.daybreak.cli;

import dev.daybreak.manifests.Calendars;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.Durations;
import dev.daybreak.model.State;
import dev.daybreak.model.schedule.Edge;
import dev.daybreak.model.schedule.Resolution;
import dev.daybreak.model.schedule.Schedule;
import dev.daybreak.store.StoredEnvironment;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daybreak schedule NAME}: the coming edges, holidays and overrides, in local time. */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description = {
      "Lists an environment's coming schedule edges in its time zone: when it wakes and sleeps,"
          + " wakes skipped for holidays, and an active manual override and when it ends.",
      "It is what the controller computes: the same schedule, calendars and measured wake lead."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      ExitCodes.PROBLEM_LINE,
      ExitCodes.USAGE_LINE,
      ExitCodes.STORE_LINE
    })
final class ScheduleCommand implements Callable<Integer> {

  /** The longest look ahead: a schedule repeats weekly, holidays yearly. */
  static final int MAX_DAYS = 366;

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;
  @Mixin CalendarOptions calendarOptions;

  @Parameters(index = "0", paramLabel = "NAME", description = "The environment.")
  String name;

  @Option(
      names = "--days",
      paramLabel = "N",
      defaultValue = "7",
      description = "How many days ahead, 1 to " + MAX_DAYS + ". Default: ${DEFAULT-VALUE}.")
  int days;

  private final CliContext context;

  ScheduleCommand(CliContext context) {
    this.context = context;
  }

  /** One line of the listing. */
  private record Row(Instant at, String does, String why) {}

  @Override
  public Integer call() {
    if (days < 1 || days > MAX_DAYS) {
      throw new ParameterException(
          spec.commandLine(), "--days must be between 1 and " + MAX_DAYS + ", was " + days);
    }
    Calendars calendars = calendarOptions.calendars();
    PrintWriter out = spec.commandLine().getOut();
    try (var opened = store.open(context, spec.commandLine().getErr())) {
      StoredEnvironment environment = Lookup.environment(opened.store(), name);
      Instant now = context.clock().instant();
      ScheduleView view = ScheduleView.of(environment, calendars, now);
      if (view.problem().isPresent()) {
        throw new CliException(
            ExitCodes.PROBLEM,
            "environment '"
                + name
                + "': the schedule cannot be compiled ("
                + view.problem().get()
                + "); pass the directory of its calendars with --calendars");
      }
      ZoneId zone = view.zone(context.zone());
      out.println(
          "environment/"
              + name
              + view.schedule().map(s -> " (" + s.zone() + ")").orElse("")
              + " now "
              + ScheduleView.LOCAL.format(now.atZone(zone))
              + ": "
              + view.now().map(r -> r.state() + " (" + why(r) + ")").orElse("nothing desired"));
      view.now().ifPresent(r -> override(r, zone).ifPresent(out::println));
      if (view.schedule().isEmpty()) {
        out.println("no schedule: the environment changes only when someone asks");
        out.flush();
        return ExitCodes.OK;
      }
      boolean prewarms =
          environment.spec().spec().schedule().orElseThrow().windows().stream()
              .anyMatch(w -> w.wakeBy().isPresent());
      if (prewarms) {
        out.println(
            "wakeBy lead: "
                + Durations.format(view.schedule().orElseThrow().wakeLead())
                + " (p90 of the measured wakes, or the manifest's estimate)");
      }
      List<Row> rows = rows(view, now, now.plus(Duration.ofDays(days)), zone);
      if (rows.isEmpty()) {
        out.println("no edges in the next " + days + " day(s)");
      } else {
        TextTable table = new TextTable("WHEN", "DOES", "WHY");
        rows.forEach(
            r -> table.row(ScheduleView.LOCAL.format(r.at().atZone(zone)), r.does(), r.why()));
        table.print(out, "");
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  private static List<Row> rows(ScheduleView view, Instant from, Instant to, ZoneId zone) {
    Schedule schedule = view.schedule().orElseThrow();
    Resolution now = view.now().orElseThrow();
    boolean governing =
        now.reason() == Resolution.Reason.OVERRIDE || now.reason() == Resolution.Reason.PINNED;
    Optional<Instant> overrideEnds = governing ? now.overrideUntil() : Optional.empty();
    List<Row> rows = new ArrayList<>();
    for (Edge edge : schedule.edgesBetween(from, to)) {
      boolean overridden = governing && overrideEnds.map(edge.at()::isBefore).orElse(true);
      rows.add(
          new Row(edge.at(), does(edge) + (overridden ? " (overridden)" : ""), why(edge, zone)));
    }
    overrideEnds
        .filter(end -> end.isBefore(to) && !end.isBefore(from))
        .ifPresent(
            end ->
                rows.add(
                    new Row(
                        end,
                        "override ends",
                        "by " + now.desired().requestedBy() + "; the schedule decides again")));
    rows.sort(Comparator.comparing(Row::at));
    return rows;
  }

  static String does(Edge edge) {
    if (!edge.fired()) {
      return "stay asleep";
    }
    return edge.to() == State.AWAKE ? "wake" : "sleep";
  }

  static String why(Edge edge, ZoneId zone) {
    if (edge.reason() == Edge.Reason.HOLIDAY) {
      return "holiday" + edge.holiday().filter(h -> !h.isBlank()).map(h -> ": " + h).orElse("");
    }
    return edge.awakeBy()
        .map(by -> "wakeBy " + ScheduleView.LOCAL.format(by.atZone(zone)))
        .orElse("schedule");
  }

  private static String why(Resolution r) {
    return r.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static Optional<String> override(Resolution r, ZoneId zone) {
    if (r.reason() != Resolution.Reason.OVERRIDE && r.reason() != Resolution.Reason.PINNED) {
      return Optional.empty();
    }
    DesiredState d = r.desired();
    return Optional.of(
        "override: "
            + d.state()
            + " by "
            + d.requestedBy()
            + (d.reason().isEmpty() ? "" : " (\"" + d.reason() + "\")")
            + (r.reason() == Resolution.Reason.PINNED ? ", pinned" : "")
            + r.overrideUntil()
                .map(u -> " until " + ScheduleView.LOCAL.format(u.atZone(zone)))
                .orElse(" until changed"));
  }
}
