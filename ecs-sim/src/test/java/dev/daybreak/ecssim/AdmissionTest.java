package dev.daybreak.ecssim;

import static dev.daybreak.ecssim.SimTesting.CALLER;
import static dev.daybreak.ecssim.SimTesting.DEV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AdmissionTest {

  private final SimTesting t = new SimTesting(SimSettings.builder().build(), "a", "b");

  @Test
  void serviceReads_burstOf100ThenThrottledUntilRefilledAt20PerSecond() {
    Supplier<Object> read =
        () -> t.sim.listServices(CALLER, DEV, OptionalInt.empty(), Optional.empty());
    IntStream.range(0, 60).forEach(i -> read.get());
    IntStream.range(0, 40).forEach(i -> t.sim.describeServices(CALLER, DEV, List.of("a"), false));

    assertThat(outcome(read)).isEqualTo(EcsError.ThrottlingException);
    t.advance(Duration.ofMillis(500));
    IntStream.range(0, 10).forEach(i -> read.get());
    assertThat(outcome(read)).isEqualTo(EcsError.ThrottlingException);
  }

  @Test
  void updateService_burstOf50ThenThrottledAt5PerSecond() {
    IntStream.range(0, 50).forEach(i -> t.scale("a", i % 2));

    assertThat(outcome(() -> t.scale("a", 1))).isEqualTo(EcsError.ThrottlingException);
    t.advance(Duration.ofMillis(200));
    t.scale("a", 1);
    assertThat(outcome(() -> t.scale("a", 1))).isEqualTo(EcsError.ThrottlingException);
  }

  @Test
  void throttling_reportsEcsWording() {
    IntStream.range(0, 50).forEach(i -> t.scale("a", 0));

    assertThatThrownBy(() -> t.scale("a", 0)).hasMessage("Rate exceeded");
  }

  @Test
  void throttleRate_one_throttlesEveryCallOfThatOperation_withTheBucketStillFull() {
    t.sim.setFaults(
        new Faults(Map.of(), Map.of(), Set.of(), Optional.empty(), Map.of("UpdateService", 1.0)));

    assertThatThrownBy(() -> t.scale("a", 1))
        .isInstanceOfSatisfying(
            SimException.class, e -> assertThat(e.error()).isEqualTo(EcsError.ThrottlingException))
        .hasMessageStartingWith("Rate exceeded");
    assertThat(t.describe("a").desiredCount()).as("nothing changed").isZero();
    assertThat(outcome(() -> t.describe("b"))).as("other operations pass").isNull();
  }

  @Test
  void errorRate_one_failsEveryCallOfThatOperationWithServerException() {
    t.sim.setFaults(new Faults(Map.of("UpdateService", 1.0), Map.of(), Set.of(), Optional.empty()));

    assertThat(outcome(() -> t.scale("a", 1))).isEqualTo(EcsError.ServerException);
    assertThat(t.describe("a").desiredCount()).as("nothing changed").isZero();
  }

  @Test
  void blackout_failsEveryCallInsideTheWindowOnly() {
    Instant now = t.sim.now();
    t.sim.setFaults(
        new Faults(
            Map.of(),
            Map.of(),
            Set.of(),
            Optional.of(new Faults.Blackout(now.plusSeconds(10), now.plusSeconds(20)))));

    t.describe("a");
    t.advance(Duration.ofSeconds(10));
    assertThat(outcome(() -> t.describe("a"))).isEqualTo(EcsError.ServerException);
    t.advance(Duration.ofSeconds(10));
    assertThat(t.describe("a").serviceName()).isEqualTo("a");
  }

  @Test
  void faults_unknownOperationOrRate_areRefusedNamingThem() {
    assertThatThrownBy(
            () -> new Faults(Map.of("DescribeServicez", 0.1), Map.of(), Set.of(), Optional.empty()))
        .hasMessageContaining("'DescribeServicez' is not an operation");
    assertThatThrownBy(() -> new Faults(Map.of("*", 1.5), Map.of(), Set.of(), Optional.empty()))
        .hasMessageContaining("error rate of * must be in [0, 1], was 1.5");
  }

  @Test
  void callLog_recordsEveryCallInOrderWithItsOutcome() {
    t.advance(Duration.ofSeconds(1));
    t.scale("b", 3);
    outcome(() -> t.scale("zzz", 1));
    t.sim.describeServices("someone", DEV, List.of("a", "b"), false);

    List<CallRecord> calls = t.sim.calls();

    assertThat(calls)
        .containsExactly(
            new CallRecord(
                SimTesting.T0.plusSeconds(1),
                "UpdateService",
                Optional.of("dev"),
                List.of("b"),
                OptionalInt.of(3),
                "ok",
                CALLER),
            new CallRecord(
                SimTesting.T0.plusSeconds(1),
                "UpdateService",
                Optional.of("dev"),
                List.of("zzz"),
                OptionalInt.of(1),
                "ServiceNotFoundException",
                CALLER),
            new CallRecord(
                SimTesting.T0.plusSeconds(1),
                "DescribeServices",
                Optional.of("dev"),
                List.of("a", "b"),
                OptionalInt.empty(),
                "ok",
                "someone"));
  }

  @Test
  void callLog_beyondItsLimit_dropsTheOldest() {
    SimTesting small = new SimTesting(SimSettings.builder().callLogLimit(2).build(), "a");
    IntStream.range(0, 5).forEach(i -> small.describe("a"));

    assertThat(small.sim.calls()).hasSize(2);
    assertThat(small.sim.droppedCalls()).isEqualTo(3);
  }

  private static EcsError outcome(Supplier<?> call) {
    try {
      call.get();
      return null;
    } catch (SimException e) {
      return e.error();
    }
  }
}
