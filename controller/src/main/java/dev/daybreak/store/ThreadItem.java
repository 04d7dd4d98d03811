package dev.daybreak.store;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The notification-thread item ({@code pk=env#<name>, sk=thread}): {@code operationId}, {@code
 * operationStartedAt} (ISO-8601, and as epoch milliseconds in {@code operationStartedAtMillis} for
 * the write condition), {@code channel}, {@code ts}, {@code postedAt}. One per environment: the
 * thread of the latest operation announced. Its sort key sorts after {@code status}, outside the
 * range {@link TableStateStore#environment} reads.
 */
final class ThreadItem {

  static final String OPERATION_ID = "operationId";
  static final String STARTED_AT = "operationStartedAt";
  static final String STARTED_AT_MILLIS = "operationStartedAtMillis";
  static final String CHANNEL = "channel";
  static final String TS = "ts";
  static final String POSTED_AT = "postedAt";

  private ThreadItem() {}

  static Map<String, AttributeValue> attributes(NotificationThread thread) {
    return Map.of(
        OPERATION_ID, Items.s(thread.operationId()),
        STARTED_AT, Items.instant(thread.operationStartedAt()),
        STARTED_AT_MILLIS, Items.n(thread.operationStartedAt().toEpochMilli()),
        CHANNEL, Items.s(thread.channel()),
        TS, Items.s(thread.ts()),
        POSTED_AT, Items.instant(thread.postedAt()));
  }

  /**
   * The item may be replaced by {@code thread}'s unless it records a newer operation: absent, not
   * readable as a time, or an operation that started no later.
   */
  static WriteCondition replaceableBy(NotificationThread thread) {
    return WriteCondition.any(
        new WriteCondition.NotExists(STARTED_AT_MILLIS),
        new WriteCondition.Not(
            new WriteCondition.HasType(STARTED_AT_MILLIS, AttributeValue.Type.N)),
        new WriteCondition.AtMost(STARTED_AT_MILLIS, thread.operationStartedAt().toEpochMilli()));
  }

  /**
   * Reads the item; throws {@link Items.InvalidAttributeException} naming a malformed attribute.
   */
  static NotificationThread read(String environment, Map<String, AttributeValue> item) {
    return new NotificationThread(
        environment,
        Items.requiredString(item, OPERATION_ID, "an operation id"),
        Items.requiredInstant(item, STARTED_AT),
        Items.requiredString(item, CHANNEL, "a Slack channel id"),
        Items.requiredString(item, TS, "a Slack message ts"),
        Items.requiredInstant(item, POSTED_AT));
  }
}
