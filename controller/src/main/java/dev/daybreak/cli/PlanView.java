package dev.daybreak.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daybreak.model.Durations;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.State;
import dev.daybreak.model.schedule.Edge;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@link PlanReport} for people (text) and scripts (JSON). */
final class PlanView {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PlanView() {}

  /** The plan as text, times in {@code zone}. */
  static void text(PlanReport p, ZoneId zone, PrintWriter out) {
    out.println(
        "environment/"
            + p.environment()
            + " (cluster "
            + p.cluster()
            + ") at "
            + ScheduleView.LOCAL.format(p.at().atZone(zone))
            + " "
            + zone.getId()
            + ": a plan only; nothing is written, ECS is only described");
    out.println("desired: " + p.desired().state() + " (" + p.why() + ")");
    out.println(
        "status:  "
            + phase(p.before())
            + " as last written; after the next pass: "
            + phase(p.plan().status()));
    List<String> tiers = new ArrayList<>();
    for (int i = 0; i < p.tiers().size(); i++) {
      tiers.add(i + ": " + String.join(", ", p.tiers().get(i)));
    }
    out.println("tiers:   " + String.join(" | ", tiers));
    out.println();
    TextTable table =
        new TextTable("TIER", "SERVICE", "DEPENDS ON", "DESIRED", "RUNNING", "TARGET", "NEXT PASS");
    for (PlanReport.Row r : p.services()) {
      table.row(
          Integer.toString(r.tier()),
          r.name(),
          r.dependsOn().isEmpty() ? "-" : String.join(",", r.dependsOn()),
          Integer.toString(r.desiredCount()),
          Integer.toString(r.runningCount()),
          Integer.toString(r.target()),
          r.next());
    }
    table.print(out, "");
    out.println();
    if (p.calls().isEmpty()) {
      out.println("next pass: no call");
    } else {
      out.println("next pass: " + p.calls().size() + " call(s)");
      for (PlanReport.Call c : p.calls()) {
        out.println(
            "  UpdateService cluster "
                + p.cluster()
                + " service "
                + c.ecsService()
                + " desiredCount "
                + c.desiredCount()
                + " (tier "
                + c.tier()
                + "): "
                + c.reason()
                + (c.waiting().isEmpty()
                    ? ""
                    : "; " + String.join(", ", c.waiting()) + " wait(s) for it"));
      }
    }
    then(p).ifPresent(out::println);
    out.println("the controller looks again in " + Durations.format(p.plan().requeueAfter()));
    edges(p, zone, out);
    out.println("wake duration: " + estimate(p));
    out.flush();
  }

  /** The tiers after the one worked on, and what each waits for. */
  private static Optional<String> then(PlanReport p) {
    int current = p.plan().status().currentTier();
    if (current < 0) {
      return Optional.empty();
    }
    boolean waking = p.desired().state() == State.AWAKE;
    List<String> steps = new ArrayList<>();
    if (waking) {
      for (int t = current + 1; t < p.tiers().size(); t++) {
        steps.add(
            "tier "
                + t
                + " ("
                + String.join(", ", p.tiers().get(t))
                + ") once tier "
                + (t - 1)
                + " is ready");
      }
    } else {
      for (int t = current - 1; t >= 0; t--) {
        steps.add(
            "tier "
                + t
                + " ("
                + String.join(", ", p.tiers().get(t))
                + ") once tier "
                + (t + 1)
                + " has stopped");
      }
    }
    return steps.isEmpty() ? Optional.empty() : Optional.of("then: " + String.join("; ", steps));
  }

  private static void edges(PlanReport p, ZoneId zone, PrintWriter out) {
    if (p.edges().isEmpty()) {
      out.println("schedule: none in the coming week (the environment changes when someone asks)");
      return;
    }
    out.println("schedule: the next edges");
    TextTable table = new TextTable("WHEN", "DOES", "WHY");
    for (Edge e : p.edges()) {
      table.row(
          ScheduleView.LOCAL.format(e.at().atZone(zone)),
          ScheduleCommand.does(e),
          ScheduleCommand.why(e, zone));
    }
    table.print(out, "  ");
  }

