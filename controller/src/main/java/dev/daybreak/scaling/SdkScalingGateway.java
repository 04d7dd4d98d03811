package dev.daybreak.scaling;

import dev.daybreak.model.ScalingBounds;
import dev.daybreak.time.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.SuspendedState;

/**
 * The {@link ScalingGateway} on the AWS SDK v2 {@link ApplicationAutoScalingClient}. Throttling,
 * ConcurrentUpdateException (the API Reference: "Concurrent updates caused an exception, for
 * example, if you request an update to an Application Auto Scaling resource that already has a
 * pending update"), InternalServiceException and network errors are retried with doubling backoff,
 * up to {@link #ATTEMPTS} attempts; anything else is reported at once. Owns its client: {@link
 * #close()} it.
 */
public final class SdkScalingGateway implements ScalingGateway, AutoCloseable {

  /** DescribeScalableTargets takes at most 50 ResourceIds (API Reference). */
  static final int DESCRIBE_MAX = 50;

  /** Attempts of one call before its error is reported. */
  static final int ATTEMPTS = 6;

  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

  private final ApplicationAutoScalingClient client;
  private final Sleeper sleeper;

  public SdkScalingGateway(ApplicationAutoScalingClient client, Sleeper sleeper) {
    this.client = Objects.requireNonNull(client, "client");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  @Override
  public Map<String, ScalingBounds> targets(String cluster, Collection<String> ecsServices) {
    Map<String, String> serviceByResource = new LinkedHashMap<>();
    ecsServices.forEach(s -> serviceByResource.put(ScalingGateway.resourceId(cluster, s), s));
    List<String> ids = new ArrayList<>(serviceByResource.keySet());
    Map<String, ScalingBounds> out = new HashMap<>();
    for (int from = 0; from < ids.size(); from += DESCRIBE_MAX) {
      List<String> batch = ids.subList(from, Math.min(ids.size(), from + DESCRIBE_MAX));
      Optional<String> token = Optional.empty();
      do {
        Optional<String> next = token;
        DescribeScalableTargetsResponse page =
            call(
                "DescribeScalableTargets",
                () ->
                    client.describeScalableTargets(
                        r ->
                            r.serviceNamespace(ServiceNamespace.ECS)
                                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                                .resourceIds(batch)
                                .nextToken(next.orElse(null))));
        for (ScalableTarget t : page.scalableTargets()) {
          String service = serviceByResource.get(t.resourceId());
          if (service != null) {
            out.put(service, bounds(t));
          }
        }
        token = Optional.ofNullable(page.nextToken());
      } while (token.isPresent());
    }
    return out;
  }

  @Override
  public void set(String cluster, String ecsService, ScalingBounds b) {
    call(
        "RegisterScalableTarget",
        () ->
            client.registerScalableTarget(
                r ->
                    r.serviceNamespace(ServiceNamespace.ECS)
                        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                        .resourceId(ScalingGateway.resourceId(cluster, ecsService))
                        .minCapacity(b.min())
                        .maxCapacity(b.max())
                        .suspendedState(
                            s ->
                                s.dynamicScalingInSuspended(b.dynamicInSuspended())
                                    .dynamicScalingOutSuspended(b.dynamicOutSuspended())
                                    .scheduledScalingSuspended(b.scheduledSuspended()))));
  }

  @Override
  public void close() {
    client.close();
  }

  private static ScalingBounds bounds(ScalableTarget t) {
    SuspendedState s = t.suspendedState();
    return new ScalingBounds(
        t.minCapacity(),
        t.maxCapacity(),
        s != null && Boolean.TRUE.equals(s.dynamicScalingInSuspended()),
        s != null && Boolean.TRUE.equals(s.dynamicScalingOutSuspended()),
        s != null && Boolean.TRUE.equals(s.scheduledScalingSuspended()));
  }

  private <T> T call(String op, Supplier<T> attempt) {
    Duration backoff = FIRST_BACKOFF;
    for (int n = 1; ; n++) {
      try {
        return attempt.get();
      } catch (ApplicationAutoScalingException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        boolean retryable =
            e.isThrottlingException()
                || "ConcurrentUpdateException".equals(code)
                || "InternalServiceException".equals(code)
                || e.statusCode() >= 500;
        if (!retryable || n >= ATTEMPTS) {
          throw new ScalingException(
              op + " failed: " + code + ": " + e.awsErrorDetails().errorMessage(), e);
        }
      } catch (SdkClientException e) {
        if (n >= ATTEMPTS) {
          throw new ScalingException(op + " failed: " + e.getMessage(), e);
        }
      }
      try {
        sleeper.sleep(backoff);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ScalingException(op + " interrupted", e);
      }
      backoff = backoff.multipliedBy(2);
    }
  }
}
