package dev.daybreak.ecs;

import dev.daybreak.model.AdmissionLine;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.ratelimit.TokenBucket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits the passes that would start a wake or sleep to the UpdateService budget they would use:
 * one {@link AdmissionLine} per client-side bucket (per account and region, at this replica's share
 * of it), fed with what the bucket holds now. A gateway without a bucket ({@link
 * EcsGateway#scaleBucket}) admits every pass.
 */
public final class ScaleAdmission {

  private static final Logger LOG = LoggerFactory.getLogger(ScaleAdmission.class);

  private final Clock clock;
  private final Map<TokenBucket, AdmissionLine> lines = new ConcurrentHashMap<>();

  public ScaleAdmission(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Whether a pass of {@code environment} may go on: empty when it may; else how long to wait
   * before its next pass, which should observe nothing meanwhile.
   *
   * @param ecs the gateway its UpdateService calls would go through
   * @param status its status as last written
   * @param desired what it should be
   * @param services its services (about the UpdateService turns its operation takes)
   */
  public Optional<Duration> waitFor(
      EcsGateway ecs,
      String environment,
      EnvironmentStatus status,
      DesiredState desired,
      int services) {
    Optional<TokenBucket> bucket = ecs.scaleBucket();
    if (bucket.isEmpty()) {
      return Optional.empty();
    }
    TokenBucket b = bucket.get();
    AdmissionLine line = lines.computeIfAbsent(b, k -> new AdmissionLine());
    AdmissionLine.Decision decision =
        line.decide(
            environment,
            AdmissionLine.pending(status, desired),
            desired.requestedAt(),
            services,
            new AdmissionLine.Budget(b.available(), b.rate()),
            clock.instant());
    if (decision.admitted()) {
      return Optional.empty();
    }
    LOG.debug(
        "waiting to start: {} environment(s) requested earlier are ahead and the UpdateService"
            + " budget has no spare turn; checking again in {}",
        decision.ahead(),
        decision.recheckAfter());
    return Optional.of(decision.recheckAfter());
  }

  /** Environments waiting to start, over every bucket (for metrics). */
  public int waiting() {
    return lines.values().stream().mapToInt(AdmissionLine::waiting).sum();
  }
}
