package dev.daybreak.statuspage;

import java.util.List;
import java.util.Optional;

/**
 * The environment view ({@code /env/NAME}).
 *
 * @param summary the same line the fleet view shows
 * @param cluster its ECS cluster
 * @param graph the dependency graph as an SVG
 * @param services per-service readiness and counts
 * @param events the latest ECS service events, newest first
 * @param ecsProblem why ECS could not be read, if it could not
 * @param degraded the true conditions (why it is Degraded, or its desired item is invalid)
 * @param audit the last audit entries, newest first
 * @param timeline the schedule of the coming days
 * @param live whether the page updates itself over {@code /events}
 */
public record EnvView(
    EnvRow summary,
    String cluster,
    Graph graph,
    List<ServiceRow> services,
    List<EventRow> events,
    Optional<String> ecsProblem,
    List<ConditionRow> degraded,
    List<AuditRow> audit,
    Timeline timeline,
    boolean live) {}