  /** {@code about 3m30s, estimated from the manifest (no wake measured yet)}. */
  static String estimate(PlanReport p) {
    PlanReport.WakeEstimate e = p.estimate();
    String basis =
        e.measured() == 0
            ? "estimated from the manifest (no wake measured yet)"
            : "the p90 of the last " + e.measured() + " measured wake(s)";
    String progress =
        e.startedAt()
            .map(
                s -> {
                  Duration elapsed = Duration.between(s, p.at());
                  Duration left = e.duration().minus(elapsed);
                  return "; this wake started "
                      + Durations.age(elapsed)
                      + " ago"
                      + (left.isNegative()
                          ? ", longer than usual"
                          : ", about " + Durations.age(left) + " to go");
                })
            .orElse("");
    return "about " + Durations.age(e.duration()) + ", " + basis + progress;
  }

  private static String phase(EnvironmentStatus s) {
    return s.phase().displayName() + (s.currentTier() >= 0 ? ", tier " + s.currentTier() : "");
  }

  /** The plan as a tree for {@code -o json}: stable field names. */
  static ObjectNode tree(PlanReport p) {
    ObjectNode root = NODES.objectNode();
    root.put("environment", p.environment());
    root.put("cluster", p.cluster());
    root.put("at", p.at().toString());
    ObjectNode desired = root.putObject("desired");
    desired.put("state", p.desired().state().name());
    desired.put("why", p.why());
    ArrayNode services = desired.putArray("services");
    p.desired().services().stream().sorted().forEach(services::add);
    root.set("before", phaseNode(p.before()));
    root.set("after", phaseNode(p.plan().status()));
    ArrayNode tiers = root.putArray("tiers");
    p.tiers().forEach(t -> t.forEach(tiers.addArray()::add));
    ArrayNode rows = root.putArray("services");
    for (PlanReport.Row r : p.services()) {
      ObjectNode row = rows.addObject();
      row.put("name", r.name());
      row.put("ecsService", r.ecsService());
      row.put("tier", r.tier());
      ArrayNode deps = row.putArray("dependsOn");
      r.dependsOn().forEach(deps::add);
      row.put("desiredCount", r.desiredCount());
      row.put("runningCount", r.runningCount());
      row.put("target", r.target());
      row.put("ready", r.ready());
      ArrayNode waits = row.putArray("waitsFor");
      r.waitsFor().forEach(waits::add);
      row.put("next", r.next());
    }
    ArrayNode calls = root.putArray("calls");
    for (PlanReport.Call c : p.calls()) {
      ObjectNode call = calls.addObject();
      call.put("operation", "UpdateService");
      call.put("cluster", p.cluster());
      call.put("service", c.service());
      call.put("ecsService", c.ecsService());
      call.put("tier", c.tier());
      call.put("desiredCount", c.desiredCount());
      call.put("reason", c.reason());
      ArrayNode waiting = call.putArray("waiting");
      c.waiting().forEach(waiting::add);
    }
    root.put("requeueAfterSeconds", p.plan().requeueAfter().toMillis() / 1000.0);
    ArrayNode edges = root.putArray("nextEdges");
    for (Edge e : p.edges()) {
      ObjectNode edge = edges.addObject();
      edge.put("at", e.at().toString());
      edge.put("to", e.to().name());
      edge.put("fired", e.fired());
      edge.put("reason", e.reason().name().toLowerCase(Locale.ROOT));
    }
    ObjectNode estimate = root.putObject("wakeEstimate");
    estimate.put("seconds", p.estimate().duration().toSeconds());
    estimate.put("measuredWakes", p.estimate().measured());
    estimate.put("basis", p.estimate().measured() == 0 ? "manifest" : "p90");
    p.estimate().startedAt().ifPresent(s -> estimate.put("startedAt", s.toString()));
    root.put("writes", 0);
    return root;
  }

  private static ObjectNode phaseNode(EnvironmentStatus s) {
    ObjectNode node = NODES.objectNode();
    node.put("phase", s.phase().displayName());
    node.put("tier", s.currentTier());
    return node;
  }
}
