package dev.daybreak.sandbox;

import dev.daybreak.ecssim.AutoScaling;
import dev.daybreak.ecssim.EcsSimulator;
import dev.daybreak.ecssim.ScalableTargetView;
import dev.daybreak.ecssim.ScalingError;
import dev.daybreak.ecssim.ScalingPage;
import dev.daybreak.ecssim.ScalingRequests;
import dev.daybreak.ecssim.Suspension;
import dev.daybreak.model.ScalingBounds;
import dev.daybreak.scaling.ScalingException;
import dev.daybreak.scaling.ScalingGateway;
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
import java.util.OptionalInt;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;

/**
 * A {@link ScalingGateway} that calls the simulator's Application Auto Scaling ({@link
 * EcsSimulator#autoScaling()}) in-process, as {@link SimEcsGateway} does for ECS: no HTTP, no
 * threads, so a deterministic simulation drives the real reconciler's scaling-bounds steps.
 *
 * <p>It makes the calls {@link dev.daybreak.scaling.SdkScalingGateway} makes
 * (DescribeScalableTargets with at most 50 ResourceIds per call, paginated; RegisterScalableTarget
 * with min, max and every member of SuspendedState), logged under {@link SimEcsGateway#CALLER}.
 * Errors as the SDK gateway treats them: {@code InternalServiceException} (the simulator's only
 * retryable error) is retried with a deterministic doubling backoff through the {@link Sleeper}
 * (which moves the virtual clock in a simulation), up to {@link #ATTEMPTS} attempts; anything else
 * is a {@link ScalingException} at once.
 */
public final class SimScalingGateway implements ScalingGateway {

  /** Attempts of a retryable call, as the SDK gateway's. */
  static final int ATTEMPTS = 4;

  private static final int DESCRIBE_MAX = AutoScaling.MAX_RESULTS;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

  private final EcsSimulator ecs;
  private final Sleeper sleeper;

  public SimScalingGateway(EcsSimulator ecs, Sleeper sleeper) {
    this.ecs = Objects.requireNonNull(ecs, "ecs");
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
        ScalingPage<ScalableTargetView> page =
            call(
                "DescribeScalableTargets",
                () ->
                    ecs.autoScaling()
                        .describeTargets(
                            SimEcsGateway.CALLER,
                            AutoScaling.ECS,
                            batch,
                            Optional.of(AutoScaling.DESIRED_COUNT),
                            OptionalInt.empty(),
                            next));
        for (ScalableTargetView t : page.items()) {
          String service = serviceByResource.get(t.resourceId());
          if (service != null) {
            Suspension s = t.suspended();
            out.put(
                service,
                new ScalingBounds(
                    t.minCapacity(),
                    t.maxCapacity(),
                    s.dynamicIn(),
                    s.dynamicOut(),
                    s.scheduled()));
          }
        }
        token = page.nextToken();
      } while (token.isPresent());
    }
    return out;
  }

  @Override
  public void set(String cluster, String ecsService, ScalingBounds b) {
    call(
        "RegisterScalableTarget",
        () ->
            ecs.autoScaling()
                .register(
                    SimEcsGateway.CALLER,
                    new ScalingRequests.Register(
                        AutoScaling.ECS,
                        ScalingGateway.resourceId(cluster, ecsService),
                        AutoScaling.DESIRED_COUNT,
                        OptionalInt.of(b.min()),
                        OptionalInt.of(b.max()),
                        Optional.of(b.dynamicInSuspended()),
                        Optional.of(b.dynamicOutSuspended()),
                        Optional.of(b.scheduledSuspended()))));
  }

  private <T> T call(String op, Supplier<T> attempt) {
    Duration backoff = FIRST_BACKOFF;
    for (int n = 1; ; n++) {
      try {
        return attempt.get();
      } catch (dev.daybreak.ecssim.ScalingException e) {
        // The simulator models InternalServiceException (its blackouts among them) as the
        // retryable error; the rest are the caller's mistakes.
        if (e.error() != ScalingError.InternalServiceException || n >= ATTEMPTS) {
          // The cause is the SDK's exception for the same answer, as the SDK gateway's is, so that
          // what is transient (HTTP 5xx) is told apart as it is in production.
          throw new ScalingException(
              op + " failed: " + e.error().name() + ": " + e.getMessage(),
              ApplicationAutoScalingException.builder()
                  .message(e.getMessage())
                  .statusCode(e.error().httpStatus())
                  .awsErrorDetails(
                      AwsErrorDetails.builder()
                          .errorCode(e.error().name())
                          .errorMessage(e.getMessage())
                          .serviceName("ApplicationAutoScaling")
                          .build())
                  .cause(e)
                  .build());
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
