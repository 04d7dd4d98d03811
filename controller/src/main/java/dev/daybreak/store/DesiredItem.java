package dev.daybreak.store;

import dev.daybreak.model.DesiredState;
import dev.daybreak.model.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The desired item ({@code pk=env#<name>, sk=desired}): reading it tolerantly (it may have been
 * edited by hand with any DynamoDB client) and writing it with daybreak's bookkeeping.
 *
 * <p>People write {@code state} (the only attribute they must write), {@code until}, {@code
 * services}, {@code requestedBy}, {@code reason}, {@code requestedAt} and {@code pinned} (BOOL,
 * absent means false). daybreak also keeps {@code version} (the optimistic lock), {@code
 * fingerprint} (to notice hand edits), {@code via} and {@code changedAt} (how and when daybreak
 * accepted the current value; the audit entry of that value is keyed by them).
 */
final class DesiredItem {

  static final String STATE = "state";
  static final String UNTIL = "until";
  static final String SERVICES = "services";
  static final String REQUESTED_BY = "requestedBy";
  static final String REASON = "reason";
  static final String REQUESTED_AT = "requestedAt";
  static final String VERSION = "version";
  static final String FINGERPRINT = "fingerprint";
  static final String VIA = "via";
  static final String CHANGED_AT = "changedAt";
  static final String PINNED = "pinned";

  /** Every attribute daybreak reads or writes on the item, for "unchanged since read" checks. */
  private static final List<String> ATTRIBUTES =
      List.of(
          STATE,
          UNTIL,
          SERVICES,
          REQUESTED_BY,
          REASON,
          REQUESTED_AT,
          VERSION,
          FINGERPRINT,
          VIA,
          CHANGED_AT,
          PINNED);

  /**
   * The attributes the resync's index ({@link Items#BY_SORT_KEY_INDEX}) projects besides the keys:
   * what {@link #read} needs. A spec item carries none of them, so its index entry is its keys
   * alone, not its manifest.
   */
  static List<String> projected() {
    return ATTRIBUTES;
  }

  private static final String VALID_STATES =
      Arrays.stream(State.values()).map(Enum::name).collect(Collectors.joining(" or "));

  private DesiredItem() {}

  /** Who a hand edit that names nobody was requested by. */
  static final String HAND_EDIT = "dynamodb (hand edit)";

  /**
   * Reads an item as found; never throws for a malformed one. Only {@code state} is required:
   * {@code requestedBy} defaults to {@link #HAND_EDIT}, {@code reason} to empty and {@code
   * requestedAt} to {@code seenAt} (the time of this read; daybreak stores it when it adopts the
   * edit, so it then stays). An item with a defaulted attribute is a hand edit: daybreak never
   * writes one.
   *
   * @param seenAt when the item is read
   */
  static DesiredRead read(Optional<Map<String, AttributeValue>> item, Instant seenAt) {
    if (item.isEmpty()) {
      return new DesiredRead.Absent();
    }
    Map<String, AttributeValue> attributes = item.get();
    long version;
    try {
      version = Items.optionalCount(attributes, VERSION).orElse(0L);
    } catch (Items.InvalidAttributeException e) {
      return new DesiredRead.Invalid(
          e.getMessage() + "; it is daybreak's write counter", 0, e.attribute());
    }
    try {
      List<String> defaulted = new ArrayList<>();
      DesiredState desired = parse(attributes, seenAt, defaulted);
      boolean pinned = Items.optionalBool(attributes, PINNED);
      boolean handEdited =
          !defaulted.isEmpty()
              || !Items.optionalString(attributes, FINGERPRINT)
                  .map(Fingerprint.of(desired, version, pinned)::equals)
                  .orElse(false);
      Optional<Instant> acceptedAt =
          handEdited
              ? Optional.empty()
              : Items.optionalString(attributes, CHANGED_AT).flatMap(Items::parseInstant);
      return new DesiredRead.Valid(
          new StoredDesired(desired, version, pinned, acceptedAt), handEdited, defaulted);
    } catch (Items.InvalidAttributeException e) {
      return new DesiredRead.Invalid(e.getMessage(), version, e.attribute());
    }
  }

  /** The version of an item as found: 0 when absent or unreadable (what a writer must expect). */
  static long versionOf(Optional<Map<String, AttributeValue>> item) {
    DesiredRead read = read(item, Instant.EPOCH);
    if (read instanceof DesiredRead.Valid valid) {
      return valid.stored().version();
    }
    return read instanceof DesiredRead.Invalid invalid ? invalid.version() : 0;
  }

  /**
   * Whether a fresh read of the item holds the value {@code seen} was read as: the same, or the
   * same but for a {@code requestedAt} each read defaults to its own time.
   */
  static boolean holds(DesiredRead.Valid now, StoredDesired seen) {
    StoredDesired found = now.stored();
    if (now.defaulted().contains(REQUESTED_AT)) {
      DesiredState d = found.desired();
      found =
          new StoredDesired(
              new DesiredState(
                  d.state(),
                  d.until(),
                  d.services(),
                  d.requestedBy(),
                  d.reason(),
                  seen.desired().requestedAt()),
              found.version(),
              found.pinned(),
              found.acceptedAt());
    }
    return found.equals(seen);
  }

  private static DesiredState parse(
      Map<String, AttributeValue> item, Instant seenAt, List<String> defaulted) {
    String stateText = Items.requiredString(item, STATE, VALID_STATES + " (S)");
    State state =
        State.parse(stateText)
            .orElseThrow(
                () ->
                    new Items.InvalidAttributeException(
                        STATE,
                        "is "
                            + Items.quoted(stateText)
                            + "; expected "
                            + VALID_STATES
                            + " (in any case; blanks around it are ignored)"));
    Optional<Instant> until = until(item);
    Optional<String> requestedBy =
        Items.optionalString(item, REQUESTED_BY).filter(by -> !by.isBlank());
    if (requestedBy.isEmpty()) {
      defaulted.add(REQUESTED_BY);
    }
    Optional<String> reason = Items.optionalString(item, REASON);
    if (reason.isEmpty()) {
      defaulted.add(REASON);
    }
    Instant requestedAt;
    if (Items.optionalString(item, REQUESTED_AT).filter(at -> !at.isBlank()).isPresent()) {
      requestedAt = Items.requiredInstant(item, REQUESTED_AT);
    } else {
      requestedAt = seenAt;
      defaulted.add(REQUESTED_AT);
    }
    return new DesiredState(
        state,
        until,
        services(item),
        requestedBy.orElse(HAND_EDIT),
        reason.orElse(""),
        requestedAt);
  }

  /** {@code until} may be absent, NULL or empty (no expiry), or an ISO-8601 instant. */
  private static Optional<Instant> until(Map<String, AttributeValue> item) {
    AttributeValue value = item.get(UNTIL);
    if (value == null || value.type() == AttributeValue.Type.NUL) {
      return Optional.empty();
    }
    String text = Items.optionalString(item, UNTIL).orElseThrow();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Items.requiredInstant(item, UNTIL));
  }

  /** {@code services} may be absent or NULL (all), a list of strings, or a string set. */
  private static Set<String> services(Map<String, AttributeValue> item) {
    AttributeValue value = item.get(SERVICES);
    if (value == null || value.type() == AttributeValue.Type.NUL) {
      return Set.of();
    }
    List<String> names = new ArrayList<>();
    if (value.type() == AttributeValue.Type.SS) {
      names.addAll(value.ss());
    } else if (value.type() == AttributeValue.Type.L) {
      for (AttributeValue element : value.l()) {
        if (element.type() != AttributeValue.Type.S || element.s().isBlank()) {
          throw new Items.InvalidAttributeException(
              SERVICES,
              "must list service names as strings (L of S), found "
                  + Items.describeType(element)
                  + " "
                  + element);
        }
        names.add(element.s());
      }
    } else {
      throw new Items.InvalidAttributeException(
          SERVICES, "must be a list of service names (L of S), found " + Items.describeType(value));
    }
    return new LinkedHashSet<>(names);
  }

  /** The attributes daybreak sets for a desired value at {@code version}. */
  static Map<String, AttributeValue> attributes(
      DesiredState desired, boolean pinned, long version, Via via, Instant changedAt) {
    Map<String, AttributeValue> set = new HashMap<>();
    if (pinned) {
      set.put(PINNED, AttributeValue.fromBool(true));
    }
    set.put(STATE, Items.s(desired.state().name()));
    desired.until().ifPresent(u -> set.put(UNTIL, Items.instant(u)));
    if (!desired.services().isEmpty()) {
      set.put(
          SERVICES,
          AttributeValue.fromL(desired.services().stream().sorted().map(Items::s).toList()));
    }
    set.put(REQUESTED_BY, Items.s(desired.requestedBy()));
    set.put(REASON, Items.s(desired.reason()));
    set.put(REQUESTED_AT, Items.instant(desired.requestedAt()));
    set.put(VERSION, Items.n(version));
    set.put(FINGERPRINT, Items.s(Fingerprint.of(desired, version, pinned)));
    set.put(VIA, Items.s(via.wireName()));
    set.put(CHANGED_AT, Items.instant(changedAt));
    return set;
  }

  /** The optional attributes a desired value leaves out, so a write removes stale ones. */
  static Set<String> removals(DesiredState desired, boolean pinned) {
    Set<String> remove = new LinkedHashSet<>();
    if (!pinned) {
      remove.add(PINNED);
    }
    if (desired.until().isEmpty()) {
      remove.add(UNTIL);
    }
    if (desired.services().isEmpty()) {
      remove.add(SERVICES);
    }
    return remove;
  }

  /**
   * Holds when the item is exactly as it was read: every attribute daybreak knows has the value
   * read, or is still absent. The version alone cannot be the lock, because a hand edit does not
   * bump it; this also catches a hand edit that lands between our read and our write.
   */
  static WriteCondition unchangedSince(Optional<Map<String, AttributeValue>> read) {
    Map<String, AttributeValue> item = read.orElse(Map.of());
    List<WriteCondition> parts = new ArrayList<>();
    for (String attribute : ATTRIBUTES) {
      parts.add(WriteCondition.unchanged(attribute, Optional.ofNullable(item.get(attribute))));
    }
    return new WriteCondition.All(parts);
  }

  /**
   * The audit entry of the value the item holds, rebuilt from the item alone (for repair after a
   * crash between the desired write and its audit write); empty unless daybreak stamped the item.
   */
  static Optional<AuditItem.Record> auditOf(Map<String, AttributeValue> item) {
    DesiredRead read = read(Optional.of(item), Instant.EPOCH);
    if (!(read instanceof DesiredRead.Valid valid) || valid.handEdited()) {
      return Optional.empty();
    }
    try {
      Optional<Via> via = Items.optionalString(item, VIA).flatMap(DesiredItem::via);
      Optional<String> changedAt = Items.optionalString(item, CHANGED_AT);
      if (via.isEmpty() || changedAt.isEmpty()) {
        return Optional.empty();
      }
      Optional<Instant> at = Items.parseInstant(changedAt.get());
      DesiredState desired = valid.stored().desired();
      return at.map(
          when ->
              new AuditItem.Record(
                  new AuditEntry(
                      when,
                      desired.requestedBy(),
                      via.get(),
                      Optional.empty(),
                      desired.state(),
                      desired.until(),
                      desired.reason()),
                  valid.stored().version()));
    } catch (Items.InvalidAttributeException e) {
      return Optional.empty();
    }
  }

  static Optional<Via> via(String wireName) {
    return Arrays.stream(Via.values()).filter(v -> v.wireName().equals(wireName)).findFirst();
  }
}
