package dev.daybreak.model;

/** How an environment's services are scaled to zero. */
public enum SleepOrder {
  /** Dependents first: a service stops only when nothing that depends on it is running. */
  REVERSE,
  /** Every service at once. */
  PARALLEL
}
