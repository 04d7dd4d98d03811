package dev.daybreak.ecssim;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A task definition as DescribeTaskDefinition answers it, as far as the simulator models one (<a
 * href="https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinition.html">TaskDefinition</a>).
 *
 * @param arn {@code arn:aws:ecs:REGION:ACCOUNT:task-definition/FAMILY:REVISION}
 * @param family the family
 * @param revision the revision (1 for a family's first)
 * @param cpu task-level CPU units, as the string ECS returns (e.g. "512")
 * @param memory task-level memory in MiB, as a string (e.g. "1024")
 * @param cpuArchitecture {@code X86_64} or {@code ARM64}
 * @param operatingSystemFamily {@code LINUX} or a {@code WINDOWS_SERVER_*} family
 * @param ephemeralStorageGib {@code ephemeralStorage.sizeInGiB}, when set above the default 20
 * @param containers the container definitions
 * @param registeredAt when it was registered
 */
public record TaskDefinitionView(
    String arn,
    String family,
    int revision,
    String cpu,
    String memory,
    String cpuArchitecture,
    String operatingSystemFamily,
    Optional<Integer> ephemeralStorageGib,
    List<Container> containers,
    Instant registeredAt) {

  public TaskDefinitionView {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(cpu, "cpu");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(cpuArchitecture, "cpuArchitecture");
    Objects.requireNonNull(operatingSystemFamily, "operatingSystemFamily");
    Objects.requireNonNull(ephemeralStorageGib, "ephemeralStorageGib");
    containers = List.copyOf(containers);
    Objects.requireNonNull(registeredAt, "registeredAt");
  }

  /**
   * One container definition.
   *
   * @param name the container's name
   * @param image its image
   * @param essential whether the task stops when it exits
   * @param healthCheck its health check command ({@code CMD-SHELL ...}), when it has one
   */
  public record Container(
      String name, String image, boolean essential, Optional<List<String>> healthCheck) {
    public Container {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(image, "image");
      healthCheck = healthCheck.map(List::copyOf);
    }
  }
}
