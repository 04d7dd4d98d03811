package dev.daybreak.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The services of an environment layered into tiers: tier 0 has no dependencies; tier k is one more
 * than the highest tier of a service's dependencies.
 */
public final class DependencyGraph {

  private final Map<String, List<String>> dependsOn;
  private final Map<String, List<String>> dependents;
  private final Map<String, Integer> tierOf;
  private final List<List<String>> tiers;

  private DependencyGraph(Map<String, List<String>> dependsOn, Map<String, Integer> tierOf) {
    this.dependsOn = dependsOn;
    this.tierOf = tierOf;
    Map<String, TreeSet<String>> reverse = new HashMap<>();
    dependsOn.keySet().forEach(name -> reverse.put(name, new TreeSet<>()));
    dependsOn.forEach((name, deps) -> deps.forEach(dep -> reverse.get(dep).add(name)));
    Map<String, List<String>> dependentsByName = new HashMap<>();
    reverse.forEach((name, names) -> dependentsByName.put(name, List.copyOf(names)));
    this.dependents = Map.copyOf(dependentsByName);
    int count = tierOf.values().stream().mapToInt(t -> t + 1).max().orElse(0);
    List<TreeSet<String>> layers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      layers.add(new TreeSet<>());
    }
    tierOf.forEach((name, tier) -> layers.get(tier).add(name));
    this.tiers = layers.stream().map(List::copyOf).toList();
  }

  /**
   * Builds the graph of these services.
   *
   * @throws GraphException listing every duplicate name, self-dependency and unknown dependency;
   *     when there are none, at least one cycle for each group of services that depend on each
   *     other
   */
  public static DependencyGraph of(List<ServiceSpec> services) {
    List<GraphProblem> problems = new ArrayList<>();
    Map<String, List<String>> edges = new LinkedHashMap<>();
    for (ServiceSpec service : services) {
      if (edges.containsKey(service.name())) {
        problems.add(
            new GraphProblem(
                GraphProblem.Kind.DUPLICATE_SERVICE,
                service.name(),
                List.of(service.name()),
                "service '"
                    + service.name()
                    + "' is declared more than once; names must be unique"));
        continue;
      }
      edges.put(service.name(), service.dependsOn());
    }
    for (ServiceSpec service : services) {
      for (String dependency : service.dependsOn()) {
        if (dependency.equals(service.name())) {
          problems.add(
              new GraphProblem(
                  GraphProblem.Kind.SELF_DEPENDENCY,
                  service.name(),
                  List.of(service.name()),
                  "service '" + service.name() + "' depends on itself"));
        } else if (!edges.containsKey(dependency)) {
          problems.add(
              new GraphProblem(
                  GraphProblem.Kind.UNKNOWN_DEPENDENCY,
                  service.name(),
                  List.of(dependency),
                  "service '"
                      + service.name()
                      + "' depends on '"
                      + dependency
                      + "', which is not a service of this environment (declared: "
                      + String.join(", ", edges.keySet())
                      + ")"));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new GraphException(problems);
    }
    Map<String, Integer> tierOf = new HashMap<>();
    problems.addAll(new Layering(edges, tierOf).run());
    if (!problems.isEmpty()) {
      throw new GraphException(problems);
    }
    return new DependencyGraph(Collections.unmodifiableMap(edges), Map.copyOf(tierOf));
  }

  /** The tiers, lowest first; service names sorted inside a tier. */
  public List<List<String>> tiers() {
    return tiers;
  }

  /** The tier of a service. */
  public int tierOf(String service) {
    Integer tier = tierOf.get(service);
    if (tier == null) {
      throw new IllegalArgumentException("unknown service '" + service + "'");
    }
    return tier;
  }

  /** The direct dependencies of a service. */
  public List<String> dependenciesOf(String service) {
    List<String> deps = dependsOn.get(service);
    if (deps == null) {
      throw new IllegalArgumentException("unknown service '" + service + "'");
    }
    return deps;
  }

  /** The services that depend directly on this one, sorted. */
  public List<String> dependentsOf(String service) {
    List<String> names = dependents.get(service);
    if (names == null) {
      throw new IllegalArgumentException("unknown service '" + service + "'");
    }
    return names;
  }

  /** Whether the environment declares this service. */
  public boolean contains(String service) {
    return tierOf.containsKey(service);
  }

  /**
   * These services and every service they depend on, transitively.
   *
   * @throws IllegalArgumentException when a name is not a service of the graph
   */
  public Set<String> closureOf(Set<String> services) {
    Set<String> closure = new HashSet<>();
    List<String> todo = new ArrayList<>(services);
    while (!todo.isEmpty()) {
      String next = todo.remove(todo.size() - 1);
      if (closure.add(next)) {
        todo.addAll(dependenciesOf(next));
      }
    }
    return Set.copyOf(closure);
  }

  /** Depth-first layering that reports each cycle as a path. */
  private static final class Layering {
    private final Map<String, List<String>> edges;
    private final Map<String, Integer> tierOf;
    private final List<String> stack = new ArrayList<>();
    private final Set<String> onStack = new HashSet<>();
    private final List<GraphProblem> cycles = new ArrayList<>();

    Layering(Map<String, List<String>> edges, Map<String, Integer> tierOf) {
      this.edges = edges;
      this.tierOf = tierOf;
    }

    List<GraphProblem> run() {
      for (String service : edges.keySet()) {
        visit(service);
      }
      return cycles;
    }

    private int visit(String service) {
      Integer known = tierOf.get(service);
      if (known != null) {
        return known;
      }
      if (onStack.contains(service)) {
        List<String> path = new ArrayList<>(stack.subList(stack.indexOf(service), stack.size()));
        path.add(service);
        cycles.add(
            new GraphProblem(
                GraphProblem.Kind.CYCLE,
                path.get(path.size() - 2),
                path,
                "dependency cycle: " + String.join(" -> ", path)));
        return -1;
      }
      stack.add(service);
      onStack.add(service);
      int tier = 0;
      boolean broken = false;
      for (String dependency : edges.get(service)) {
        int dependencyTier = visit(dependency);
        broken |= dependencyTier < 0;
        tier = Math.max(tier, dependencyTier + 1);
      }
      stack.remove(stack.size() - 1);
      onStack.remove(service);
      int result = broken ? -1 : tier;
      tierOf.put(service, result);
      return result;
    }
  }
}
