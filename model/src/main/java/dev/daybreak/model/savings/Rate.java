package dev.daybreak.model.savings;

import java.util.Objects;

/**
 * Fargate's on-demand prices for one region, operating system and architecture, in US dollars.
 *
 * @param vcpuHour per vCPU per hour
 * @param gbHour per GB of memory per hour
 * @param storageGbHour per GB of ephemeral storage above the free 20 GiB per hour
 * @param source where the figures were taken from (a public page)
 */
public record Rate(double vcpuHour, double gbHour, double storageGbHour, String source) {

  public Rate {
    if (vcpuHour < 0 || gbHour < 0 || storageGbHour < 0) {
      throw new IllegalArgumentException("prices must be >= 0");
    }
    Objects.requireNonNull(source, "source");
  }

  /** What one task of {@code size} costs an hour at this rate, on-demand. */
  public double hourly(TaskSize size) {
    return size.vcpu() * vcpuHour
        + size.memoryGb() * gbHour
        + size.billedStorageGib() * storageGbHour;
  }
}
