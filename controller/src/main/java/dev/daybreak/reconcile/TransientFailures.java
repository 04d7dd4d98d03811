package dev.daybreak.reconcile;

import dev.daybreak.ecs.EcsException;
import dev.daybreak.scaling.ScalingException;
import dev.daybreak.store.StoreException;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Which failures of a reconcile pass are expected while AWS is briefly unavailable (the state table
 * cannot be reached, ECS throttles or has a server error) and heal on a retry, as opposed to a bug
 * or a misconfiguration (a missing table, access denied) that someone must look at. The first are
 * logged on one WARN line; the others at ERROR with their stack trace, which the deploy/ alarm on
 * ERROR lines counts.
 */
public final class TransientFailures {

  /** ECS error codes ({@link EcsException#errorCode()}) that a later call may not meet. */
  private static final Set<String> TRANSIENT_ECS_CODES =
      Set.of("Unreachable", "ThrottlingException", "ServerException");

  // An SDK failure sits at most a few wrappers deep; a longer chain is not followed.
  private static final int MAX_DEPTH = 8;

  private TransientFailures() {}

  /**
   * True for a {@link StoreException}, {@link EcsException} or {@link ScalingException} caused by a
   * failure to reach AWS, a throttle or a server error (HTTP 5xx), and for ECS's {@code
   * Unreachable}, {@code ThrottlingException} and {@code ServerException}.
   */
  public static boolean isTransient(Throwable failure) {
    if (failure instanceof EcsException ecs
        && (TRANSIENT_ECS_CODES.contains(ecs.errorCode()) || ecs.errorCode().startsWith("HTTP5"))) {
      return true;
    }
    if (!(failure instanceof StoreException
        || failure instanceof EcsException
        || failure instanceof ScalingException)) {
      return false;
    }
    Throwable cause = failure.getCause();
    for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
      if (cause instanceof SdkClientException) {
        return true;
      }
      if (cause instanceof SdkServiceException service
          && (service.isThrottlingException() || service.statusCode() >= 500)) {
        return true;
      }
      cause = cause.getCause();
    }
    return false;
  }
}
