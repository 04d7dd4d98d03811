package dev.daybreak.store;

import java.util.Objects;

/** The outcome of reading a desired item: it may be absent, valid, or malformed. */
public sealed interface DesiredRead {

  /** No desired item exists. */
  record Absent() implements DesiredRead {}

  /**
   * A well-formed item.
   *
   * @param stored the item
   * @param handEdited true when the item was changed by something other than daybreak since
   *     daybreak last wrote it (e.g. a raw UpdateItem that set only {@code state})
   */
  record Valid(StoredDesired stored, boolean handEdited) implements DesiredRead {
    public Valid {
      Objects.requireNonNull(stored, "stored");
    }
  }

  /**
   * A malformed item; never acted on.
   *
   * @param reason what is wrong and what would be valid
   * @param version the item's version attribute if readable, else 0
   */
  record Invalid(String reason, long version) implements DesiredRead {
    public Invalid {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
