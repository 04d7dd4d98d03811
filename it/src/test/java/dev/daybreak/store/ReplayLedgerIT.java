package dev.daybreak.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.it.Dynalite;
import dev.daybreak.it.DynaliteExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The replay ledger's conditional put on DynamoDB (dynalite): two ledgers on one table (two Lambda
 * containers) record a token once; an expired record that TTL has not deleted yet is taken over.
 */
@ExtendWith(DynaliteExtension.class)
class ReplayLedgerIT {

  @Test
  void firstSeen_twoInstancesOnOneTable_recordATokenOnceUntilItExpires(Dynalite dynalite) {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-30T08:00:00Z"));
    String table = "daybreak-" + UUID.randomUUID();
    try (DynamoDbClient client = dynalite.newClient()) {
      new TableSetup(client).ensureTable(table);
      ReplayLedger one = ReplayLedger.on(new DynamoDbStateStore(client, table, clock), clock);
      ReplayLedger two = ReplayLedger.on(new DynamoDbStateStore(client, table, clock), clock);
      Instant expiry = clock.instant().plus(Duration.ofMinutes(5));

      assertThat(one.firstSeen("v0=abc", expiry)).isTrue();
      assertThat(two.firstSeen("v0=abc", expiry)).isFalse();
      assertThat(two.firstSeen("v0=other", expiry)).isTrue();

      clock.advance(Duration.ofMinutes(5));
      assertThat(two.firstSeen("v0=abc", clock.instant().plus(Duration.ofMinutes(5)))).isTrue();

      assertThat(
              client.scan(b -> b.tableName(table)).items().stream()
                  .filter(item -> item.get("sk").s().equals(ReplayLedger.SORT_KEY))
                  .map(item -> item.get(ReplayLedger.EXPIRES_AT).n()))
          .containsExactlyInAnyOrder(
              Long.toString(clock.instant().plus(Duration.ofMinutes(5)).getEpochSecond()),
              Long.toString(expiry.getEpochSecond()));
    }
  }
}
