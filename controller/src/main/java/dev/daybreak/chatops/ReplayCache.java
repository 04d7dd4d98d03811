package dev.daybreak.chatops;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signatures of accepted requests, each remembered until its request's timestamp is too old to
 * pass the freshness check anyway. Bounded: when full of unexpired signatures it refuses new ones
 * (only holders of the signing secret can fill it, and refusing is the safe side).
 */
final class ReplayCache implements ReplayCheck {

  private final Clock clock;
  private final int capacity;
  private final Map<String, Instant> expiries = new LinkedHashMap<>();

  ReplayCache(Clock clock, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("expected a capacity of at least 1, got " + capacity);
    }
    this.clock = clock;
    this.capacity = capacity;
  }

  /**
   * Records {@code signature} until {@code expiry}; false when it was already recorded and has not
   * expired, or when the cache is full.
   */
  @Override
  public synchronized boolean firstSeen(String signature, Instant expiry) {
    Instant now = clock.instant();
    Instant known = expiries.get(signature);
    if (known != null && known.isAfter(now)) {
      return false;
    }
    if (expiries.size() >= capacity) {
      purge(now);
      if (expiries.size() >= capacity) {
        return false;
      }
    }
    expiries.put(signature, expiry);
    return true;
  }

  synchronized int size() {
    return expiries.size();
  }

  private void purge(Instant now) {
    for (Iterator<Instant> it = expiries.values().iterator(); it.hasNext(); ) {
      if (!it.next().isAfter(now)) {
        it.remove();
      }
    }
  }
}
