package dev.daybreak.store;

import java.util.List;
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
   * @param defaulted the attributes the item left out (or blank) that were read as their defaults:
   *     {@code requestedBy}, {@code reason}, {@code requestedAt}; only a hand edit has any
   */
  record Valid(StoredDesired stored, boolean handEdited, List<String> defaulted)
      implements DesiredRead {
    public Valid {
      Objects.requireNonNull(stored, "stored");
      defaulted = List.copyOf(defaulted);
    }

    /** An item with nothing defaulted. */
    public Valid(StoredDesired stored, boolean handEdited) {
      this(stored, handEdited, List.of());
    }
  }

  /**
   * A malformed item; never acted on.
   *
   * @param reason what is wrong and what would be valid, the value quoted safely (cut short,
   *     characters that do not show spelled out)
   * @param version the item's version attribute if readable, else 0
   * @param attribute the attribute at fault, e.g. {@code state}
   */
  record Invalid(String reason, long version, String attribute) implements DesiredRead {
    public Invalid {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(attribute, "attribute");
    }

    /**
     * For people: which item cannot be used, why, what would be valid, and how to fix it, e.g.
     * {@code the desired item of environment 'shop' (pk env#shop, sk desired) cannot be used:
     * attribute 'state' is 'AWAKEN'; expected AWAKE or ASLEEP ...}.
     */
    public String explained(String environment) {
      return "the desired item of environment '"
          + environment
          + "' ("
          + Items.PK
          + " "
          + Items.pk(environment)
          + ", "
          + Items.SK
          + " "
          + Items.DESIRED
          + ") cannot be used: "
          + reason
          + ". Nothing is done to the environment until it is fixed: correct '"
          + attribute
          + "' with any DynamoDB client, or replace the item with `daybreak wake "
          + environment
          + "` or `daybreak sleep "
          + environment
          + "`";
    }
  }
}
