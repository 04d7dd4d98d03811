package dev.daybreak.scaling;

/** Application Auto Scaling refused a call, or could not be reached after retries. */
public final class ScalingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ScalingException(String message) {
    super(message);
  }

  public ScalingException(String message, Throwable cause) {
    super(message, cause);
  }
}
