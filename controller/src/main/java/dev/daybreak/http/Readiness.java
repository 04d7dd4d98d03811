package dev.daybreak.http;

/**
 * The answer of {@code GET /readyz}.
 *
 * @param ready true when the replica can do its part: the store answers, and it holds shards or
 *     stands by for them
 * @param detail one line for people
 */
public record Readiness(boolean ready, String detail) {

  public static Readiness ready(String detail) {
    return new Readiness(true, detail);
  }

  public static Readiness notReady(String detail) {
    return new Readiness(false, detail);
  }
}
