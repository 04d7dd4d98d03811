package dev.daybreak.ecssim;

import java.util.Objects;

/** An ECS error the simulator answers a call with. */
public final class SimException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final EcsError error;

  public SimException(EcsError error, String message) {
    super(message);
    this.error = Objects.requireNonNull(error, "error");
  }

  public EcsError error() {
    return error;
  }
}
