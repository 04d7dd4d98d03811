package dev.daybreak.it.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daybreak.ecs.GatewaySettings;
import dev.daybreak.ecs.SdkEcsGateway;
import dev.daybreak.ecssim.SimSettings;
import dev.daybreak.model.ObservedService;
import dev.daybreak.model.ServiceStatus;
import dev.daybreak.ratelimit.EcsQuotas;
import dev.daybreak.ratelimit.TokenBucket;
import dev.daybreak.time.VirtualClock;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * 500 environments ask to be observed at the same moment: 100 clusters of 4 services, every request
 * for a whole cluster. The gateway must answer them all, stay inside ECS's service-read bucket (the
 * simulator enforces it on the real clock), and fold requests into shared calls.
 */
class ObserveStormIT {

  private static final int REQUESTS = 500;
  private static final int CLUSTERS = 100;
  private static final List<String> SERVICES = List.of("api", "web", "worker", "cron");

  @Test
  void storm_of500ConcurrentObserves_completesWithinEcsReadBucket() throws Exception {
    try (EcsSimFixture fixture =
        EcsSimFixture.start(SimSettings.builder().build(), Clock.systemUTC())) {
      IntStream.range(0, CLUSTERS).forEach(i -> fixture.sim.provision("env-" + i, SERVICES));
      SdkEcsGateway gateway = fixture.gateway(GatewaySettings.defaults());
      ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<Map<String, ObservedService>>> results = new ArrayList<>();
      try {
        for (int i = 0; i < REQUESTS; i++) {
          String cluster = "env-" + (i % CLUSTERS);
          results.add(
              CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      go.await();
                    } catch (InterruptedException e) {
                      throw new IllegalStateException(e);
                    }
                    return gateway.observe(cluster, SERVICES);
                  },
                  pool));
        }
        go.countDown();
        for (var r : results) {
          assertThat(r.get().values())
              .hasSize(4)
              .allSatisfy(o -> assertThat(o.status()).isEqualTo(ServiceStatus.ACTIVE));
        }
      } finally {
        pool.shutdownNow();
      }

      List<JsonNode> calls = fixture.calls("DescribeServices");
      assertThat(calls).allSatisfy(c -> assertThat(c.path("outcome").asText()).isEqualTo("ok"));
      assertThat(calls.size())
          .as("requests for one cluster share calls")
          .isBetween(CLUSTERS, REQUESTS - 1);
      assertWithinEcsServiceReadBucket(calls);
    }
  }

  /** Replays the calls' simulation times through a bucket shaped like ECS's: none is refused. */
  private static void assertWithinEcsServiceReadBucket(List<JsonNode> calls) {
    VirtualClock replay = VirtualClock.startingAt(Instant.parse(calls.get(0).path("at").asText()));
    TokenBucket ecs = new TokenBucket(EcsQuotas.SERVICE_READS, replay);
    for (JsonNode call : calls) {
      Instant at = Instant.parse(call.path("at").asText());
      replay.advanceTo(at.isAfter(replay.instant()) ? at : replay.instant());
      assertThat(ecs.tryAcquire()).as("call at %s within ECS's bucket", at).isTrue();
    }
  }
}
