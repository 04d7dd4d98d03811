package dev.daybreak.model.savings;

import java.util.Objects;

/**
 * What one task of a service is billed for, from its task definition and the service's launch type
 * or capacity provider strategy.
 *
 * @param cpuUnits task-level {@code cpu} in CPU units (1024 = 1 vCPU)
 * @param memoryMib task-level {@code memory} in MiB
 * @param architecture the runtime platform's CPU architecture
 * @param os the runtime platform's operating system family
 * @param capacity Fargate or Fargate Spot
 * @param ephemeralStorageGib {@code ephemeralStorage.sizeInGiB} (20, the free amount, when absent)
 */
public record TaskSize(
    int cpuUnits,
    int memoryMib,
    Architecture architecture,
    OsFamily os,
    Capacity capacity,
    int ephemeralStorageGib) {

  /** Fargate includes 20 GiB of ephemeral storage in every task at no charge. */
  public static final int FREE_STORAGE_GIB = 20;

  public TaskSize {
    if (cpuUnits <= 0 || memoryMib <= 0) {
      throw new IllegalArgumentException(
          "a task size needs cpu and memory above 0, was cpu "
              + cpuUnits
              + ", memory "
              + memoryMib);
    }
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(capacity, "capacity");
    if (ephemeralStorageGib < 0) {
      throw new IllegalArgumentException("ephemeral storage must be >= 0 GiB");
    }
  }

  /** A Linux x86 Fargate task with the free storage only. */
  public static TaskSize linuxX86(int cpuUnits, int memoryMib) {
    return new TaskSize(
        cpuUnits,
        memoryMib,
        Architecture.X86_64,
        OsFamily.LINUX,
        Capacity.FARGATE,
        FREE_STORAGE_GIB);
  }

  /** vCPUs (CPU units / 1024). */
  public double vcpu() {
    return cpuUnits / 1024.0;
  }

  /** Memory in GB as Fargate bills it (MiB / 1024). */
  public double memoryGb() {
    return memoryMib / 1024.0;
  }

  /** Ephemeral storage billed: above the free 20 GiB. */
  public int billedStorageGib() {
    return Math.max(0, ephemeralStorageGib - FREE_STORAGE_GIB);
  }

  /** This size on {@code other} capacity. */
  public TaskSize on(Capacity other) {
    return new TaskSize(cpuUnits, memoryMib, architecture, os, other, ephemeralStorageGib);
  }
}
