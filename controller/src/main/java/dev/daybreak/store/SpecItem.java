package dev.daybreak.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.daybreak.manifests.Calendars;
import dev.daybreak.manifests.Manifest;
import dev.daybreak.manifests.ManifestException;
import dev.daybreak.manifests.Manifests;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The spec item ({@code pk=env#<name>, sk=spec}): the applied manifest as canonical JSON ({@code
 * json}), its {@code generation} (bumped by each apply that changes it; the item's version), and
 * {@code createdAt} / {@code appliedAt}.
 */
final class SpecItem {

  static final String JSON = "json";
  static final String GENERATION = "generation";
  static final String NAME = "name";
  static final String CREATED_AT = "createdAt";
  static final String APPLIED_AT = "appliedAt";

  /**
   * The generation again, under the attribute the index {@link Items#BY_SORT_KEY_INDEX} already
   * projects (a desired item's {@code version}), so the resync sees a new apply without reading the
   * manifest and without changing the projection of existing tables. Absent from items applied
   * before it was written: such a spec is read afresh by every pass.
   */
  static final String VERSION = "version";

  /** A spec item as read. */
  record Read(StoredSpec spec, Instant createdAt, Instant appliedAt) {}

  private SpecItem() {}

  static Map<String, AttributeValue> attributes(
      Manifest manifest, long generation, Instant createdAt, Instant appliedAt) {
    Map<String, AttributeValue> set = new HashMap<>();
    set.put(JSON, Items.s(manifest.json()));
    set.put(GENERATION, Items.n(generation));
    set.put(VERSION, Items.n(generation));
    set.put(NAME, Items.s(manifest.spec().name()));
    set.put(CREATED_AT, Items.instant(createdAt));
    set.put(APPLIED_AT, Items.instant(appliedAt));
    return set;
  }

  /** The item's generation, or 0 when it has none or an unreadable one. */
  static long generationOf(Map<String, AttributeValue> item) {
    try {
      return Items.optionalCount(item, GENERATION).orElse(0L);
    } catch (Items.InvalidAttributeException e) {
      return 0;
    }
  }

  /** The stored manifest JSON as text, if it is a string. */
  static Optional<String> jsonOf(Map<String, AttributeValue> item) {
    AttributeValue value = item.get(JSON);
    return value != null && value.type() == AttributeValue.Type.S
        ? Optional.of(value.s())
        : Optional.empty();
  }

  /** When the environment was first applied, if readable. */
  static Optional<Instant> createdAtOf(Map<String, AttributeValue> item) {
    AttributeValue value = item.get(CREATED_AT);
    return value != null && value.type() == AttributeValue.Type.S
        ? Items.parseInstant(value.s())
        : Optional.empty();
  }

  /** The source name a stored manifest is parsed under, so errors say where it came from. */
  static String source(String environment) {
    return "dynamodb:env#" + environment + "/spec";
  }

  /** The calendar names a stored manifest's schedule lists (none when unreadable). */
  private static List<String> calendars(String json) {
    try {
      JsonNode names = StatusItem.JSON.readTree(json).at("/spec/schedule/calendars");
      List<String> out = new ArrayList<>();
      names.forEach(n -> out.add(n.asText()));
      return out;
    } catch (JsonProcessingException e) {
      return List.of();
    }
  }

  static Read read(String environment, Map<String, AttributeValue> item) {
    try {
      String json = Items.requiredString(item, JSON, "the manifest as JSON");
      long generation = Items.requiredCount(item, GENERATION);
      Instant appliedAt = Items.requiredInstant(item, APPLIED_AT);
      Instant createdAt = createdAtOf(item).orElse(appliedAt);
      // The calendars were checked when the manifest was applied (with the applier's
      // --calendars); here only their names matter, so a spec naming a calendar of one's own
      // reads back wherever it is read. The controller compiles the schedule with its calendars.
      List<Manifest> manifests =
          Manifests.parse(source(environment), json, Calendars.builtIn().orEmpty(calendars(json)));
      return new Read(
          new StoredSpec(manifests.get(0).spec(), json, generation), createdAt, appliedAt);
    } catch (Items.InvalidAttributeException | ManifestException e) {
      throw new StoreException(
          "the spec of environment '"
              + environment
              + "' cannot be read: "
              + e.getMessage()
              + "; apply the manifest again with daybreak apply -f FILE",
          e);
    }
  }
}
