package dev.daybreak.model.savings;

/** A task definition's operating system family, as priced by Fargate. */
public enum OsFamily {
  /** Linux (ECS's default). */
  LINUX,
  /** Any Windows Server family. */
  WINDOWS
}
