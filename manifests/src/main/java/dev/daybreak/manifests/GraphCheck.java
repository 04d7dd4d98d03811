package dev.daybreak.manifests;

import dev.daybreak.model.DependencyGraph;
import dev.daybreak.model.GraphException;
import dev.daybreak.model.GraphProblem;
import dev.daybreak.model.Readiness;
import dev.daybreak.model.Replicas;
import dev.daybreak.model.ServiceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks {@code spec.services} as a dependency graph ({@link DependencyGraph}) and reports each
 * problem at the entry that causes it: a cycle at the {@code dependsOn} entry that closes it.
 */
final class GraphCheck {

  private GraphCheck() {}

  /** Reports duplicate names, self and unknown dependencies, and cycles. */
  static void check(List<ServiceReader.Read> services) {
    List<ServiceReader.Read> named =
        services.stream().filter(service -> service.name().isPresent()).toList();
    List<ServiceSpec> graph = new ArrayList<>();
    for (ServiceReader.Read service : named) {
      String name = service.name().get();
      graph.add(
          new ServiceSpec(
              name,
              name,
              Replicas.fixed(0),
              Readiness.RUNNING,
              ServiceSpec.DEFAULT_TIMEOUT,
              service.dependsOn().stream().map(d -> d.json().textValue()).toList()));
    }
    try {
      DependencyGraph.of(graph);
    } catch (GraphException e) {
      Map<String, Integer> duplicatesSeen = new HashMap<>();
      List<String> declared = named.stream().map(s -> s.name().get()).distinct().toList();
      for (GraphProblem problem : e.problems()) {
        report(problem, named, duplicatesSeen, declared);
      }
    }
  }

  private static void report(
      GraphProblem problem,
      List<ServiceReader.Read> named,
      Map<String, Integer> duplicatesSeen,
      List<String> declared) {
    switch (problem.kind()) {
      case DUPLICATE_SERVICE -> {
        int occurrence = duplicatesSeen.merge(problem.service(), 1, Integer::sum);
        named.stream()
            .filter(s -> s.name().get().equals(problem.service()))
            .skip(occurrence)
            .findFirst()
            .ifPresent(s -> s.node().child("name").error(problem.message()));
      }
      case SELF_DEPENDENCY ->
          entry(named, problem.service(), problem.service())
              .ifPresent(d -> d.error(problem.message() + "; remove this entry"));
      case UNKNOWN_DEPENDENCY -> {
        String dependency = problem.path().get(0);
        entry(named, problem.service(), dependency)
            .ifPresent(
                d -> d.error(problem.message() + Suggestions.didYouMean(dependency, declared)));
      }
      case CYCLE -> {
        List<String> path = problem.path();
        entry(named, problem.service(), path.get(path.size() - 1))
            .ifPresent(
                d ->
                    d.error(
                        problem.message()
                            + "; services cannot wait for each other in a loop: remove one of"
                            + " these dependsOn entries"));
      }
    }
  }

  /** The {@code dependsOn} entry of {@code service} that names {@code dependency}. */
  private static Optional<Node> entry(
      List<ServiceReader.Read> named, String service, String dependency) {
    return named.stream()
        .filter(s -> s.name().get().equals(service))
        .flatMap(s -> s.dependsOn().stream())
        .filter(d -> d.json().textValue().equals(dependency))
        .findFirst();
  }
}
