package dev.daybreak.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.daybreak.model.ObservedService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DescribeBatcherTest {

  private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(4);
  private final List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private Map<String, DescribeBatcher.Result> answerAll(String cluster, List<String> services) {
    calls.add(List.copyOf(services));
    Map<String, DescribeBatcher.Result> out = new HashMap<>();
    services.forEach(
        s -> out.put(s, new DescribeBatcher.Result.Observed(ObservedService.missing(s))));
    return out;
  }

  @Test
  void observe_25Services_describesThemInThreeCallsOfAtMostTen() {
    DescribeBatcher batcher =
        new DescribeBatcher(() -> {}, this::answerAll, Duration.ZERO, 4, executor);
    List<String> services = IntStream.range(0, 25).mapToObj(i -> "s" + i).toList();

    Map<String, ObservedService> observed = batcher.observe("dev", services);

    assertThat(observed).containsOnlyKeys(services);
    assertThat(calls).hasSize(3).allSatisfy(c -> assertThat(c).hasSizeLessThanOrEqualTo(10));
    assertThat(calls.stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(services);
  }

  @Test
  void observe_requestsArrivingWhileACallIsInFlight_shareTheNextCall() throws Exception {
    CountDownLatch firstCallStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    DescribeBatcher batcher =
        new DescribeBatcher(
            () -> {},
            (cluster, services) -> {
              if (calls.isEmpty()) {
                firstCallStarted.countDown();
                await().until(() -> release.getCount() == 0);
              }
              return answerAll(cluster, services);
            },
            Duration.ZERO,
            1,
            executor);
    CompletableFuture<Map<String, ObservedService>> first =
        CompletableFuture.supplyAsync(() -> batcher.observe("dev", List.of("a")));
    firstCallStarted.await();

    List<CompletableFuture<Map<String, ObservedService>>> later =
        IntStream.range(0, 20)
            .mapToObj(
                i ->
                    CompletableFuture.supplyAsync(
                        () -> batcher.observe("dev", List.of("a", "b" + (i % 3)))))
            .toList();
    await().until(() -> batcher.requests("dev") == 21);
    release.countDown();

    assertThat(first.get()).containsOnlyKeys("a");
    for (var f : later) {
      assertThat(f.get()).containsKey("a").hasSize(2);
    }
    assertThat(calls).hasSize(2);
    assertThat(calls.get(1)).containsExactlyInAnyOrder("a", "b0", "b1", "b2");
  }

  @Test
  void observe_requestsArrivingWhileTheCallWaitsForQuota_joinThatCall() throws Exception {
    CountDownLatch quota = new CountDownLatch(1);
    DescribeBatcher batcher =
        new DescribeBatcher(
            () -> await().until(() -> quota.getCount() == 0),
            this::answerAll,
            Duration.ZERO,
            1,
            executor);

    List<CompletableFuture<Map<String, ObservedService>>> requests =
        IntStream.range(0, 8)
            .mapToObj(
                i -> CompletableFuture.supplyAsync(() -> batcher.observe("dev", List.of("s" + i))))
            .toList();
    await().until(() -> batcher.requests("dev") == 8);
    quota.countDown();

    for (var r : requests) {
      assertThat(r.get()).hasSize(1);
    }
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0)).hasSize(8);
  }

  @Test
  void observe_callFails_everyWaitingRequestGetsTheEcsError() {
    DescribeBatcher batcher =
        new DescribeBatcher(
            () -> {},
            (cluster, services) -> {
              throw new EcsException("ClusterNotFoundException", "Cluster not found.", null);
            },
            Duration.ZERO,
            2,
            executor);

    assertThatThrownBy(() -> batcher.observe("nope", List.of("a", "b")))
        .isInstanceOfSatisfying(
            EcsException.class,
            e -> assertThat(e.errorCode()).isEqualTo("ClusterNotFoundException"));
  }

  @Test
  void observe_answerWithoutTheService_isAnIncompleteResponse() {
    DescribeBatcher batcher =
        new DescribeBatcher(() -> {}, (cluster, services) -> Map.of(), Duration.ZERO, 2, executor);

    assertThatThrownBy(() -> batcher.observe("dev", List.of("a")))
        .isInstanceOfSatisfying(
            EcsException.class, e -> assertThat(e.errorCode()).isEqualTo("IncompleteResponse"))
        .hasMessageContaining("answered nothing for a");
  }
}
