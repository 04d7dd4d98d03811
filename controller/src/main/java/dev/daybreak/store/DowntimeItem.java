package dev.daybreak.store;

import dev.daybreak.model.savings.Architecture;
import dev.daybreak.model.savings.Capacity;
import dev.daybreak.model.savings.Downtime;
import dev.daybreak.model.savings.OsFamily;
import dev.daybreak.model.savings.TaskSize;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A downtime item ({@code pk=env#<name>, sk=was-down#<from>#<service>}): a stretch a service was
 * kept at zero, with the count it would have run and one task's size then ({@code cpu}, {@code
 * memory}, {@code architecture}, {@code os}, {@code capacity}, {@code storage}), and {@code
 * expiresAt} (the table's TTL attribute) {@link #RETENTION} after it ended.
 *
 * <p>The sort key is a function of where the downtime began, so a pass that records it again (after
 * its status write lost a race) overwrites the same item rather than counting it twice.
 */
final class DowntimeItem {

  /**
   * Sorts after {@code status} (and {@code thread}), outside the {@code desired..status} range a
   * pass reads its environment's items from, so history never adds to a pass's reads.
   */
  static final String PREFIX = "was-down#";

  static final String SERVICE = "service";
  static final String FROM = "from";
  static final String TO = "to";
  static final String COUNT = "count";
  static final String CPU = "cpu";
  static final String MEMORY = "memory";
  static final String ARCHITECTURE = "architecture";
  static final String OS = "os";
  static final String CAPACITY = "capacity";
  static final String STORAGE = "storage";

  /**
   * How long a downtime is kept after it ended ({@link StateStore#DOWNTIME_RETENTION}), so {@code
   * daybreak savings --month} answers for every month of the past year. History costs storage only:
   * the resync reads the spec and desired items through the {@code bySortKey} index, never the
   * whole table (docs/cost.md).
   */
  static final Duration RETENTION = StateStore.DOWNTIME_RETENTION;

  private DowntimeItem() {}

  static String sortKey(Downtime d) {
    return PREFIX + Items.sortable(d.from()) + "#" + d.service();
  }

  static Map<String, AttributeValue> attributes(Downtime d) {
    Map<String, AttributeValue> set = new HashMap<>();
    set.put(SERVICE, Items.s(d.service()));
    set.put(FROM, Items.instant(d.from()));
    set.put(TO, Items.instant(d.to()));
    set.put(COUNT, Items.n(d.count()));
    d.size()
        .ifPresent(
            size -> {
              set.put(CPU, Items.n(size.cpuUnits()));
              set.put(MEMORY, Items.n(size.memoryMib()));
              set.put(ARCHITECTURE, Items.s(size.architecture().name()));
              set.put(OS, Items.s(size.os().name()));
              set.put(CAPACITY, Items.s(size.capacity().name()));
              set.put(STORAGE, Items.n(size.ephemeralStorageGib()));
            });
    set.put(ReplayLedger.EXPIRES_AT, Items.n(d.to().plus(RETENTION).getEpochSecond()));
    return set;
  }

  /** Reads a downtime item; empty when it is not one daybreak wrote (it is then left out). */
  static Optional<Downtime> read(Map<String, AttributeValue> item) {
    try {
      Optional<TaskSize> size = Optional.empty();
      if (item.containsKey(CPU)) {
        size =
            Optional.of(
                new TaskSize(
                    (int) Items.requiredCount(item, CPU),
                    (int) Items.requiredCount(item, MEMORY),
                    Architecture.valueOf(
                        Items.requiredString(item, ARCHITECTURE, "X86_64 or ARM64")),
                    OsFamily.valueOf(Items.requiredString(item, OS, "LINUX or WINDOWS")),
                    Capacity.valueOf(
                        Items.requiredString(item, CAPACITY, "FARGATE or FARGATE_SPOT")),
                    (int) Items.requiredCount(item, STORAGE)));
      }
      return Optional.of(
          new Downtime(
              Items.requiredString(item, SERVICE, "a service name"),
              Items.requiredInstant(item, FROM),
              Items.requiredInstant(item, TO),
              (int) Items.requiredCount(item, COUNT),
              size));
    } catch (Items.InvalidAttributeException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
