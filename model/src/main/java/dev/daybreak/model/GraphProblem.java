package dev.daybreak.model;

import java.util.List;
import java.util.Objects;

/**
 * One reason a set of services is not a valid dependency graph.
 *
 * @param kind what is wrong
 * @param service the service whose declaration is wrong (for a cycle: the one whose {@code
 *     dependsOn} closes it, i.e. the last service before the path returns to its start)
 * @param path the services involved: the cycle's path ({@code [api, worker, api]}), the unknown
 *     dependency, or the duplicated name
 * @param message a sentence that says what is wrong and what would be valid
 */
public record GraphProblem(Kind kind, String service, List<String> path, String message) {

  /** The kinds of graph error. */
  public enum Kind {
    /** Services depend on each other in a loop. */
    CYCLE,
    /** {@code dependsOn} names a service the environment does not declare. */
    UNKNOWN_DEPENDENCY,
    /** A service depends on itself. */
    SELF_DEPENDENCY,
    /** Two services share a name. */
    DUPLICATE_SERVICE
  }

  public GraphProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(service, "service");
    path = List.copyOf(path);
    Objects.requireNonNull(message, "message");
  }
}
