package dev.daybreak.model.savings;

/** A task definition's CPU architecture ({@code runtimePlatform.cpuArchitecture}). */
public enum Architecture {
  /** x86-64 (ECS's default). */
  X86_64,
  /** 64-bit Arm (AWS Graviton). */
  ARM64
}
