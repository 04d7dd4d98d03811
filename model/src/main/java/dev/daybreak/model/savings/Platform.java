package dev.daybreak.model.savings;

import java.util.Objects;

/**
 * An operating system and architecture, the key of a region's Fargate prices.
 *
 * @param os the operating system family
 * @param architecture the CPU architecture
 */
public record Platform(OsFamily os, Architecture architecture) {
  public Platform {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(architecture, "architecture");
  }

  /** The platform of {@code size}. */
  public static Platform of(TaskSize size) {
    return new Platform(size.os(), size.architecture());
  }

  @Override
  public String toString() {
    return os.name().toLowerCase(java.util.Locale.ROOT)
        + "/"
        + architecture.name().toLowerCase(java.util.Locale.ROOT);
  }
}
