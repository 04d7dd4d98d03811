package dev.daybreak.chatops;

/**
 * A chat command that cannot be carried out as typed: the message says what was wrong and what
 * would be valid, and is shown to the person who typed it. Nothing was written.
 */
public final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
