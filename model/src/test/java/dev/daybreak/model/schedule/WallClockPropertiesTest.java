package dev.daybreak.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class WallClockPropertiesTest {

  @Provide
  Arbitrary<ZoneId> zones() {
    // Lord Howe shifts by 30 minutes, Troll by two hours.
    return Arbitraries.of(
            "Asia/Tokyo",
            "Europe/Berlin",
            "America/New_York",
            "America/Santiago",
            "Australia/Lord_Howe",
            "Antarctica/Troll")
        .map(ZoneId::of);
  }

  @Property(tries = 2000)
  void cut_splitsLocalTimesIntoThoseThatHappenedAndThoseThatHaveNot(
      @ForAll("zones") ZoneId zone,
      @ForAll @LongRange(min = -90_000, max = 90_000) long fromTransition,
      @ForAll @LongRange(min = -10_800, max = 10_800) long localOffset) {
    Instant t = transitionAfter(zone, "2026-06-01T00:00:00Z").plusSeconds(fromTransition);
    LocalDateTime local = LocalDateTime.ofInstant(t, zone).plusSeconds(localOffset);

    boolean happened = !WallClock.instant(local, zone).isAfter(t);

    assertThat(happened).isEqualTo(!local.isAfter(WallClock.cut(t, zone)));
  }

  @Property(tries = 2000)
  void instant_isTheFirstMomentTheClockShowsThatTimeOrLater(
      @ForAll("zones") ZoneId zone,
      @ForAll @LongRange(min = -90_000, max = 90_000) long fromTransition) {
    LocalDateTime local =
        LocalDateTime.ofInstant(
            transitionAfter(zone, "2026-01-01T00:00:00Z").plusSeconds(fromTransition), zone);

    Instant mapped = WallClock.instant(local, zone);

    assertThat(LocalDateTime.ofInstant(mapped, zone)).isAfterOrEqualTo(local);
    assertThat(LocalDateTime.ofInstant(mapped.minusSeconds(1), zone)).isBefore(local);
    assertThat(mapped).isEqualTo(ScheduleArbitraries.firstShowing(local, zone));
  }

  /** The zone's first transition after {@code instant}; for a zone without any, the instant. */
  private static Instant transitionAfter(ZoneId zone, String instant) {
    Instant from = Instant.parse(instant);
    ZoneOffsetTransition next = zone.getRules().nextTransition(from);
    return next == null ? from : next.getInstant();
  }
}
