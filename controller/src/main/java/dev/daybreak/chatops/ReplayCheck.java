package dev.daybreak.chatops;

import java.time.Instant;

/**
 * Remembers the signatures of accepted Slack requests so the same request is served once. {@link
 * ReplayCache} remembers in this process; a check over the state table ({@code
 * dev.daybreak.store.ReplayLedger}) remembers across Lambda containers and controller replicas.
 */
@FunctionalInterface
public interface ReplayCheck {

  /**
   * Records {@code signature} until {@code expiry}.
   *
   * @return false when it was recorded before and has not expired (a replay), or cannot be recorded
   * @throws RuntimeException when the record cannot be reached; the request is then refused
   */
  boolean firstSeen(String signature, Instant expiry);
}
