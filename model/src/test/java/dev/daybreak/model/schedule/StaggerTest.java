package dev.daybreak.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class StaggerTest {

  private static final Instant EDGE = Instant.parse("2026-03-02T23:00:00Z");

  /** FNV-1a 64 of "seed" with the fmix64 finalizer, mod 300 000, computed outside Java. */
  private static final long SEED_OFFSET_MS = 146_830;

  @Property(tries = 1000)
  void staggered_isInsideTheWindowAndTheSameEveryTime(
      @ForAll @StringLength(max = 63) String env,
      @ForAll @IntRange(min = 0, max = 3_600_000) int ms) {
    Duration window = Duration.ofMillis(ms);

    Instant start = Stagger.staggered(EDGE, env, window);

    assertThat(start).isAfterOrEqualTo(EDGE);
    if (ms == 0) {
      assertThat(start).isEqualTo(EDGE);
    } else {
      assertThat(start).isBefore(EDGE.plus(window));
    }
    assertThat(Stagger.staggered(EDGE, env, window)).isEqualTo(start);
  }

  @Test
  void staggered_isStableAcrossReleases() {
    // Pinned so a change of hash (which would move every fleet's starts) is deliberate.
    assertThat(Stagger.staggered(EDGE, "seed", Duration.ofMinutes(5)))
        .isEqualTo(EDGE.plusMillis(SEED_OFFSET_MS));
    assertThat(Long.toHexString(Stagger.hash("")))
        .isEqualTo(Long.toHexString(fmix(0xcbf29ce484222325L)));
  }

  @Test
  void staggered_spreadsSimilarNamesEvenlyOverTheWindow() {
    int[] perMinute = new int[10];
    for (int i = 0; i < 1000; i++) {
      Instant start = Stagger.staggered(EDGE, "dev-" + i, Duration.ofMinutes(10));
      perMinute[(int) Duration.between(EDGE, start).toMinutes()]++;
    }
    // 100 expected per minute; a binomial's spread is about 10.
    assertThat(IntStream.of(perMinute).boxed().toList())
        .allSatisfy(n -> assertThat(n).isBetween(60, 140));
  }

  @Property(tries = 300)
  void spread_spacesTheFleetEvenlyInsideTheWindow(
      @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 0, max = 600) int seconds) {
    List<String> envs = IntStream.range(0, n).mapToObj(i -> "env-" + i).toList();
    Duration window = Duration.ofSeconds(seconds);

    Map<String, Instant> starts = Stagger.spread(EDGE, envs, window);

    assertThat(starts).containsOnlyKeys(envs);
    List<Instant> ordered = new ArrayList<>(starts.values());
    assertThat(ordered).isSorted();
    assertThat(ordered.get(0)).isEqualTo(EDGE);
    if (seconds > 0) {
      assertThat(ordered.get(n - 1)).isBefore(EDGE.plus(window));
    }
    long spacing = window.toMillis() / n;
    for (int i = 1; i < n; i++) {
      assertThat(Duration.between(ordered.get(i - 1), ordered.get(i)).toMillis())
          .isBetween(spacing, spacing + 1);
    }
    List<String> reversed = new ArrayList<>(envs);
    Collections.reverse(reversed);
    assertThat(Stagger.spread(EDGE, reversed, window)).isEqualTo(starts);
  }

  @Test
  void spread_withTheMinimumWindow_averagesFiveCallsPerSecond() {
    List<String> envs = IntStream.range(0, 120).mapToObj(i -> "team-" + i).toList();
    Duration window = Stagger.minimumWindow(envs.size(), 2);

    List<Instant> starts = new ArrayList<>(Stagger.spread(EDGE, envs, window).values());

    assertThat(window).isEqualTo(Duration.ofSeconds(48));
    for (Instant from : starts) {
      long within10s =
          starts.stream()
              .filter(s -> !s.isBefore(from) && s.isBefore(from.plusSeconds(10)))
              .count();
      assertThat(within10s * 2).isLessThanOrEqualTo(5 * 10 + 2);
    }
  }

  private static long fmix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
