package dev.daybreak.deploy;

/** The CDK context does not describe a deployable daybreak; the message names the key. */
public final class DeployConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DeployConfigException(String message) {
    super(message);
  }
}
