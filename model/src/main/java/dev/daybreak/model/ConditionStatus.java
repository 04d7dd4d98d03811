package dev.daybreak.model;

/** The status of a condition, as in Kubernetes. */
public enum ConditionStatus {
  /** The condition holds. */
  TRUE,
  /** The condition does not hold. */
  FALSE,
  /** The controller cannot tell. */
  UNKNOWN
}
