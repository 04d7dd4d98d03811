package dev.daybreak.ecs;

import dev.daybreak.ratelimit.EcsQuotas;
import dev.daybreak.ratelimit.RateLimit;
import dev.daybreak.ratelimit.TokenBucket;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link SdkEcsGateway} spends ECS's API quota.
 *
 * @param reads the client-side bucket for DescribeServices
 * @param updates the client-side bucket for UpdateService
 * @param coalesceWindow how long a DescribeServices batch waits for more requests of the same
 *     cluster before it is sent (requests that arrive while a call is in flight join the next one
 *     anyway)
 * @param describeThreads how many DescribeServices calls may be in flight at once
 * @param transientAttempts attempts for a call failing with a server error or a network error
 * @param transientBaseDelay the first backoff after a server or network error
 * @param throttleBaseDelay the first backoff after a ThrottlingException
 * @param maxBackoff the longest backoff
 * @param eventsKept how many of a service's newest events an observation keeps
 */
public record GatewaySettings(
    RateLimit reads,
    RateLimit updates,
    Duration coalesceWindow,
    int describeThreads,
    int transientAttempts,
    Duration transientBaseDelay,
    Duration throttleBaseDelay,
    Duration maxBackoff,
    int eventsKept) {

  /**
   * The share of ECS's buckets a gateway allows itself by default ({@code --ecs-quota-share}).
   * ECS's quota is per account and region and shared with every other caller (console, CI, other
   * tools). Alone, daybreak gets within 2% of the quota; the 2% left builds up into a burst for
   * other callers' occasional calls, and keeps a client paced exactly at ECS's rate from being
   * throttled whenever an earlier call spent longer in flight than a later one. A caller that needs
   * more is made room for when ECS throttles daybreak: its buckets then slow down ({@link
   * TokenBucket#throttled}).
   */
  public static final double DEFAULT_QUOTA_SHARE = 0.98;

  public GatewaySettings {
    Objects.requireNonNull(reads, "reads");
    Objects.requireNonNull(updates, "updates");
    Objects.requireNonNull(coalesceWindow, "coalesceWindow");
    Objects.requireNonNull(transientBaseDelay, "transientBaseDelay");
    Objects.requireNonNull(throttleBaseDelay, "throttleBaseDelay");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (describeThreads < 1 || transientAttempts < 1 || eventsKept < 0) {
      throw new IllegalArgumentException(
          "describeThreads and transientAttempts must be >= 1 and eventsKept >= 0, were "
              + describeThreads
              + ", "
              + transientAttempts
              + ", "
              + eventsKept);
    }
  }

  /**
   * {@link #DEFAULT_QUOTA_SHARE} of ECS's buckets ({@link EcsQuotas}); a 5 ms coalescing window; 8
   * DescribeServices in flight; the AWS SDK's standard retry numbers (3 attempts, 100 ms base
   * delay, 1 s base delay after a throttle, 20 s at most); the 10 newest events. With several
   * controller replicas in one account and region, each scales its buckets to the shards it holds
   * ({@link #forShare}).
   */
  public static GatewaySettings defaults() {
    return withQuotaShare(DEFAULT_QUOTA_SHARE);
  }

  /**
   * The {@link #defaults()} with {@code share} of ECS's buckets instead ({@code
   * --ecs-quota-share}).
   *
   * @throws IllegalArgumentException unless {@code 0 < share <= 1}
   */
  public static GatewaySettings withQuotaShare(double share) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException(
          "the share of ECS's API quota must be above 0 and at most 1 (such as 0.98 or 0.5), was "
              + share);
    }
    return new GatewaySettings(
        EcsQuotas.SERVICE_READS.times(share),
        EcsQuotas.UPDATE_SERVICE.times(share),
        Duration.ofMillis(5),
        8,
        3,
        Duration.ofMillis(100),
        Duration.ofSeconds(1),
        Duration.ofSeconds(20),
        10);
  }

  /**
   * These settings for a replica holding {@code held} of {@code total} shards: both buckets scaled
   * by {@code held / total}, so replicas sharing an account's ECS quota together stay within it as
   * shards move between them. A replica holding no shard keeps one shard's share: it should make no
   * calls, but a bucket never gets a zero rate. With one shard the settings are unchanged.
   *
   * @throws IllegalArgumentException unless {@code 0 <= held <= total} and {@code total >= 1}
   */
  public GatewaySettings forShare(int held, int total) {
    if (total < 1 || held < 0 || held > total) {
      throw new IllegalArgumentException(
          "a quota share needs 0 <= held <= total and total >= 1, was " + held + "/" + total);
    }
    if (held >= total || total == 1) {
      return this;
    }
    double share = Math.max(1, held) / (double) total;
    return withReads(reads.times(share)).withUpdates(updates.times(share));
  }

  public GatewaySettings withUpdates(RateLimit updates) {
    return new GatewaySettings(
        reads,
        updates,
        coalesceWindow,
        describeThreads,
        transientAttempts,
        transientBaseDelay,
        throttleBaseDelay,
        maxBackoff,
        eventsKept);
  }

  public GatewaySettings withReads(RateLimit reads) {
    return new GatewaySettings(
        reads,
        updates,
        coalesceWindow,
        describeThreads,
        transientAttempts,
        transientBaseDelay,
        throttleBaseDelay,
        maxBackoff,
        eventsKept);
  }

  public GatewaySettings withBackoff(
      Duration transientBaseDelay, Duration throttleBaseDelay, Duration maxBackoff) {
    return new GatewaySettings(
        reads,
        updates,
        coalesceWindow,
        describeThreads,
        transientAttempts,
        transientBaseDelay,
        throttleBaseDelay,
        maxBackoff,
        eventsKept);
  }
}
