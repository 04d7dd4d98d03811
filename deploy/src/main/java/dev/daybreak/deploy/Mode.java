package dev.daybreak.deploy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the controller runs in the account, chosen with {@code -c mode=...}. */
public enum Mode {
  /** A Lambda function run every minute by EventBridge, plus a Function URL for Slack. */
  SERVERLESS,
  /** A long-running ECS Fargate service with two replicas that share the work through leases. */
  SERVICE;

  /** The context value that selects this mode. */
  public String contextValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Mode fromContext(String value) {
    for (Mode mode : values()) {
      if (mode.contextValue().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return mode;
      }
    }
    throw new DeployConfigException(
        "context 'mode': expected one of "
            + Arrays.stream(values()).map(Mode::contextValue).collect(Collectors.joining(", "))
            + " but found '"
            + value
            + "'");
  }
}
