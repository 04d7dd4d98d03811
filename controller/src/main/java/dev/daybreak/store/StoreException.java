package dev.daybreak.store;

/**
 * The store cannot be used: DynamoDB is unreachable, the table is missing or has the wrong key
 * schema, access is denied, or an item only daybreak writes is damaged. The message says which and
 * what to do.
 */
public final class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
