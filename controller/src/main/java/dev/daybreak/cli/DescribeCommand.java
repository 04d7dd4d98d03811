package dev.daybreak.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daybreak.model.Condition;
import dev.daybreak.model.DependencyGraph;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.ServiceReadiness;
import dev.daybreak.model.ServiceSpec;
import dev.daybreak.store.AuditEntry;
import dev.daybreak.store.DesiredRead;
import dev.daybreak.store.StoredEnvironment;
import dev.daybreak.time.Times;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daybreak describe env NAME}: everything about one environment. */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description =
        "Shows one environment: its spec and tiers, desired state, status (conditions,"
            + " per-service counts), and the newest audit entries.",
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      ExitCodes.PROBLEM_LINE,
      ExitCodes.USAGE_LINE,
      ExitCodes.STORE_LINE
    })
final class DescribeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  @Parameters(
      index = "0",
      paramLabel = "TYPE",
      completionCandidates = GetCommand.Types.class,
      description = "env (or envs, environment, environments).")
  String type;

  @Parameters(index = "1", paramLabel = "NAME", description = "The environment.")
  String name;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "table|json|yaml",
      defaultValue = "table",
      description = "Output format. Default: ${DEFAULT-VALUE} (a text description).")
  OutputFormat output;

  @Option(
      names = "--audit",
      paramLabel = "N",
      defaultValue = "10",
      description = "How many audit entries to show, newest first. Default: ${DEFAULT-VALUE}.")
  int auditEntries;

  private final CliContext context;

  DescribeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (!GetCommand.TYPES.contains(type)) {
      throw new ParameterException(
          spec.commandLine(),
          "unknown resource type '" + type + "': daybreak describe knows env (environment)");
    }
    if (auditEntries < 1) {
      throw new ParameterException(
          spec.commandLine(), "--audit must be 1 or more, was " + auditEntries);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (var opened = store.open(context, spec.commandLine().getErr())) {
      StoredEnvironment environment = Lookup.environment(opened.store(), name);
      List<AuditEntry> audit = opened.store().audit(name, auditEntries);
      if (output != OutputFormat.TABLE) {
        ObjectNode node = Views.environment(environment);
        node.set("audit", Views.audit(audit));
        out.println(Views.render(node, output));
        return ExitCodes.OK;
      }
      describe(environment, audit, out, context.zone());
      return ExitCodes.OK;
    }
  }

  private static void describe(
      StoredEnvironment e, List<AuditEntry> audit, PrintWriter out, ZoneId zone) {
    DependencyGraph graph = DependencyGraph.of(e.spec().spec().services());
    out.println("Name:         " + e.name());
    out.println("Cluster:      " + e.spec().spec().cluster());
    out.println(
        "Generation:   "
            + e.spec().generation()
            + " (applied "
            + Times.show(e.appliedAt(), zone)
            + ", created "
            + Times.show(e.createdAt(), zone)
            + ")");
    List<String> tiers = new ArrayList<>();
    for (int i = 0; i < graph.tiers().size(); i++) {
      tiers.add(i + ": " + String.join(", ", graph.tiers().get(i)));
    }
    out.println("Tiers:        " + String.join("  |  ", tiers));
    out.println("Desired:      " + desired(e.desired(), zone));
    if (e.desired() instanceof DesiredRead.Valid valid) {
      DesiredState d = valid.stored().desired();
      out.println(
          "  Requested:  by "
              + d.requestedBy()
              + " at "
              + Times.show(d.requestedAt(), zone)
              + (d.reason().isEmpty() ? "" : ": \"" + d.reason() + "\"")
              + " (version "
              + valid.stored().version()
              + ")");
      if (valid.handEdited()) {
        out.println(
            "  Note:       edited by hand in DynamoDB; the controller records it on its next pass");
      }
    }
    if (e.status().isEmpty()) {
      out.println("Status:       none yet (the controller has not reconciled it)");
    } else {
      EnvironmentStatus status = e.status().get().status();
      out.println(
          "Status:       "
              + status.phase().displayName()
              + status.target().map(t -> " toward " + t).orElse("")
              + (status.currentTier() >= 0
                  ? ", tier " + status.currentTier() + " (of " + graph.tiers().size() + ")"
                  : "")
              + ", observed generation "
              + status.observedGeneration()
              + status.operationStartedAt().map(t -> ", since " + Times.show(t, zone)).orElse(""));
      services(e, graph, status.services(), out, zone);
      conditions(status.conditions(), out, zone);
    }
    out.println("Audit (newest first):");
    if (audit.isEmpty()) {
      out.println("  none");
      return;
    }
    TextTable table = new TextTable("WHEN", "WHO", "VIA", "FROM", "TO", "UNTIL", "REASON");
    for (AuditEntry entry : audit) {
      table.row(
          Times.show(entry.at(), zone),
          entry.who(),
          entry.via().wireName()
              + (entry.defaulted().isEmpty()
                  ? ""
                  : " (defaulted " + String.join(", ", entry.defaulted()) + ")"),
          entry.from().map(Enum::name).orElse("-"),
          entry.to().name(),
          entry.until().map(u -> Times.show(u, zone)).orElse("-"),
          entry.reason());
    }
    table.print(out, "  ");
  }

  private static String desired(DesiredRead read, ZoneId zone) {
    if (read instanceof DesiredRead.Valid valid) {
      DesiredState d = valid.stored().desired();
      return d.state()
          + d.until().map(u -> " until " + Times.show(u, zone)).orElse("")
          + (d.services().isEmpty()
              ? " (all services)"
              : " (services " + String.join(", ", d.services().stream().sorted().toList()) + ")")
          + (valid.stored().pinned() ? ", pinned against the schedule" : "");
    }
    if (read instanceof DesiredRead.Invalid invalid) {
      return "INVALID: "
          + invalid.reason()
          + " (version "
          + invalid.version()
          + "); the controller ignores it until it is fixed or replaced by daybreak wake/sleep";
    }
    return "none (the schedule decides)";
  }

  private static void services(
      StoredEnvironment e,
      DependencyGraph graph,
      Map<String, ServiceReadiness> readiness,
      PrintWriter out,
      ZoneId zone) {
    out.println("Services:");
    TextTable table =
        new TextTable(
            "TIER",
            "SERVICE",
            "ECS SERVICE",
            "READY",
            "RUNNING",
            "DESIRED",
            "TARGET",
            "FAILED",
            "WAITING SINCE");
    for (ServiceSpec service : e.spec().spec().services()) {
      ServiceReadiness r = readiness.get(service.name());
      table.row(
          Integer.toString(graph.tierOf(service.name())),
          service.name(),
          service.ecsService(),
          r == null ? "?" : r.ready() ? "yes" : "no",
          r == null ? "?" : Integer.toString(r.runningCount()),
          r == null ? "?" : Integer.toString(r.desiredCount()),
          r == null ? "?" : Integer.toString(r.target()),
          r == null ? "?" : Integer.toString(r.failedTasks()),
          r == null ? "-" : r.waitingSince().map(t -> Times.show(t, zone)).orElse("-"));
    }
    table.print(out, "  ");
  }

  private static void conditions(List<Condition> conditions, PrintWriter out, ZoneId zone) {
    out.println("Conditions:");
    if (conditions.isEmpty()) {
      out.println("  none");
      return;
    }
    TextTable table = new TextTable("TYPE", "STATUS", "REASON", "SINCE", "MESSAGE");
    for (Condition c : conditions) {
      table.row(
          c.type(),
          c.status().name(),
          c.reason(),
          Times.show(c.lastTransitionTime(), zone),
          c.message());
    }
    table.print(out, "  ");
  }
}
