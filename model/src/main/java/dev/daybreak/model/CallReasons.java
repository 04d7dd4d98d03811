package dev.daybreak.model;

import java.util.List;

/**
 * Why the planner made a call, in words, from the dependency graph and the status it concluded in
 * the same pass: "a is ready" for a service woken once its dependencies are, "c, d have stopped"
 * for one put to sleep once its dependents have. It explains a {@link Plan}; it decides nothing.
 */
public final class CallReasons {

  private CallReasons() {}

  /**
   * Why {@code action} was planned.
   *
   * @param status the status of the plan that holds {@code action}
   */
  public static String why(EnvironmentSpec spec, EnvironmentStatus status, ScaleAction action) {
    DependencyGraph graph = DependencyGraph.of(spec.services());
    if (action.desiredCount() > 0) {
      List<String> dependencies = graph.dependenciesOf(action.service());
      if (dependencies.isEmpty()) {
        return "it depends on nothing";
      }
      return describe(status, dependencies, "ready", "not ready");
    }
    List<String> dependents = graph.dependentsOf(action.service());
    if (dependents.isEmpty()) {
      return "nothing depends on it";
    }
    if (spec.sleepOrder() == SleepOrder.PARALLEL) {
      return "the sleep order is parallel";
    }
    return describe(status, dependents, "stopped", "still running");
  }

  /**
   * The services that wait for {@code action} to take effect: its dependents when it wakes a
   * service, its dependencies when it stops one (in reverse order; none in parallel).
   */
  public static List<String> waitingFor(EnvironmentSpec spec, ScaleAction action) {
    DependencyGraph graph = DependencyGraph.of(spec.services());
    if (action.desiredCount() > 0) {
      return graph.dependentsOf(action.service());
    }
    return spec.sleepOrder() == SleepOrder.PARALLEL
        ? List.of()
        : graph.dependenciesOf(action.service());
  }

  private static String describe(
      EnvironmentStatus status, List<String> services, String done, String notDone) {
    List<String> yes = services.stream().filter(s -> isDone(status, s)).toList();
    List<String> no = services.stream().filter(s -> !isDone(status, s)).toList();
    StringBuilder text = new StringBuilder();
    if (!yes.isEmpty()) {
      text.append(String.join(", ", yes)).append(yes.size() == 1 ? " is " : " are ").append(done);
    }
    if (!no.isEmpty()) {
      text.append(text.length() > 0 ? "; " : "");
      text.append(String.join(", ", no)).append(no.size() == 1 ? " is " : " are ").append(notDone);
    }
    return text.toString();
  }

  private static boolean isDone(EnvironmentStatus status, String service) {
    ServiceReadiness readiness = status.services().get(service);
    return readiness != null && readiness.ready();
  }
}
