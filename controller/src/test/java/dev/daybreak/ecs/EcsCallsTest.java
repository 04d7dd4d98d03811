package dev.daybreak.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.daybreak.ratelimit.RateLimit;
import dev.daybreak.ratelimit.TokenBucket;
import dev.daybreak.time.VirtualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class EcsCallsTest {

  private final VirtualClock clock = VirtualClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<Duration> sleeps = new ArrayList<>();
  private final EcsCalls calls =
      new EcsCalls(
          GatewaySettings.defaults(),
          d -> {
            sleeps.add(d);
            clock.advance(d);
          });
  private final TokenBucket bucket = new TokenBucket(new RateLimit(10, 5), clock);

  private static AwsServiceException ecsError(String code, int status) {
    return AwsServiceException.builder()
        .statusCode(status)
        .awsErrorDetails(
            AwsErrorDetails.builder().errorCode(code).errorMessage(code + " message").build())
        .build();
  }

  @Test
  void call_throttledManyTimes_isRetriedUntilItPassesAndNeverSurfaces() {
    AtomicInteger attempts = new AtomicInteger();

    String result =
        calls.call(
            "DescribeServices",
            bucket,
            () -> {
              if (attempts.incrementAndGet() <= 8) {
                throw ecsError("ThrottlingException", 400);
              }
              return "described";
            });

    assertThat(result).isEqualTo("described");
    assertThat(attempts).hasValue(9);
    assertThat(sleeps).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(20)));
  }

  @Test
  void call_countsAttemptsByOutcome_andThrottlesAvoidedAndSuffered() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    EcsCalls counted =
        new EcsCalls(GatewaySettings.defaults(), clock::advance, meters, new SplittableRandom(1));
    TokenBucket small = new TokenBucket(new RateLimit(1, 1), clock);
    AtomicInteger attempts = new AtomicInteger();

    counted.call(
        "UpdateService",
        small,
        () -> {
          if (attempts.incrementAndGet() == 1) {
            throw ecsError("ThrottlingException", 400);
          }
          return null;
        });

    assertThat(count(meters, EcsCalls.CALLS, "throttled")).isEqualTo(1);
    assertThat(count(meters, EcsCalls.CALLS, "ok")).isEqualTo(1);
    assertThat(meters.get(EcsCalls.THROTTLES_SUFFERED).counter().count()).isEqualTo(1);
    assertThat(meters.get(EcsCalls.THROTTLES_AVOIDED).counter().count())
        .as("the retry waited for the drained bucket")
        .isEqualTo(1);
  }

  private static double count(SimpleMeterRegistry meters, String name, String outcome) {
    return meters
        .get(name)
        .tag("operation", "UpdateService")
        .tag("outcome", outcome)
        .counter()
        .count();
  }

  @Test
  void call_throttled_drainsTheSharedBucketAndLowersItsRate_soOtherCallersSlowDown() {
    List<Duration> waits = new ArrayList<>();
    EcsCalls frozenTime = new EcsCalls(GatewaySettings.defaults(), waits::add);
    AtomicInteger attempts = new AtomicInteger();

    frozenTime.call(
        "UpdateService",
        bucket,
        () -> {
          if (attempts.incrementAndGet() == 1) {
            throw ecsError("ThrottlingException", 400);
          }
          return null;
        });

    assertThat(bucket.available())
        .as("9 tokens left before the throttle; none after")
        .isEqualTo(-1.0);
    assertThat(bucket.rate()).isCloseTo(5 * TokenBucket.BACKOFF, offset(1e-9));
    assertThat(waits.get(waits.size() - 1))
        .as("the retry waited for a token refilled at the lowered rate")
        .isEqualTo(Duration.ofNanos((long) Math.ceil(1e9 / (5 * TokenBucket.BACKOFF))));
  }

  @Test
  void call_serverErrorEveryTime_givesUpAfterThreeAttemptsWithEcsCode() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                calls.call(
                    "DescribeServices",
                    bucket,
                    () -> {
                      attempts.incrementAndGet();
                      throw ecsError("ServerException", 500);
                    }))
        .isInstanceOfSatisfying(
            EcsException.class, e -> assertThat(e.errorCode()).isEqualTo("ServerException"))
        .hasMessageContaining("ECS DescribeServices failed with ServerException (HTTP 500)");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void call_clientError_isNotRetried() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                calls.call(
                    "UpdateService",
                    bucket,
                    () -> {
                      attempts.incrementAndGet();
                      throw ecsError("ServiceNotFoundException", 400);
                    }))
        .isInstanceOfSatisfying(
            EcsException.class,
            e -> assertThat(e.errorCode()).isEqualTo("ServiceNotFoundException"));
    assertThat(attempts).hasValue(1);
  }

  @Test
  void call_unreachable_isRetriedThenReportedUnreachable() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                calls.call(
                    "DescribeServices",
                    bucket,
                    () -> {
                      attempts.incrementAndGet();
                      throw SdkClientException.create(
                          "Unable to execute HTTP request", new IOException("Connection refused"));
                    }))
        .isInstanceOfSatisfying(
            EcsException.class, e -> assertThat(e.errorCode()).isEqualTo("Unreachable"));
    assertThat(attempts).hasValue(3);
  }

  @Test
  void call_emptyBucket_waitsForItsTokenBeforeCalling() {
    for (int i = 0; i < 10; i++) {
      calls.call("DescribeServices", bucket, () -> null);
    }
    assertThat(sleeps).allSatisfy(d -> assertThat(d).isZero());

    calls.call("DescribeServices", bucket, () -> null);

    assertThat(sleeps.get(sleeps.size() - 1)).isEqualTo(Duration.ofMillis(200));
  }
}
