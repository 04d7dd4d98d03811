package dev.daybreak.store;

import dev.daybreak.model.State;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An audit item ({@code pk=env#<name>, sk=audit#<time>#v<version>}): {@code who}, {@code when},
 * {@code from}, {@code to}, {@code until}, {@code reason}, {@code via}, the desired item's {@code
 * version} it records, and for a hand edit that left attributes out, {@code defaulted} (a list of
 * their names).
 *
 * <p>The sort key is a function of the desired value it records (the time daybreak accepted it and
 * its version), so writing it twice writes the same item: that is what makes the audit write
 * idempotent and repairable.
 */
final class AuditItem {

  static final String WHO = "who";
  static final String WHEN = "when";
  static final String FROM = "from";
  static final String TO = "to";
  static final String UNTIL = "until";
  static final String REASON = "reason";
  static final String VIA = "via";
  static final String VERSION = "version";
  static final String DEFAULTED = "defaulted";

  /** An audit entry and the version of the desired value it records. */
  record Record(AuditEntry entry, long version) {}

  private AuditItem() {}

  static String sortKey(Record record) {
    return Items.AUDIT_PREFIX
        + Items.sortable(record.entry().at())
        + "#v"
        + String.format("%019d", record.version());
  }

  /**
   * The item's attributes; {@link ReplayLedger#EXPIRES_AT} (the table's TTL attribute) is the
   * entry's time plus {@code retention}, so DynamoDB deletes it once it is that old.
   */
  static Map<String, AttributeValue> attributes(Record record, Duration retention) {
    AuditEntry entry = record.entry();
    Map<String, AttributeValue> set = new HashMap<>();
    set.put(ReplayLedger.EXPIRES_AT, Items.n(entry.at().plus(retention).getEpochSecond()));
    set.put(WHO, Items.s(entry.who()));
    set.put(WHEN, Items.instant(entry.at()));
    entry.from().ifPresent(f -> set.put(FROM, Items.s(f.name())));
    set.put(TO, Items.s(entry.to().name()));
    entry.until().ifPresent(u -> set.put(UNTIL, Items.instant(u)));
    set.put(REASON, Items.s(entry.reason()));
    set.put(VIA, Items.s(entry.via().wireName()));
    set.put(VERSION, Items.n(record.version()));
    if (!entry.defaulted().isEmpty()) {
      set.put(DEFAULTED, AttributeValue.fromL(entry.defaulted().stream().map(Items::s).toList()));
    }
    return set;
  }

  /** Reads an audit item; empty when it is not one daybreak wrote (it is then left out). */
  static Optional<AuditEntry> read(Map<String, AttributeValue> item) {
    try {
      Optional<Via> via = DesiredItem.via(Items.requiredString(item, VIA, "a via"));
      Optional<State> to = state(Items.requiredString(item, TO, "a state"));
      if (via.isEmpty() || to.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new AuditEntry(
              Items.requiredInstant(item, WHEN),
              Items.requiredString(item, WHO, "who"),
              via.get(),
              Items.optionalString(item, FROM).flatMap(AuditItem::state),
              to.get(),
              Items.optionalString(item, UNTIL).flatMap(Items::parseInstant),
              Items.optionalString(item, REASON).orElse(""),
              defaulted(item)));
    } catch (Items.InvalidAttributeException e) {
      return Optional.empty();
    }
  }

  /** The attributes the entry says were defaulted; what is not a list of strings reads as none. */
  private static List<String> defaulted(Map<String, AttributeValue> item) {
    AttributeValue value = item.get(DEFAULTED);
    if (value == null || value.type() != AttributeValue.Type.L) {
      return List.of();
    }
    return value.l().stream()
        .filter(v -> v.type() == AttributeValue.Type.S)
        .map(AttributeValue::s)
        .toList();
  }

  private static Optional<State> state(String name) {
    try {
      return Optional.of(State.valueOf(name));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
