package dev.daybreak.ecs;

import dev.daybreak.ratelimit.TokenBucket;
import dev.daybreak.time.Backoff;
import dev.daybreak.time.Sleeper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Makes one ECS call the way the gateway must: each attempt first takes a token from the call's
 * client-side bucket (waiting its turn); a throttle empties the bucket and slows it down (another
 * caller is spending the account's quota: {@link TokenBucket#throttled}), backs off and tries
 * again, for as long as ECS keeps throttling; a server or network error is retried a few times;
 * anything else, or the last transient failure, becomes an {@link EcsException} with ECS's error
 * code. Backoffs are exponential with full jitter, as in the AWS SDKs ({@link Backoff}, the jitter
 * drawn from the random source given: the JVM's in production, a seeded one in a simulation).
 *
 * <p>The retry loop is public ({@link #retrying}) so that the simulator's in-process gateway, which
 * calls no SDK client, retries exactly as production does.
 */
public final class EcsCalls {

  private static final Logger LOG = LoggerFactory.getLogger(EcsCalls.class);

  /** ECS call attempts, tagged {@code operation} and {@code outcome}. */
  static final String CALLS = "daybreak.ecs.calls";

  /** Calls that waited for the client-side bucket instead of being throttled by ECS. */
  static final String THROTTLES_AVOIDED = "daybreak.ecs.throttles.avoided";

  /** ThrottlingExceptions ECS returned (each backed off and retried, never reported). */
  static final String THROTTLES_SUFFERED = "daybreak.ecs.throttles.suffered";

  private final GatewaySettings settings;
  private final Sleeper sleeper;
  private final MeterRegistry meters;
  private final Backoff throttled;
  private final Backoff failed;

  EcsCalls(GatewaySettings settings, Sleeper sleeper) {
    this(settings, sleeper, new CompositeMeterRegistry(), ThreadLocalRandom.current());
  }

  /**
   * Calls that wait through {@code sleeper}, with backoffs jittered from {@code random}.
   *
   * @param random must be safe for the threads that share these calls
   */
  public EcsCalls(GatewaySettings settings, Sleeper sleeper, RandomGenerator random) {
    this(settings, sleeper, new CompositeMeterRegistry(), random);
  }

  EcsCalls(
      GatewaySettings settings, Sleeper sleeper, MeterRegistry meters, RandomGenerator random) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.meters = Objects.requireNonNull(meters, "meters");
    this.throttled = fullJitter(settings.throttleBaseDelay(), settings.maxBackoff(), random);
    this.failed = fullJitter(settings.transientBaseDelay(), settings.maxBackoff(), random);
  }

  /** {@code base} doubling up to {@code max} (at least {@code base}), less up to all of it. */
  private static Backoff fullJitter(Duration base, Duration max, RandomGenerator random) {
    return new Backoff(base, max.compareTo(base) < 0 ? base : max, 1, random);
  }

  /**
   * Makes a call with the gateway's retries but no client-side bucket: for a caller that paces
   * itself, such as the simulator's in-process gateway.
   */
  public <T> T retrying(String operation, Supplier<T> call) {
    return attempts(operation, Optional.empty(), call);
  }

  /** Waits for a token, then makes the call (with retries, each after its own token). */
  <T> T call(String operation, TokenBucket bucket, Supplier<T> call) {
    pace(operation, bucket);
    return callPaced(operation, bucket, call);
  }

  /** Takes a token from {@code bucket}, waiting as long as its turn takes. */
  public Duration pace(String operation, TokenBucket bucket) {
    Duration wait = bucket.reserve();
    if (!wait.isZero() && !wait.isNegative()) {
      counter(THROTTLES_AVOIDED, operation).increment();
    }
    sleep(operation, wait);
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  /**
   * Makes a call whose first attempt's token was already taken with {@link #pace}; retries take
   * their own.
   */
  public <T> T callPaced(String operation, TokenBucket bucket, Supplier<T> call) {
    return attempts(operation, Optional.of(bucket), call);
  }

  private <T> T attempts(String operation, Optional<TokenBucket> bucket, Supplier<T> call) {
    int throttles = 0;
    int transientFailures = 0;
    for (boolean first = true; ; first = false) {
      if (!first) {
        bucket.ifPresent(b -> pace(operation, b));
      }
      try {
        T result = call.get();
        attempt(operation, "ok");
        return result;
      } catch (SdkException e) {
        if (isThrottle(e)) {
          attempt(operation, "throttled");
          counter(THROTTLES_SUFFERED, operation).increment();
          throttles++;
          bucket.ifPresent(TokenBucket::throttled);
          Duration backoff = throttled.delay(throttles);
          LOG.debug(
              "ECS throttled {} ({} in a row); retrying in {}", operation, throttles, backoff);
          sleep(operation, backoff);
        } else if (isTransient(e) && ++transientFailures < settings.transientAttempts()) {
          attempt(operation, "retried");
          Duration backoff = failed.delay(transientFailures);
          LOG.debug("ECS {} failed ({}); retrying in {}", operation, e.getMessage(), backoff);
          sleep(operation, backoff);
        } else {
          attempt(operation, "failed");
          throw toEcsException(operation, e);
        }
      }
    }
  }

  private void attempt(String operation, String outcome) {
    Counter.builder(CALLS)
        .description("ECS call attempts by operation and outcome")
        .tag("operation", operation)
        .tag("outcome", outcome)
        .register(meters)
        .increment();
  }

  private Counter counter(String name, String operation) {
    return Counter.builder(name).tag("operation", operation).register(meters);
  }

  static boolean isThrottle(SdkException e) {
    return e instanceof AwsServiceException ase && ase.isThrottlingException();
  }

  static boolean isTransient(SdkException e) {
    if (e instanceof SdkServiceException sse) {
      return sse.statusCode() >= 500 || sse.isRetryableException();
    }
    return e instanceof SdkClientException;
  }

  static EcsException toEcsException(String operation, SdkException e) {
    if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
      String code = Optional.ofNullable(ase.awsErrorDetails().errorCode()).orElse("Unknown");
      return new EcsException(
          code,
          "ECS "
              + operation
              + " failed with "
              + code
              + " (HTTP "
              + ase.statusCode()
              + "): "
              + Optional.ofNullable(ase.awsErrorDetails().errorMessage()).orElse(""),
          e);
    }
    if (e instanceof SdkServiceException sse) {
      return new EcsException(
          "HTTP" + sse.statusCode(), "ECS " + operation + " failed: " + e.getMessage(), e);
    }
    return new EcsException(
        "Unreachable", "ECS " + operation + " could not be reached: " + e.getMessage(), e);
  }

  private void sleep(String operation, Duration duration) {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EcsException(
          "Interrupted", "interrupted while waiting to call ECS " + operation, e);
    }
  }
}
