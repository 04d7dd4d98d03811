package dev.daybreak.ecssim;

import java.util.Objects;

/** An Application Auto Scaling error the simulator answers a call with. */
public final class ScalingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ScalingError error;

  public ScalingException(ScalingError error, String message) {
    super(message);
    this.error = Objects.requireNonNull(error, "error");
  }

  public ScalingError error() {
    return error;
  }
}
