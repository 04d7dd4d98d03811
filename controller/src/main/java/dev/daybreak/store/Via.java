package dev.daybreak.store;

import java.util.Locale;

/** How a desired-state change reached daybreak; recorded in the audit. */
public enum Via {
  /** The daybreak CLI. */
  CLI,
  /** A Slack command or button. */
  SLACK,
  /** The environment's schedule. */
  SCHEDULE,
  /** Someone edited the DynamoDB item directly. */
  DYNAMODB;

  /** The value stored in the audit item: {@code cli}, {@code slack}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
