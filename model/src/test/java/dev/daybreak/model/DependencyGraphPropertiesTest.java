package dev.daybreak.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DependencyGraphPropertiesTest {

  @Provide
  Arbitrary<EnvironmentSpec> environments() {
    return Scenarios.specs();
  }

  @Property(tries = 1000)
  void tiers_respectEveryEdgeAndAreAsLowAsPossible(@ForAll("environments") EnvironmentSpec spec) {
    DependencyGraph graph = DependencyGraph.of(spec.services());

    for (ServiceSpec service : spec.services()) {
      int tier = graph.tierOf(service.name());
      int expected =
          service.dependsOn().stream().mapToInt(d -> graph.tierOf(d) + 1).max().orElse(0);
      assertThat(tier).as(service.name()).isEqualTo(expected);
      for (String dependency : service.dependsOn()) {
        assertThat(graph.tierOf(dependency))
            .as(service.name() + " -> " + dependency)
            .isLessThan(tier);
      }
    }
    List<String> flattened = graph.tiers().stream().flatMap(List::stream).toList();
    assertThat(flattened)
        .containsExactlyInAnyOrderElementsOf(
            spec.services().stream().map(ServiceSpec::name).toList());
    graph.tiers().forEach(tier -> assertThat(tier).isNotEmpty().isSorted());
  }

  @Property(tries = 1000)
  void dependentsOf_isTheReverseOfDependsOn(@ForAll("environments") EnvironmentSpec spec) {
    DependencyGraph graph = DependencyGraph.of(spec.services());

    for (ServiceSpec service : spec.services()) {
      for (ServiceSpec other : spec.services()) {
        assertThat(graph.dependentsOf(service.name()).contains(other.name()))
            .isEqualTo(other.dependsOn().contains(service.name()));
      }
    }
  }

  @Property(tries = 1000)
  void closureOf_isTheSmallestSetClosedUnderDependsOn(
      @ForAll("environments") EnvironmentSpec spec, @ForAll Random random) {
    DependencyGraph graph = DependencyGraph.of(spec.services());
    Set<String> requested = new HashSet<>();
    spec.services().stream()
        .filter(s -> random.nextInt(4) == 0)
        .forEach(s -> requested.add(s.name()));

    Set<String> closure = graph.closureOf(requested);

    assertThat(closure).containsAll(requested);
    closure.forEach(s -> assertThat(closure).containsAll(graph.dependenciesOf(s)));
    Set<String> reachable = new HashSet<>(requested);
    List<String> frontier = new ArrayList<>(requested);
    while (!frontier.isEmpty()) {
      for (String dependency : graph.dependenciesOf(frontier.remove(0))) {
        if (reachable.add(dependency)) {
          frontier.add(dependency);
        }
      }
    }
    assertThat(closure).isEqualTo(reachable);
  }

  @Property(tries = 1000)
  void of_backEdgeAddedToADag_reportsACycleWhosePathFollowsRealEdges(
      @ForAll("environments") EnvironmentSpec spec, @ForAll Random random) {
    List<ServiceSpec> withEdges =
        spec.services().stream().filter(s -> !s.dependsOn().isEmpty()).toList();
    if (withEdges.isEmpty()) {
      return;
    }
    ServiceSpec from = withEdges.get(random.nextInt(withEdges.size()));
    String to = from.dependsOn().get(random.nextInt(from.dependsOn().size()));
    List<ServiceSpec> cyclic =
        spec.services().stream()
            .map(
                s ->
                    s.name().equals(to)
                        ? ServiceSpec.of(s.name(), 1, concat(s.dependsOn(), from.name()))
                        : s)
            .toList();

    GraphException error =
        catchThrowableOfType(GraphException.class, () -> DependencyGraph.of(cyclic));

    assertThat(error).as("a cycle %s -> %s -> %s", from.name(), to, from.name()).isNotNull();
    assertThat(error.problems()).isNotEmpty();
    for (GraphProblem problem : error.problems()) {
      assertThat(problem.kind()).isEqualTo(GraphProblem.Kind.CYCLE);
      List<String> path = problem.path();
      assertThat(path.size()).isGreaterThanOrEqualTo(3);
      assertThat(path.get(0)).isEqualTo(path.get(path.size() - 1));
      for (int i = 0; i + 1 < path.size(); i++) {
        String service = path.get(i);
        List<String> deps =
            cyclic.stream()
                .filter(s -> s.name().equals(service))
                .findFirst()
                .orElseThrow()
                .dependsOn();
        assertThat(deps).as("%s depends on %s", service, path.get(i + 1)).contains(path.get(i + 1));
      }
      assertThat(problem.service()).isEqualTo(path.get(path.size() - 2));
      assertThat(problem.message()).isEqualTo("dependency cycle: " + String.join(" -> ", path));
    }
  }

  private static String[] concat(List<String> names, String extra) {
    List<String> all = new ArrayList<>(names);
    all.add(extra);
    return all.toArray(String[]::new);
  }
}
