package dev.daybreak.store;

/** A conditional write lost: the item's version was not the one expected. Nothing was written. */
public final class ConflictException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }
}
