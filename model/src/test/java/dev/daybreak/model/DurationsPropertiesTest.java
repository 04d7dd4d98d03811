package dev.daybreak.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

class DurationsPropertiesTest {

  /** Durations from zero to {@link DurationRange#LONGEST}, at any precision down to nanoseconds. */
  @Provide
  Arbitrary<Duration> durations() {
    Arbitrary<Long> seconds = Arbitraries.longs().between(0, DurationRange.LONGEST.toSeconds());
    Arbitrary<Integer> nanos =
        Arbitraries.oneOf(
            Arbitraries.just(0),
            Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
            Arbitraries.integers().between(0, 999_999_999));
    return Combinators.combine(seconds, nanos).as(Duration::ofSeconds);
  }

  @Property(tries = 2000)
  void format_thenParse_isTheSameDuration(@ForAll("durations") Duration duration) {
    assertThat(Durations.parse(Durations.format(duration))).contains(duration);
  }

  @Property(tries = 1000)
  void isoText_thenParse_isTheSameDuration(@ForAll("durations") Duration duration) {
    assertThat(Durations.parse(duration.toString())).contains(duration);
  }

  @Property(tries = 2000)
  void units_largestFirst_inAnyCase_addUp(
      @ForAll @LongRange(min = -1, max = 400) long days,
      @ForAll @LongRange(min = -1, max = 10_000) long hours,
      @ForAll @LongRange(min = -1, max = 10_000) long minutes,
      @ForAll @LongRange(min = -1, max = 100_000) long seconds,
      @ForAll @LongRange(min = -1, max = 100_000) long millis,
      @ForAll boolean upperCase) {
    StringBuilder text = new StringBuilder();
    Duration expected = Duration.ZERO;
    if (days >= 0) {
      text.append(days).append('d');
      expected = expected.plusDays(days);
    }
    if (hours >= 0) {
      text.append(hours).append('h');
      expected = expected.plusHours(hours);
    }
    if (minutes >= 0) {
      text.append(minutes).append('m');
      expected = expected.plusMinutes(minutes);
    }
    if (seconds >= 0) {
      text.append(seconds).append('s');
      expected = expected.plusSeconds(seconds);
    }
    if (millis >= 0) {
      text.append(millis).append("ms");
      expected = expected.plusMillis(millis);
    }
    String written = upperCase ? text.toString().toUpperCase(Locale.ROOT) : text.toString();

    if (written.isEmpty()) {
      assertThat(Durations.parse(written)).isEmpty();
    } else {
      assertThat(Durations.parse(written)).as(written).contains(expected);
    }
  }

  @Property(tries = 1000)
  void twoUnitsSmallestFirst_areRefused(
      @ForAll @LongRange(min = 0, max = 1000) long a,
      @ForAll @LongRange(min = 0, max = 1000) long b,
      @ForAll("unitPairs") String[] smallerThenLarger) {
    String text = a + smallerThenLarger[0] + b + smallerThenLarger[1];

    assertThat(Durations.parse(text)).as(text).isEmpty();
  }

  @Provide
  Arbitrary<String[]> unitPairs() {
    String[] units = {"d", "h", "m", "s", "ms"};
    return Arbitraries.integers()
        .between(0, units.length - 1)
        .flatMap(
            larger ->
                Arbitraries.integers()
                    .between(larger, units.length - 1)
                    .map(smaller -> new String[] {units[smaller], units[larger]}));
  }

  @Property(tries = 2000)
  void textWithACharacterOutsideTheGrammar_isRefused(
      @ForAll @StringLength(max = 20) String prefix,
      @ForAll("foreign") char foreign,
      @ForAll @StringLength(max = 20) String suffix) {
    String text = prefix + foreign + suffix;

    assertThat(Durations.parse(text)).as(text).isEmpty();
  }

  /** A character no duration holds between its first and last: not a digit, unit, P, T or dot. */
  @Provide
  Arbitrary<Character> foreign() {
    return Arbitraries.chars()
        .filter(c -> !Character.isWhitespace(c) && "0123456789dhmsptDHMSPT.".indexOf(c) < 0);
  }

  @Property(tries = 1000)
  void whitespaceOrSignInside_isRefused(
      @ForAll("durations") Duration duration, @ForAll("spoilers") String spoiler) {
    String text = Durations.format(duration);
    int at = Math.max(1, text.length() / 2);
    String spoiled = text.substring(0, at) + spoiler + text.substring(at);

    assertThat(Durations.parse(spoiled)).as(spoiled).isEmpty();
  }

  @Provide
  Arbitrary<String> spoilers() {
    return Arbitraries.of(" ", "\t", "-", "+", ",", "_");
  }

  @Property(tries = 2000)
  void anyText_isParsedOrRefused_neverThrows(@ForAll @StringLength(max = 40) String text) {
    assertThat(Durations.parse(text)).isNotNull();
  }

  @Property(tries = 1000)
  void rangeParse_acceptsExactlyTheDurationsInsideIt(
      @ForAll("durations") Duration duration,
      @ForAll("durations") Duration a,
      @ForAll("durations") Duration b) {
    DurationRange range =
        a.compareTo(b) <= 0 ? DurationRange.between(a, b) : DurationRange.between(b, a);
    String text = Durations.format(duration);

    if (range.contains(duration)) {
      assertThat(range.parse(text)).isEqualTo(duration);
    } else {
      assertThat(
              org.assertj.core.api.Assertions.catchThrowableOfType(
                  IllegalArgumentException.class, () -> range.parse(text)))
          .hasMessageContaining("is out of range; expected " + range.describe());
    }
  }
}
