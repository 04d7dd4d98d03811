package dev.daybreak.model;

/** The desired state of a whole environment. */
public enum State {
  /** Every service (or the requested subset and its dependencies) at its count. */
  AWAKE,
  /** Every service at zero. */
  ASLEEP
}
