package dev.daybreak.model.savings;

/** Where a service's tasks run, as priced. */
public enum Capacity {
  /** Fargate on-demand (the {@code FARGATE} launch type or capacity provider). */
  FARGATE,
  /** Fargate Spot (the {@code FARGATE_SPOT} capacity provider). */
  FARGATE_SPOT
}
