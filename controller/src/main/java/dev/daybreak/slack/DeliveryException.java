package dev.daybreak.slack;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A Slack Web API call that did not succeed, classified for the outbox. */
final class DeliveryException extends Exception {

  /** What the outbox should do about a failed call. */
  enum Kind {
    /**
     * Slack or the network failed transiently (5xx, timeout, connection refused): retry with
     * backoff.
     */
    RETRYABLE,
    /** HTTP 429: wait for Retry-After, then retry. */
    RATE_LIMITED,
    /** The message to update no longer exists: post a new one instead. */
    MESSAGE_GONE,
    /** Retrying will not help (bad channel, bad token, invalid blocks): give up. */
    PERMANENT
  }

  private final Kind kind;
  private final Optional<Duration> retryAfter;

  DeliveryException(Kind kind, String detail, Optional<Duration> retryAfter) {
    super(detail);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  static DeliveryException of(Kind kind, String detail) {
    return new DeliveryException(kind, detail, Optional.empty());
  }

  static DeliveryException rateLimited(Duration retryAfter) {
    return new DeliveryException(
        Kind.RATE_LIMITED, "rate limited; Retry-After " + retryAfter, Optional.of(retryAfter));
  }

  Kind kind() {
    return kind;
  }

  Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
