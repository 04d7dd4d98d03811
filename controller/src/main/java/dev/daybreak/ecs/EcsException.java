package dev.daybreak.ecs;

import java.util.Objects;

/** ECS refused a call or could not be reached; {@link #errorCode()} is ECS's exception name. */
public final class EcsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String errorCode;

  public EcsException(String errorCode, String message, Throwable cause) {
    super(message, cause);
    this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
  }

  /** ECS's exception name, e.g. {@code ServiceNotFoundException}, or {@code Unreachable}. */
  public String errorCode() {
    return errorCode;
  }
}
