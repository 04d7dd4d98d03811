package dev.daybreak.statuspage;

/**
 * One audit entry: a change of desired state.
 *
 * @param at when
 * @param who who asked
 * @param via how: cli, slack, schedule, dynamodb (a hand edit)
 * @param change e.g. {@code ASLEEP → AWAKE}
 * @param until the change's end, or "—"
 * @param reason the reason given
 */
public record AuditRow(
    Moment at, String who, String via, String change, String until, String reason) {}
