package dev.daybreak.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.time.VirtualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway paces UpdateService at its share of the quota as the shards it holds change. */
class SdkEcsGatewayShareTest {

  private final VirtualClock clock = VirtualClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<Duration> waits = new ArrayList<>();
  private final AtomicInteger updates = new AtomicInteger();
  private final SdkEcsGateway gateway =
      new SdkEcsGateway(
          AcceptingEcs.countingUpdates(updates),
          ElbClients.create(
              EcsEndpoint.simulator(URI.create("http://127.0.0.1:9")), EcsClients.APP_ID),
          GatewaySettings.defaults(),
          clock,
          d -> waits.add(d));

  @AfterEach
  void close() {
    gateway.close();
  }

  private List<Duration> scale(int times) {
    waits.clear();
    for (int i = 0; i < times; i++) {
      gateway.scale("dev", "svc-" + i, 1);
    }
    return waits.stream().filter(d -> !d.isZero() && !d.isNegative()).toList();
  }

  @Test
  void shareQuota_halfTheShards_halvesTheBurstAndTheRate() {
    gateway.shareQuota(1, 2);
    GatewaySettings half = GatewaySettings.defaults().forShare(1, 2);
    assertThat(half.updates().burst()).isEqualTo(GatewaySettings.defaults().updates().burst() / 2);

    List<Duration> paced = scale(half.updates().burst() + 1);

    assertThat(updates).hasValue(half.updates().burst() + 1);
    assertThat(paced)
        .containsExactly(Duration.ofNanos((long) Math.ceil(1e9 / half.updates().perSecond())));
  }

  @Test
  void shareQuota_oneShardOfOne_pacesExactlyAsWithoutSharing() {
    gateway.shareQuota(1, 1);
    int burst = GatewaySettings.defaults().updates().burst();

    assertThat(scale(burst)).isEmpty();
    assertThat(scale(1)).hasSize(1);
  }

  @Test
  void shareQuota_gainingShards_raisesTheRateForCallsFromThenOn() {
    gateway.shareQuota(1, 2);
    scale(GatewaySettings.defaults().forShare(1, 2).updates().burst() + 1);

    gateway.shareQuota(2, 2);
    List<Duration> paced = scale(1);

    double fullRate = GatewaySettings.defaults().updates().perSecond();
    assertThat(paced).containsExactly(Duration.ofNanos((long) Math.ceil(2 * 1e9 / fullRate)));
  }
}
