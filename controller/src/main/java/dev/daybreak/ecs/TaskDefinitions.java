package dev.daybreak.ecs;

import dev.daybreak.model.savings.Architecture;
import dev.daybreak.model.savings.Capacity;
import dev.daybreak.model.savings.OsFamily;
import dev.daybreak.model.savings.TaskSize;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * What a gateway knows about its services' task definitions: each service's task definition ARN and
 * capacity as its last DescribeServices reported them, and each task definition as
 * DescribeTaskDefinition described it, cached by ARN for the life of the process (a revision never
 * changes: <a
 * href="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definitions.html">a task
 * definition revision is immutable; changes register a new revision</a>).
 *
 * <p>Thread-safe. A DescribeTaskDefinition that fails is logged and answered as unknown (no size,
 * no health-check verdict); it is tried again on a later call.
 */
public final class TaskDefinitions {

  private static final Logger LOG = LoggerFactory.getLogger(TaskDefinitions.class);

  /**
   * A service's task definition and where its tasks run.
   *
   * @param taskDefinition the ARN
   * @param capacity Fargate or Fargate Spot
   */
  private record ServiceRef(String taskDefinition, Capacity capacity) {}

  private final Function<String, TaskDefinition> describe;
  private final Map<String, TaskDefinition> byArn = new ConcurrentHashMap<>();
  private final Map<String, ServiceRef> services = new ConcurrentHashMap<>();

  /**
   * @param describe calls DescribeTaskDefinition for an ARN (throttles already handled)
   */
  public TaskDefinitions(Function<String, TaskDefinition> describe) {
    this.describe = Objects.requireNonNull(describe, "describe");
  }

  /** Remembers {@code service}'s task definition and capacity as DescribeServices reported them. */
  public void remember(String cluster, String name, Service service) {
    if (service.taskDefinition() == null) {
      return;
    }
    services.put(key(cluster, name), new ServiceRef(service.taskDefinition(), capacity(service)));
  }

  /**
   * One task's size for each of {@code ecsServices} whose task definition is known and sized (a
   * task definition without task-level cpu and memory, e.g. for EC2, has none).
   */
  public Map<String, TaskSize> sizes(String cluster, Collection<String> ecsServices) {
    Map<String, TaskSize> out = new LinkedHashMap<>();
    for (String name : ecsServices) {
      ServiceRef ref = services.get(key(cluster, name));
      if (ref == null) {
        continue;
      }
      definition(ref.taskDefinition())
          .flatMap(td -> size(td, ref.capacity()))
          .ifPresent(size -> out.put(name, size));
    }
    return out;
  }

  /**
   * The ARN of {@code name}'s task definition when none of its containers has a health check; empty
   * when one has, or when it is not known.
   */
  public Optional<String> withoutHealthCheck(String cluster, String name) {
    ServiceRef ref = services.get(key(cluster, name));
    if (ref == null) {
      return Optional.empty();
    }
    return definition(ref.taskDefinition())
        .filter(
            td ->
                td.containerDefinitions().stream()
                    .map(ContainerDefinition::healthCheck)
                    .allMatch(Objects::isNull))
        .map(td -> ref.taskDefinition());
  }

  private Optional<TaskDefinition> definition(String arn) {
    TaskDefinition cached = byArn.get(arn);
    if (cached != null) {
      return Optional.of(cached);
    }
    try {
      TaskDefinition read = describe.apply(arn);
      byArn.put(arn, read);
      return Optional.of(read);
    } catch (EcsException e) {
      LOG.warn("cannot describe task definition {}: {}", arn, e.getMessage());
      return Optional.empty();
    }
  }

  /** The size of one task of {@code td} on {@code capacity}; empty without task-level sizes. */
  static Optional<TaskSize> size(TaskDefinition td, Capacity capacity) {
    Optional<Integer> cpu = number(td.cpu());
    Optional<Integer> memory = number(td.memory());
    if (cpu.isEmpty() || memory.isEmpty()) {
      return Optional.empty();
    }
    Architecture arch = Architecture.X86_64;
    OsFamily os = OsFamily.LINUX;
    if (td.runtimePlatform() != null) {
      if ("ARM64".equals(td.runtimePlatform().cpuArchitectureAsString())) {
        arch = Architecture.ARM64;
      }
      String family = td.runtimePlatform().operatingSystemFamilyAsString();
      if (family != null && family.startsWith("WINDOWS")) {
        os = OsFamily.WINDOWS;
      }
    }
    int storage =
        td.ephemeralStorage() != null && td.ephemeralStorage().sizeInGiB() != null
            ? td.ephemeralStorage().sizeInGiB()
            : TaskSize.FREE_STORAGE_GIB;
    return Optional.of(new TaskSize(cpu.get(), memory.get(), arch, os, capacity, storage));
  }

  /**
   * Fargate Spot when every capacity provider the service's strategy weighs is FARGATE_SPOT;
   * Fargate otherwise (the launch type, or a mixed strategy: priced at on-demand, so a saving is
   * never overstated).
   */
  static Capacity capacity(Service service) {
    if (service.launchType() == LaunchType.FARGATE
        || service.capacityProviderStrategy().isEmpty()) {
      return Capacity.FARGATE;
    }
    boolean allSpot =
        service.capacityProviderStrategy().stream()
            .filter(i -> i.weight() == null || i.weight() > 0 || (i.base() != null && i.base() > 0))
            .map(CapacityProviderStrategyItem::capacityProvider)
            .allMatch("FARGATE_SPOT"::equals);
    return allSpot ? Capacity.FARGATE_SPOT : Capacity.FARGATE;
  }

  private static Optional<Integer> number(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      int n = Integer.parseInt(text.trim());
      return n > 0 ? Optional.of(n) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String key(String cluster, String name) {
    return cluster + "/" + name;
  }
}
