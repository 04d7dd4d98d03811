package dev.daybreak.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

  private static DependencyGraph graph(ServiceSpec... services) {
    return DependencyGraph.of(List.of(services));
  }

  private static GraphException failure(ServiceSpec... services) {
    return catchThrowableOfType(GraphException.class, () -> graph(services));
  }

  @Test
  void tiers_seedEnvironment_layersAThenBThenTheRest() {
    DependencyGraph graph = DependencyGraph.of(Seed.spec().services());

    assertThat(graph.tiers()).containsExactly(List.of("a"), List.of("b"), List.of("c", "d", "e"));
    assertThat(graph.tierOf("a")).isZero();
    assertThat(graph.tierOf("b")).isEqualTo(1);
    assertThat(graph.tierOf("e")).isEqualTo(2);
  }

  @Test
  void tiers_serviceWithDependenciesInSeveralTiers_sitsAboveTheHighest() {
    DependencyGraph graph =
        graph(
            ServiceSpec.of("web", 1, "db", "api"),
            ServiceSpec.of("api", 1, "db"),
            ServiceSpec.of("db", 1),
            ServiceSpec.of("cache", 1));

    assertThat(graph.tiers())
        .containsExactly(List.of("cache", "db"), List.of("api"), List.of("web"));
  }

  @Test
  void tiers_namesInsideATier_areSortedWhateverTheManifestOrder() {
    DependencyGraph graph =
        graph(ServiceSpec.of("zeta", 1), ServiceSpec.of("alpha", 1), ServiceSpec.of("mid", 1));

    assertThat(graph.tiers()).containsExactly(List.of("alpha", "mid", "zeta"));
  }

  @Test
  void tiers_noServices_isEmpty() {
    assertThat(DependencyGraph.of(List.of()).tiers()).isEmpty();
  }

  @Test
  void tiers_areUnmodifiable() {
    DependencyGraph graph = DependencyGraph.of(Seed.spec().services());

    assertThatThrownBy(() -> graph.tiers().get(0).add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void dependentsOf_listsDirectDependentsSorted() {
    DependencyGraph graph = DependencyGraph.of(Seed.spec().services());

    assertThat(graph.dependentsOf("b")).containsExactly("c", "d", "e");
    assertThat(graph.dependentsOf("a")).containsExactly("b");
    assertThat(graph.dependentsOf("d")).isEmpty();
    assertThat(graph.dependenciesOf("d")).containsExactly("b");
  }

  @Test
  void closureOf_addsEveryTransitiveDependencyAndNothingElse() {
    DependencyGraph graph = DependencyGraph.of(Seed.spec().services());

    assertThat(graph.closureOf(Set.of("d"))).containsExactlyInAnyOrder("a", "b", "d");
    assertThat(graph.closureOf(Set.of("a"))).containsExactly("a");
    assertThat(graph.closureOf(Set.of("c", "e"))).containsExactlyInAnyOrder("a", "b", "c", "e");
    assertThat(graph.closureOf(Set.of())).isEmpty();
  }

  @Test
  void lookups_unknownService_sayWhichNameIsUnknown() {
    DependencyGraph graph = DependencyGraph.of(Seed.spec().services());

    assertThat(graph.contains("x")).isFalse();
    assertThat(graph.contains("a")).isTrue();
    assertThatThrownBy(() -> graph.tierOf("x")).hasMessage("unknown service 'x'");
    assertThatThrownBy(() -> graph.dependentsOf("x")).hasMessage("unknown service 'x'");
    assertThatThrownBy(() -> graph.dependenciesOf("x")).hasMessage("unknown service 'x'");
    assertThatThrownBy(() -> graph.closureOf(Set.of("x"))).hasMessage("unknown service 'x'");
  }

  @Test
  void of_twoServiceCycle_printsThePath() {
    GraphException error =
        failure(ServiceSpec.of("api", 1, "worker"), ServiceSpec.of("worker", 1, "api"));

    assertThat(error.problems()).hasSize(1);
    GraphProblem cycle = error.problems().get(0);
    assertThat(cycle.kind()).isEqualTo(GraphProblem.Kind.CYCLE);
    assertThat(cycle.path()).containsExactly("api", "worker", "api");
    assertThat(cycle.service())
        .as("the service whose dependsOn closes the cycle")
        .isEqualTo("worker");
    assertThat(cycle.message()).isEqualTo("dependency cycle: api -> worker -> api");
    assertThat(error).hasMessage("dependency cycle: api -> worker -> api");
  }

  @Test
  void of_cycleBehindAnAcyclicPrefix_printsOnlyTheCycle() {
    GraphException error =
        failure(
            ServiceSpec.of("web", 1, "a"),
            ServiceSpec.of("a", 1, "b"),
            ServiceSpec.of("b", 1, "c"),
            ServiceSpec.of("c", 1, "a"),
            ServiceSpec.of("db", 1));

    assertThat(error.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).containsExactly("a", "b", "c", "a");
              assertThat(p.service()).isEqualTo("c");
              assertThat(p.message()).isEqualTo("dependency cycle: a -> b -> c -> a");
            });
  }

  @Test
  void of_twoSeparateCycles_reportsBoth() {
    GraphException error =
        failure(
            ServiceSpec.of("a", 1, "b"),
            ServiceSpec.of("b", 1, "a"),
            ServiceSpec.of("x", 1, "y"),
            ServiceSpec.of("y", 1, "x"));

    assertThat(error.problems())
        .extracting(GraphProblem::message)
        .containsExactly("dependency cycle: a -> b -> a", "dependency cycle: x -> y -> x");
  }

  @Test
  void of_selfDependency_isNamed() {
    GraphException error = failure(ServiceSpec.of("a", 1), ServiceSpec.of("b", 1, "b"));

    assertThat(error.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(GraphProblem.Kind.SELF_DEPENDENCY);
              assertThat(p.service()).isEqualTo("b");
              assertThat(p.path()).containsExactly("b");
              assertThat(p.message()).isEqualTo("service 'b' depends on itself");
            });
  }

  @Test
  void of_unknownDependency_namesItAndTheDeclaredServices() {
    GraphException error = failure(ServiceSpec.of("db", 1), ServiceSpec.of("api", 1, "dbb"));

    assertThat(error.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(GraphProblem.Kind.UNKNOWN_DEPENDENCY);
              assertThat(p.service()).isEqualTo("api");
              assertThat(p.path()).containsExactly("dbb");
              assertThat(p.message())
                  .isEqualTo(
                      "service 'api' depends on 'dbb', which is not a service of this environment"
                          + " (declared: db, api)");
            });
  }

  @Test
  void of_duplicateName_isNamed() {
    GraphException error = failure(ServiceSpec.of("a", 1), ServiceSpec.of("a", 2));

    assertThat(error.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(GraphProblem.Kind.DUPLICATE_SERVICE);
              assertThat(p.service()).isEqualTo("a");
              assertThat(p.message())
                  .isEqualTo("service 'a' is declared more than once; names must be unique");
            });
  }

  @Test
  void of_severalDeclarationProblems_reportsEveryOneInManifestOrder() {
    GraphException error =
        failure(
            ServiceSpec.of("a", 1, "a"),
            ServiceSpec.of("b", 1, "ghost"),
            ServiceSpec.of("b", 1),
            ServiceSpec.of("c", 1, "a"));

    assertThat(error.problems())
        .extracting(GraphProblem::kind)
        .containsExactly(
            GraphProblem.Kind.DUPLICATE_SERVICE,
            GraphProblem.Kind.SELF_DEPENDENCY,
            GraphProblem.Kind.UNKNOWN_DEPENDENCY);
    assertThat(error.getMessage())
        .contains("service 'b' is declared more than once")
        .contains("service 'a' depends on itself")
        .contains("depends on 'ghost'");
  }
}
