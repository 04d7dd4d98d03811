package dev.daybreak.statuspage;

/**
 * A status condition that is true, e.g. why an environment is Degraded.
 *
 * @param type e.g. {@code Degraded}
 * @param reason e.g. {@code ServiceTimedOut}
 * @param message the controller's explanation
 * @param since its last transition
 */
public record ConditionRow(String type, String reason, String message, Moment since) {}
