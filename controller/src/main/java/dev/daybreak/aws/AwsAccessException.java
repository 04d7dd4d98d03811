package dev.daybreak.aws;

/**
 * The controller cannot act as an environment's {@link AwsTarget}: its role cannot be assumed, or
 * its region does not answer. Only the environments behind that target are affected.
 */
public final class AwsAccessException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The condition reason for a role that cannot be assumed. */
  public static final String ASSUME_ROLE_FAILED = "AssumeRoleFailed";

  /** The condition reason for a region whose endpoints do not answer. */
  public static final String UNREACHABLE = "AwsUnreachable";

  /** The condition reason for a target the running mode cannot reach (e.g. the sandbox). */
  public static final String UNSUPPORTED = "AwsTargetUnsupported";

  private final String reason;

  /** A target that a gateway of one account and region (simulator, sandbox) cannot reach. */
  public static AwsAccessException unsupported(AwsTarget target, String service) {
    return new AwsAccessException(
        UNSUPPORTED,
        "this controller's "
            + service
            + " reaches only its own account, not "
            + target.roleArn().map(r -> "role " + r).orElse("another account")
            + "; run the controller against AWS or ecs-sim (daybreak run) to reach other accounts",
        null);
  }

  public AwsAccessException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** {@link #ASSUME_ROLE_FAILED}, {@link #UNREACHABLE} or {@link #UNSUPPORTED}. */
  public String reason() {
    return reason;
  }
}
