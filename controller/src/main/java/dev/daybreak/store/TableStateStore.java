package dev.daybreak.store;

import dev.daybreak.manifests.Manifest;
import dev.daybreak.model.DesiredState;
import dev.daybreak.model.EnvironmentStatus;
import dev.daybreak.model.State;
import dev.daybreak.model.savings.Downtime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The store's logic, written once against {@link Table}, so the DynamoDB and in-memory stores
 * cannot differ in what they accept, reject or record.
 *
 * <h2>Desired writes and their audit without transactions</h2>
 *
 * dynalite (our DynamoDB stand-in) has no TransactWriteItems, so a desired write and its audit
 * entry are two writes. They are ordered and keyed so that every accepted write ends up with
 * exactly one audit entry:
 *
 * <ol>
 *   <li>The desired item is written first, conditionally. A write that loses the condition changes
 *       nothing and records nothing, so a rejected write never has an audit entry.
 *   <li>The audit entry is written second, under a key that is a function of the accepted value
 *       alone ({@code audit#<changedAt>#v<version>}, both stored on the desired item). Writing it
 *       again writes the same item, so retries never duplicate it.
 *   <li>If the writer dies between the two, the desired item still carries everything the entry
 *       needs ({@code requestedBy}, {@code reason}, {@code via}, {@code changedAt}, ...). The next
 *       write of that desired item rebuilds the entry before replacing the value, with a
 *       put-if-absent, so it never overwrites the original writer's entry. Only the newest value
 *       can lack its entry, and only until the next write.
 * </ol>
 *
 * <h2>Optimistic locking and hand edits</h2>
 *
 * Every write is conditional. For the desired item the condition is "exactly as read" over every
 * attribute daybreak knows, not the version alone: a person editing the item with the AWS CLI does
 * not bump the version, and their edit must not be silently overwritten either. The fingerprint
 * daybreak stores beside the fields is how a read tells such a hand edit from daybreak's own
 * writes.
 */
abstract sealed class TableStateStore implements StateStore
    permits DynamoDbStateStore, InMemoryStateStore, DryRunStateStore {

  private static final Logger LOG = LoggerFactory.getLogger(TableStateStore.class);

  /** Concurrent applies of one spec are retried this often before reporting a conflict. */
  private static final int APPLY_ATTEMPTS = 5;

  /** How long audit entries are kept by default ({@code --audit-retention}): 400 days. */
  public static final Duration DEFAULT_AUDIT_RETENTION = Duration.ofDays(400);

  private final Table table;
  private final Clock clock;
  private final Duration auditRetention;

  TableStateStore(Table table, Clock clock) {
    this(table, clock, DEFAULT_AUDIT_RETENTION);
  }

  /**
   * @param auditRetention how long an audit entry is kept: its {@link ReplayLedger#EXPIRES_AT} (the
   *     table's TTL attribute) is its time plus this, after which DynamoDB deletes it
   */
  TableStateStore(Table table, Clock clock, Duration auditRetention) {
    this.table = Objects.requireNonNull(table, "table");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.auditRetention = Objects.requireNonNull(auditRetention, "auditRetention");
    if (auditRetention.isNegative() || auditRetention.isZero()) {
      throw new IllegalArgumentException(
          "the audit retention must be positive (such as 400d), was " + auditRetention);
    }
  }

  final Table table() {
    return table;
  }

  @Override
  public final StoredSpec applySpec(Manifest manifest) {
    String name = manifest.spec().name();
    String pk = Items.pk(requireName(name));
    for (int attempt = 1; attempt <= APPLY_ATTEMPTS; attempt++) {
      Optional<Map<String, AttributeValue>> current = table.get(pk, Items.SPEC);
      // Only the bookkeeping is read, tolerantly: a stored spec that no longer validates (say
      // the loader became stricter) must not stop the apply that replaces it.
      Map<String, AttributeValue> item = current.orElse(Map.of());
      long generation = SpecItem.generationOf(item);
      if (current.isPresent()
          && generation > 0
          && SpecItem.jsonOf(item).equals(Optional.of(manifest.json()))) {
        return new StoredSpec(manifest.spec(), manifest.json(), generation);
      }
      Instant now = clock.instant();
      Instant createdAt = SpecItem.createdAtOf(item).orElse(now);
      try {
        table.update(
            pk,
            Items.SPEC,
            SpecItem.attributes(manifest, generation + 1, createdAt, now),
            Set.of(),
            WriteCondition.unchanged(
                SpecItem.GENERATION, Optional.ofNullable(item.get(SpecItem.GENERATION))));
        return new StoredSpec(manifest.spec(), manifest.json(), generation + 1);
      } catch (Table.ConditionFailedException e) {
        LOG.debug("environment {}: spec changed while applying, attempt {}", name, attempt);
      }
    }
    throw new ConflictException(
        "environment '"
            + name
            + "' was applied by someone else "
            + APPLY_ATTEMPTS
            + " times while this apply ran; nothing was written, apply again");
  }

  @Override
  public final Optional<StoredSpec> spec(String environment) {
    return table
        .get(Items.pk(requireName(environment)), Items.SPEC)
        .map(item -> SpecItem.read(environment, item).spec());
  }

  @Override
  public final Optional<StoredEnvironment> environment(String environment) {
    Map<String, Map<String, AttributeValue>> bySortKey = new HashMap<>();
    for (Map<String, AttributeValue> item :
        table.query(
            Items.pk(requireName(environment)),
            new Table.SortKeys.Between(Items.DESIRED, Items.STATUS),
            false,
            0)) {
      bySortKey.put(item.get(Items.SK).s(), item);
    }
    Map<String, AttributeValue> specItem = bySortKey.get(Items.SPEC);
    if (specItem == null) {
      return Optional.empty();
    }
    SpecItem.Read spec = SpecItem.read(environment, specItem);
    return Optional.of(
        new StoredEnvironment(
            environment,
            spec.spec(),
            spec.createdAt(),
            spec.appliedAt(),
            DesiredItem.read(Optional.ofNullable(bySortKey.get(Items.DESIRED)), clock.instant()),
            Optional.ofNullable(bySortKey.get(Items.STATUS))
                .map(item -> StatusItem.read(environment, item))));
  }

  @Override
  public final List<String> environments() {
    return table.queryBySortKeys(Set.of(Items.SPEC)).stream()
        .map(Items::environmentOf)
        .sorted()
        .toList();
  }

  @Override
  public final DesiredRead desired(String environment) {
    return DesiredItem.read(
        table.get(Items.pk(requireName(environment)), Items.DESIRED), clock.instant());
  }

  @Override
  public final Map<String, DesiredRead> allDesired() {
    Map<String, DesiredRead> all = new TreeMap<>();
    Instant now = clock.instant();
    for (Map<String, AttributeValue> item : table.scanSortKeys(Set.of(Items.DESIRED))) {
      all.put(Items.environmentOf(item), DesiredItem.read(Optional.of(item), now));
    }
    return Collections.unmodifiableMap(all);
  }

  /**
   * Reads the index {@link Items#BY_SORT_KEY_INDEX}: what it costs grows with the number of
   * environments, not with their audit history. Eventually consistent, as every index read is: a
   * change can reach the resync one period later; each pass reads its environment strongly
   * consistent.
   */
  @Override
  public final DesiredScan scanDesired() {
    List<String> environments = new ArrayList<>();
    Map<String, DesiredRead> desired = new HashMap<>();
    Map<String, Long> specVersions = new HashMap<>();
    Instant now = clock.instant();
    for (Map<String, AttributeValue> item :
        table.queryBySortKeys(Set.of(Items.SPEC, Items.DESIRED))) {
      String environment = Items.environmentOf(item);
      String sk = item.get(Items.SK).s();
      if (Items.SPEC.equals(sk)) {
        environments.add(environment);
        versionOf(item).ifPresent(v -> specVersions.put(environment, v));
      } else if (Items.DESIRED.equals(sk)) {
        desired.put(environment, DesiredItem.read(Optional.of(item), now));
      }
    }
    return new DesiredScan(environments, desired, specVersions);
  }

  /**
   * Every status item's version, from the index {@link Items#BY_SORT_KEY_INDEX} (eventually
   * consistent; the index projects a status item's keys and {@code version} only, so this costs
   * little however large the statuses are).
   */
  @Override
  public final Map<String, Long> statusVersions() {
    Map<String, Long> versions = new TreeMap<>();
    for (Map<String, AttributeValue> item : table.queryBySortKeys(Set.of(Items.STATUS))) {
      versionOf(item).ifPresent(v -> versions.put(Items.environmentOf(item), v));
    }
    return Collections.unmodifiableMap(versions);
  }

  /** An item's {@code version} attribute, when it is a number. */
  private static Optional<Long> versionOf(Map<String, AttributeValue> item) {
    try {
      return Items.optionalCount(item, StatusItem.VERSION);
    } catch (Items.InvalidAttributeException e) {
      return Optional.empty();
    }
  }

  @Override
  public final StoredDesired writeDesired(
      String environment, DesiredState desired, long expectedVersion, Via via, boolean pinned) {
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(via, "via");
    String pk = Items.pk(requireName(environment));
    Optional<Map<String, AttributeValue>> current = table.get(pk, Items.DESIRED);
    long version = DesiredItem.versionOf(current);
    if (version != expectedVersion) {
      throw new ConflictException(
          "the desired state of environment '"
              + environment
              + "' is at version "
              + version
              + ", not "
              + expectedVersion
              + ": someone else changed it; nothing was written, read it again and retry");
    }
    DesiredRead read = DesiredItem.read(current, clock.instant());
    Optional<State> from = Optional.empty();
    if (read instanceof DesiredRead.Valid valid && valid.handEdited()) {
      Adopted adopted = adopt(environment, current, valid.stored(), valid.defaulted());
      current = Optional.of(adopted.item());
      version = adopted.stored().version();
      from = Optional.of(adopted.stored().desired().state());
    } else if (read instanceof DesiredRead.Valid valid) {
      current.flatMap(DesiredItem::auditOf).ifPresent(r -> recordAudit(pk, r, false));
      from = Optional.of(valid.stored().desired().state());
    }
    long next = version + 1;
    Instant now = clock.instant();
    try {
      table.update(
          pk,
          Items.DESIRED,
          DesiredItem.attributes(desired, pinned, next, via, now),
          DesiredItem.removals(desired, pinned),
          DesiredItem.unchangedSince(current));
    } catch (Table.ConditionFailedException e) {
      throw changedMeanwhile(environment);
    }
    recordAudit(
        pk,
        new AuditItem.Record(
            new AuditEntry(
                now,
                desired.requestedBy(),
                via,
                from,
                desired.state(),
                desired.until(),
                desired.reason()),
            next),
        true);
    return new StoredDesired(desired, next, pinned, Optional.of(now));
  }

  @Override
  public final StoredDesired adoptHandEdit(String environment, StoredDesired seen) {
    Objects.requireNonNull(seen, "seen");
    Optional<Map<String, AttributeValue>> current =
        table.get(Items.pk(requireName(environment)), Items.DESIRED);
    DesiredRead read = DesiredItem.read(current, clock.instant());
    if (!(read instanceof DesiredRead.Valid valid) || !DesiredItem.holds(valid, seen)) {
      throw changedMeanwhile(environment);
    }
    if (!valid.handEdited()) {
      return seen;
    }
    return adopt(environment, current, seen, valid.defaulted()).stored();
  }

  /** A hand-edited item stamped by daybreak, and the item as it now is. */
  private record Adopted(StoredDesired stored, Map<String, AttributeValue> item) {}

  /**
   * Stamps a hand edit with daybreak's bookkeeping, storing the value as {@code seen} read it
   * (defaults included, so a defaulted {@code requestedAt} stays the time it was first seen), and
   * audits it with {@code via=dynamodb} and what was defaulted.
   */
  private Adopted adopt(
      String environment,
      Optional<Map<String, AttributeValue>> current,
      StoredDesired seen,
      List<String> defaulted) {
    String pk = Items.pk(environment);
    long next = seen.version() + 1;
    Instant now = clock.instant();
    DesiredState desired = seen.desired();
    Map<String, AttributeValue> set =
        DesiredItem.attributes(desired, seen.pinned(), next, Via.DYNAMODB, now);
    Set<String> remove = DesiredItem.removals(desired, seen.pinned());
    try {
      table.update(pk, Items.DESIRED, set, remove, DesiredItem.unchangedSince(current));
    } catch (Table.ConditionFailedException e) {
      throw changedMeanwhile(environment);
    }
    recordAudit(
        pk,
        new AuditItem.Record(
            new AuditEntry(
                now,
                desired.requestedBy(),
                Via.DYNAMODB,
                lastAuditedState(pk),
                desired.state(),
                desired.until(),
                desired.reason(),
                defaulted),
            next),
        true);
    Map<String, AttributeValue> item = new LinkedHashMap<>(current.orElse(Map.of()));
    item.putAll(set);
    remove.forEach(item::remove);
    return new Adopted(new StoredDesired(desired, next, seen.pinned(), Optional.of(now)), item);
  }

  /** The state the newest audit entry moved to: what daybreak last knew before a hand edit. */
  private Optional<State> lastAuditedState(String pk) {
    return table.query(pk, new Table.SortKeys.BeginsWith(Items.AUDIT_PREFIX), true, 1).stream()
        .findFirst()
        .flatMap(AuditItem::read)
        .map(AuditEntry::to);
  }

  /**
   * Writes an audit entry. The writer of the value overwrites (its entry is the complete one, with
   * {@code from}); a repair only fills a gap, never replacing what the writer wrote.
   */
  private void recordAudit(String pk, AuditItem.Record record, boolean overwrite) {
    try {
      table.update(
          pk,
          AuditItem.sortKey(record),
          AuditItem.attributes(record, auditRetention),
          Set.of(),
          overwrite ? WriteCondition.always() : new WriteCondition.NotExists(Items.SK));
    } catch (Table.ConditionFailedException e) {
      LOG.trace("audit entry {} already recorded", AuditItem.sortKey(record));
    }
  }

  @Override
  public final Optional<StoredStatus> status(String environment) {
    return table
        .get(Items.pk(requireName(environment)), Items.STATUS)
        .map(item -> StatusItem.read(environment, item));
  }

  @Override
  public final StoredStatus writeStatus(
      String environment, EnvironmentStatus status, long expectedVersion) {
    return writeStatus(environment, status, expectedVersion, Optional.empty());
  }

  @Override
  public final StoredStatus writeStatus(
      String environment, EnvironmentStatus status, long expectedVersion, Fence fence) {
    return writeStatus(environment, status, expectedVersion, Optional.of(fence));
  }

  private StoredStatus writeStatus(
      String environment, EnvironmentStatus status, long expectedVersion, Optional<Fence> fence) {
    Objects.requireNonNull(status, "status");
    long next = expectedVersion + 1;
    WriteCondition version =
        expectedVersion == 0
            ? new WriteCondition.NotExists(StatusItem.VERSION)
            : new WriteCondition.EqualTo(StatusItem.VERSION, Items.n(expectedVersion));
    Map<String, AttributeValue> set =
        new HashMap<>(StatusItem.attributes(status, next, clock.instant()));
    WriteCondition condition = version;
    if (fence.isPresent()) {
      set.putAll(StatusItem.fence(fence.get()));
      condition = WriteCondition.all(version, StatusItem.fencedBy(fence.get()));
    }
    try {
      table.update(
          Items.pk(requireName(environment)),
          Items.STATUS,
          set,
          StatusItem.removals(status),
          condition);
    } catch (Table.ConditionFailedException e) {
      throw new ConflictException(
          "the status of environment '"
              + environment
              + "' is no longer at version "
              + expectedVersion
              + fence
                  .map(
                      f -> " or was written under lease " + f.lease() + " after epoch " + f.epoch())
                  .orElse("")
              + ": another controller wrote it; nothing was written");
    }
    return new StoredStatus(status, next);
  }

  @Override
  public final Optional<NotificationThread> notificationThread(String environment) {
    Optional<Map<String, AttributeValue>> item =
        table.get(Items.pk(requireName(environment)), Items.THREAD);
    if (item.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ThreadItem.read(environment, item.get()));
    } catch (Items.InvalidAttributeException e) {
      LOG.warn(
          "environment {}: the notification thread item is not one daybreak wrote ({}); ignored",
          environment,
          e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public final boolean recordNotificationThread(NotificationThread thread) {
    Objects.requireNonNull(thread, "thread");
    try {
      table.update(
          Items.pk(requireName(thread.environment())),
          Items.THREAD,
          ThreadItem.attributes(thread),
          Set.of(),
          ThreadItem.replaceableBy(thread));
      return true;
    } catch (Table.ConditionFailedException e) {
      return false;
    }
  }

  @Override
  public final void recordDowntimes(String environment, List<Downtime> downtimes) {
    String pk = Items.pk(requireName(environment));
    for (Downtime d : downtimes) {
      table.update(
          pk,
          DowntimeItem.sortKey(d),
          DowntimeItem.attributes(d),
          Set.of(),
          WriteCondition.always());
    }
  }

  @Override
  public final List<Downtime> downtimes(String environment, Instant from, Instant to) {
    List<Downtime> out = new ArrayList<>();
    for (Map<String, AttributeValue> item :
        table.query(
            Items.pk(requireName(environment)),
            new Table.SortKeys.Between(
                DowntimeItem.PREFIX, DowntimeItem.PREFIX + Items.sortable(to)),
            false,
            0)) {
      Optional<Downtime> d = DowntimeItem.read(item);
      if (d.isEmpty()) {
        LOG.warn(
            "environment {}: downtime item {} is not one daybreak wrote; left out",
            environment,
            item.get(Items.SK).s());
        continue;
      }
      if (d.get().to().isAfter(from) && d.get().from().isBefore(to)) {
        out.add(d.get());
      }
    }
    return List.copyOf(out);
  }

  @Override
  public final List<AuditEntry> audit(String environment, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    List<AuditEntry> entries = new ArrayList<>();
    for (Map<String, AttributeValue> item :
        table.query(
            Items.pk(requireName(environment)),
            new Table.SortKeys.BeginsWith(Items.AUDIT_PREFIX),
            true,
            limit)) {
      Optional<AuditEntry> entry = AuditItem.read(item);
      if (entry.isEmpty()) {
        LOG.warn(
            "environment {}: audit item {} is not one daybreak wrote; left out",
            environment,
            item.get(Items.SK).s());
      }
      entry.ifPresent(entries::add);
    }
    return List.copyOf(entries);
  }

  private static ConflictException changedMeanwhile(String environment) {
    return new ConflictException(
        "the desired state of environment '"
            + environment
            + "' changed after it was read: nothing was written, read it again and retry");
  }

  private static String requireName(String environment) {
    Objects.requireNonNull(environment, "environment");
    if (environment.isBlank()) {
      throw new IllegalArgumentException("an environment name must not be blank");
    }
    return environment;
  }
}
