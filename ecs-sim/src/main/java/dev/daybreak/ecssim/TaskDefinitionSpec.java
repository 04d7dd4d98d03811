package dev.daybreak.ecssim;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What RegisterTaskDefinition asks for, as far as the simulator models it.
 *
 * @param family the family (a new revision of it is registered)
 * @param cpu task-level CPU units; {@link #DEFAULT_CPU} when absent
 * @param memory task-level memory in MiB; {@link #DEFAULT_MEMORY} when absent
 * @param cpuArchitecture {@code runtimePlatform.cpuArchitecture}; X86_64 when absent
 * @param operatingSystemFamily {@code runtimePlatform.operatingSystemFamily}; LINUX when absent
 * @param ephemeralStorageGib {@code ephemeralStorage.sizeInGiB}
 * @param containers the container definitions (at least one)
 */
public record TaskDefinitionSpec(
    String family,
    Optional<String> cpu,
    Optional<String> memory,
    Optional<String> cpuArchitecture,
    Optional<String> operatingSystemFamily,
    Optional<Integer> ephemeralStorageGib,
    List<TaskDefinitionView.Container> containers) {

  /** The smallest Fargate task: 0.25 vCPU. */
  public static final String DEFAULT_CPU = "256";

  /** The smallest Fargate task's memory: 512 MiB. */
  public static final String DEFAULT_MEMORY = "512";

  public TaskDefinitionSpec {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(cpu, "cpu");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(cpuArchitecture, "cpuArchitecture");
    Objects.requireNonNull(operatingSystemFamily, "operatingSystemFamily");
    Objects.requireNonNull(ephemeralStorageGib, "ephemeralStorageGib");
    containers = List.copyOf(containers);
  }

  /**
   * A Linux task of {@code family} with one essential container of the same name, with a health
   * check when {@code healthCheck}.
   */
  public static TaskDefinitionSpec simple(
      String family, int cpu, int memory, String cpuArchitecture, boolean healthCheck) {
    return new TaskDefinitionSpec(
        family,
        Optional.of(Integer.toString(cpu)),
        Optional.of(Integer.toString(memory)),
        Optional.of(cpuArchitecture),
        Optional.empty(),
        Optional.empty(),
        List.of(container(family, healthCheck)));
  }

  /** An essential container named {@code name}, with a health check when {@code healthCheck}. */
  static TaskDefinitionView.Container container(String name, boolean healthCheck) {
    return new TaskDefinitionView.Container(
        name,
        "public.ecr.aws/docker/library/nginx:latest",
        true,
        healthCheck
            ? Optional.of(List.of("CMD-SHELL", "curl -f http://localhost/ || exit 1"))
            : Optional.empty());
  }
}
