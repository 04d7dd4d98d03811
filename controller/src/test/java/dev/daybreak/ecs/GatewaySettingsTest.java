package dev.daybreak.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.daybreak.ratelimit.EcsQuotas;
import dev.daybreak.ratelimit.RateLimit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatewaySettingsTest {

  private final GatewaySettings defaults = GatewaySettings.defaults();

  @Test
  void forShare_oneShard_isTheSettingsUnchanged() {
    assertThat(defaults.forShare(1, 1)).isSameAs(defaults);
    assertThat(defaults.forShare(0, 1)).isSameAs(defaults);
  }

  @Test
  void forShare_everyShard_isTheSettingsUnchanged() {
    assertThat(defaults.forShare(8, 8)).isSameAs(defaults);
  }

  @ParameterizedTest
  @CsvSource({"4, 8, 0.5", "1, 8, 0.125", "3, 8, 0.375", "7, 8, 0.875", "1, 2, 0.5"})
  void forShare_scalesBothBucketsByHeldOverTotal(int held, int total, double share) {
    GatewaySettings scaled = defaults.forShare(held, total);

    assertThat(scaled.reads().perSecond())
        .isCloseTo(
            EcsQuotas.SERVICE_READS.perSecond() * GatewaySettings.DEFAULT_QUOTA_SHARE * share,
            offset(1e-9));
    assertThat(scaled.updates().perSecond())
        .isCloseTo(
            EcsQuotas.UPDATE_SERVICE.perSecond() * GatewaySettings.DEFAULT_QUOTA_SHARE * share,
            offset(1e-9));
    assertThat(scaled.reads().burst())
        .isEqualTo((int) Math.floor(defaults.reads().burst() * share));
    assertThat(scaled.updates().burst())
        .isEqualTo(Math.max(1, (int) Math.floor(defaults.updates().burst() * share)));
    assertThat(scaled.withReads(defaults.reads()).withUpdates(defaults.updates()))
        .isEqualTo(defaults);
  }

  @Test
  void forShare_sharesOfAllReplicas_addUpToAtMostTheWhole() {
    GatewaySettings three = defaults.forShare(3, 8);
    GatewaySettings five = defaults.forShare(5, 8);

    assertThat(three.updates().perSecond() + five.updates().perSecond())
        .isCloseTo(defaults.updates().perSecond(), offset(1e-9));
    assertThat(three.updates().burst() + five.updates().burst())
        .isLessThanOrEqualTo(defaults.updates().burst());
  }

  @Test
  void forShare_noShardHeld_keepsOneShardsShare_neverZero() {
    GatewaySettings none = defaults.forShare(0, 64);

    assertThat(none).isEqualTo(defaults.forShare(1, 64));
    assertThat(none.updates()).isEqualTo(new RateLimit(1, defaults.updates().perSecond() / 64));
    assertThat(none.reads().perSecond()).isPositive();
  }

  @Test
  void forShare_impossibleCounts_areRefused() {
    assertThatThrownBy(() -> defaults.forShare(3, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 <= held <= total")
        .hasMessageContaining("3/2");
    assertThatThrownBy(() -> defaults.forShare(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.forShare(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withQuotaShare_scalesBothBucketsOfEcsQuota() {
    GatewaySettings half = GatewaySettings.withQuotaShare(0.5);

    assertThat(half.updates()).isEqualTo(new RateLimit(25, 2.5));
    assertThat(half.reads()).isEqualTo(new RateLimit(50, 10));
    assertThat(GatewaySettings.withQuotaShare(1).updates()).isEqualTo(EcsQuotas.UPDATE_SERVICE);
    assertThat(GatewaySettings.withQuotaShare(GatewaySettings.DEFAULT_QUOTA_SHARE))
        .isEqualTo(defaults);
    assertThat(defaults.updates()).isEqualTo(new RateLimit(49, 4.9));
  }

  @ParameterizedTest
  @CsvSource({"0", "-0.5", "1.01", "NaN", "Infinity"})
  void withQuotaShare_outsideZeroToOne_isRefusedWithTheValue(double share) {
    assertThatThrownBy(() -> GatewaySettings.withQuotaShare(share))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("above 0 and at most 1")
        .hasMessageContaining(Double.toString(share));
  }
}
