package dev.daybreak.model.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spreads the starts of environments that share a schedule edge over a window, so that a fleet
 * waking at 08:00 does not call ECS UpdateService all at once (ECS allows a sustained 5 calls per
 * second per account and Region, burst 50).
 *
 * <p>Both methods are deterministic: the same names, edge and window give the same instants in
 * every process and after every restart (the position comes from a 64-bit FNV-1a hash of the name's
 * UTF-8 bytes, not from {@link String#hashCode} or a random source).
 */
public final class Stagger {

  /** ECS UpdateService's sustained rate per account and Region, in calls per second. */
  public static final int UPDATE_SERVICE_PER_SECOND = 5;

  private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Stagger() {}

  /**
   * One environment's start, knowing only its own name.
   *
   * <p>Guarantee: {@code edge <= result < edge + window} (exactly {@code edge} for a zero window),
   * at millisecond resolution, and names spread uniformly over the window: with {@code n}
   * environments, each second of the window receives {@code n / window-seconds} starts on average.
   * Two names may still land close together; when the whole fleet is known, {@link #spread} gives a
   * hard spacing.
   */
  public static Instant staggered(Instant edge, String environment, Duration window) {
    long millis = window.toMillis();
    if (window.isNegative()) {
      throw new IllegalArgumentException("window must not be negative, was " + window);
    }
    if (millis == 0) {
      return edge;
    }
    return edge.plusMillis(Long.remainderUnsigned(hash(environment), millis));
  }

  /**
   * The starts of a whole fleet sharing one edge: ordered by the hash of their names, evenly spaced
   * from {@code edge}, the {@code i}-th at {@code edge + i * window / n}.
   *
   * <p>Guarantee: every start lies in {@code [edge, edge + window)}, and start {@code i} is at
   * {@code edge + floor(i * window / n)} milliseconds, so any interval of {@code T} seconds holds
   * at most {@code ceil(T * n / window-seconds)} starts. With a window of at least {@link
   * #minimumWindow}, the fleet's first UpdateService calls average at most {@value
   * #UPDATE_SERVICE_PER_SECOND} per second over any interval, exceeding it by at most one start's
   * calls, which ECS's burst of 50 absorbs.
   *
   * @return each environment's start, in start order
   */
  public static Map<String, Instant> spread(
      Instant edge, Collection<String> environments, Duration window) {
    if (window.isNegative()) {
      throw new IllegalArgumentException("window must not be negative, was " + window);
    }
    List<String> ordered =
        environments.stream()
            .distinct()
            .sorted(
                Comparator.comparing((String e) -> hash(e), Long::compareUnsigned)
                    .thenComparing(Comparator.naturalOrder()))
            .toList();
    Map<String, Instant> starts = new LinkedHashMap<>();
    long millis = window.toMillis();
    for (int i = 0; i < ordered.size(); i++) {
      starts.put(ordered.get(i), edge.plusMillis(millis * i / ordered.size()));
    }
    return starts;
  }

  /**
   * The window {@link #spread} needs so that {@code environments} starts, each making {@code
   * callsPerStart} UpdateService calls at once, average at most {@value #UPDATE_SERVICE_PER_SECOND}
   * calls per second: {@code environments * callsPerStart / 5} seconds.
   */
  public static Duration minimumWindow(int environments, int callsPerStart) {
    if (environments < 0 || callsPerStart < 0) {
      throw new IllegalArgumentException(
          "environments and callsPerStart must be >= 0, were "
              + environments
              + ", "
              + callsPerStart);
    }
    return Duration.ofMillis(1000L * environments * callsPerStart / UPDATE_SERVICE_PER_SECOND);
  }

  /** 64-bit FNV-1a over the UTF-8 bytes, then a finalizer so similar names spread apart. */
  static long hash(String name) {
    long h = FNV_OFFSET_BASIS;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= FNV_PRIME;
    }
    // MurmurHash3's fmix64: FNV-1a's low bits vary little between names that differ at the end.
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
