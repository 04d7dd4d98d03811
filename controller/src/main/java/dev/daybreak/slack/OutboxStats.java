package dev.daybreak.slack;

/**
 * Counters of the Slack outbox, for metrics and tests.
 *
 * @param pending messages waiting for delivery (a message's coalesced updates count once)
 * @param inFlight Web API calls in progress
 * @param delivered Web API calls that succeeded
 * @param retried attempts that failed and were scheduled again (including rate limiting)
 * @param givenUp messages given up on (too old, too many attempts, refused, or left at shutdown)
 * @param dropped messages not accepted because the outbox was full or closed
 */
public record OutboxStats(
    int pending, int inFlight, long delivered, long retried, long givenUp, long dropped) {}
