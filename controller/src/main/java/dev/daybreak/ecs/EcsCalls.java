package dev.daybreak.ecs;

import dev.daybreak.ratelimit.TokenBucket;
import dev.daybreak.time.Sleeper;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Makes one ECS call the way the gateway must: each attempt first takes a token from the call's
 * client-side bucket (waiting its turn); a throttle empties the bucket, backs off and tries again,
 * for as long as ECS keeps throttling; a server or network error is retried a few times; anything
 * else, or the last transient failure, becomes an {@link EcsException} with ECS's error code.
 * Backoffs are exponential with full jitter, as in the AWS SDKs.
 */
final class EcsCalls {

  private static final Logger LOG = LoggerFactory.getLogger(EcsCalls.class);

  private final GatewaySettings settings;
  private final Sleeper sleeper;

  EcsCalls(GatewaySettings settings, Sleeper sleeper) {
    this.settings = settings;
    this.sleeper = sleeper;
  }

  /** Waits for a token, then makes the call (with retries, each after its own token). */
  <T> T call(String operation, TokenBucket bucket, Supplier<T> call) {
    pace(operation, bucket);
    return callPaced(operation, bucket, call);
  }

  /** Takes a token from {@code bucket}, waiting as long as its turn takes. */
  void pace(String operation, TokenBucket bucket) {
    sleep(operation, bucket.reserve());
  }

  /**
   * Makes a call whose first attempt's token was already taken with {@link #pace}; retries take
   * their own.
   */
  <T> T callPaced(String operation, TokenBucket bucket, Supplier<T> call) {
    int throttles = 0;
    int transientFailures = 0;
    for (boolean first = true; ; first = false) {
      if (!first) {
        pace(operation, bucket);
      }
      try {
        return call.get();
      } catch (SdkException e) {
        if (isThrottle(e)) {
          throttles++;
          bucket.drain();
          Duration backoff = backoff(settings.throttleBaseDelay(), throttles);
          LOG.debug(
              "ECS throttled {} ({} in a row); retrying in {}", operation, throttles, backoff);
          sleep(operation, backoff);
        } else if (isTransient(e) && ++transientFailures < settings.transientAttempts()) {
          Duration backoff = backoff(settings.transientBaseDelay(), transientFailures);
          LOG.debug("ECS {} failed ({}); retrying in {}", operation, e.getMessage(), backoff);
          sleep(operation, backoff);
        } else {
          throw toEcsException(operation, e);
        }
      }
    }
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

  private Duration backoff(Duration base, int attempt) {
    long ceiling = settings.maxBackoff().toNanos();
    long exponential = base.toNanos();
    for (int i = 1; i < attempt && exponential < ceiling; i++) {
      exponential *= 2;
    }
    ceiling = Math.min(ceiling, exponential);
    return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling + 1));
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
