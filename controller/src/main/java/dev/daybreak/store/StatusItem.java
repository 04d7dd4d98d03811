package dev.daybreak.store;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.daybreak.model.EnvironmentStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The status item ({@code pk=env#<name>, sk=status}), written by the controller only. The whole
 * {@link EnvironmentStatus} is kept as a JSON {@code document} with its {@code formatVersion};
 * {@code phase}, {@code target}, {@code tier}, {@code observedGeneration} and {@code updatedAt} are
 * repeated as plain attributes for people and scripts (e.g. a console filter on phase).
 */
final class StatusItem {

  static final String DOCUMENT = "document";
  static final String FORMAT_VERSION = "formatVersion";
  static final String PHASE = "phase";
  static final String TARGET = "target";
  static final String TIER = "tier";
  static final String OBSERVED_GENERATION = "observedGeneration";
  static final String UPDATED_AT = "updatedAt";
  static final String VERSION = "version";
  static final String LEASE = "lease";
  static final String LEASE_EPOCH = "leaseEpoch";

  /** The JSON form of model records: ISO-8601 instants, Optional as value-or-absent. */
  static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new Jdk8Module())
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // Fields added to the status later (e.g. wakeDurations) are absent from documents
          // written before them: read those as empty, so an additive field keeps formatVersion.
          .withConfigOverride(
              List.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
          // savedScalableTargets (format 2) is absent from format 1 documents: none saved.
          .withConfigOverride(
              Map.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
          .build();

  private StatusItem() {}

  static Map<String, AttributeValue> attributes(
      EnvironmentStatus status, long version, Instant updatedAt) {
    Map<String, AttributeValue> set = new HashMap<>();
    try {
      set.put(DOCUMENT, Items.s(JSON.writeValueAsString(status)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an EnvironmentStatus always serialises", e);
    }
    set.put(FORMAT_VERSION, Items.n(status.formatVersion()));
    set.put(PHASE, Items.s(status.phase().displayName()));
    status.target().ifPresent(t -> set.put(TARGET, Items.s(t.name())));
    set.put(TIER, Items.n(status.currentTier()));
    set.put(OBSERVED_GENERATION, Items.n(status.observedGeneration()));
    set.put(UPDATED_AT, Items.instant(updatedAt));
    set.put(VERSION, Items.n(version));
    return set;
  }

  /** The fence a status write was made under, recorded on the item. */
  static Map<String, AttributeValue> fence(Fence fence) {
    return Map.of(LEASE, Items.s(fence.lease()), LEASE_EPOCH, Items.n(fence.epoch()));
  }

  /**
   * The item was never written under {@code fence}'s lease at a higher epoch: no fence recorded, a
   * different lease (the shard layout changed; the version condition still orders the writes), or
   * an epoch at most the writer's.
   */
  static WriteCondition fencedBy(Fence fence) {
    return WriteCondition.any(
        new WriteCondition.NotExists(LEASE_EPOCH),
        new WriteCondition.Not(new WriteCondition.EqualTo(LEASE, Items.s(fence.lease()))),
        new WriteCondition.AtMost(LEASE_EPOCH, fence.epoch()));
  }

  /** The removals for a status without a target, so a stale one does not linger. */
  static Set<String> removals(EnvironmentStatus status) {
    return status.target().isPresent() ? Set.of() : Set.of(TARGET);
  }

  static StoredStatus read(String environment, Map<String, AttributeValue> item) {
    try {
      long formatVersion = Items.requiredCount(item, FORMAT_VERSION);
      if (formatVersion > EnvironmentStatus.FORMAT_VERSION) {
        throw new StoreException(
            "the status of environment '"
                + environment
                + "' has formatVersion "
                + formatVersion
                + ", newer than this daybreak reads ("
                + EnvironmentStatus.FORMAT_VERSION
                + "): upgrade daybreak");
      }
      String document = Items.requiredString(item, DOCUMENT, "the status as JSON");
      EnvironmentStatus status = JSON.readValue(document, EnvironmentStatus.class);
      return new StoredStatus(status, Items.requiredCount(item, VERSION));
    } catch (Items.InvalidAttributeException | JsonProcessingException e) {
      throw new StoreException(
          "the status item of environment '"
              + environment
              + "' cannot be read ("
              + e.getMessage()
              + "); only the controller writes it, so this is a bug or a damaged item",
          e);
    }
  }
}
