package dev.daybreak.chatops;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import dev.daybreak.store.InMemoryStateStore;
import dev.daybreak.store.MutableClock;
import dev.daybreak.store.ReplayLedger;
import dev.daybreak.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two guards (two Lambda containers, or two replicas) sharing one state table: a request accepted
 * by one is a replay to the other, until its timestamp is stale anyway.
 */
class SharedReplayCheckTest {

  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final String TIMESTAMP = "1531420618";
  private static final String BODY = "command=%2Fdaybreak&text=wake+seed&user_id=U2CERLKJA";
  private static final String SIGNATURE =
      new SlackSignature.Generator(SECRET).generate(TIMESTAMP, BODY);

  private final MutableClock clock =
      new MutableClock(Instant.ofEpochSecond(Long.parseLong(TIMESTAMP)));
  private final InMemoryStateStore table = new InMemoryStateStore(clock);

  private RequestGuard guard(ReplayCheck shared) {
    return new RequestGuard(new SigningSecret(SECRET), clock, 64 * 1024, shared);
  }

  private static Optional<String> check(RequestGuard guard) {
    return guard.refusal(
        Optional.of(TIMESTAMP), Optional.of(SIGNATURE), BODY.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void refusal_acceptedByAnotherInstance_isRefusedAsReplay() {
    RequestGuard first = guard(ReplayLedger.on(table, clock)::firstSeen);
    RequestGuard second = guard(ReplayLedger.on(table, clock)::firstSeen);

    assertThat(check(first)).isEmpty();
    assertThat(check(second)).contains("signature seen before by another instance (replay)");
  }

  @Test
  void ledger_recordsAHashOfTheSignatureWithItsExpiryAsTheTtlAttribute() {
    assertThat(check(guard(ReplayLedger.on(table, clock)::firstSeen))).isEmpty();

    assertThat(table.scanByHand())
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.get("pk").s())
                  .startsWith(ReplayLedger.PREFIX)
                  .doesNotContain(SIGNATURE.substring(3));
              assertThat(item.get("sk").s()).isEqualTo(ReplayLedger.SORT_KEY);
              assertThat(item.get(ReplayLedger.EXPIRES_AT).n())
                  .isEqualTo(
                      Long.toString(Long.parseLong(TIMESTAMP) + RequestGuard.MAX_SKEW.toSeconds()));
            });
  }

  @Test
  void ledger_expiredRecordNotYetDeletedByTtl_acceptsTheTokenAgain() {
    ReplayLedger ledger = ReplayLedger.on(table, clock);
    Instant expiry = clock.instant().plus(Duration.ofMinutes(5));
    assertThat(ledger.firstSeen("token", expiry)).isTrue();
    assertThat(ledger.firstSeen("token", expiry)).isFalse();

    clock.advance(Duration.ofMinutes(5));

    assertThat(ledger.firstSeen("token", clock.instant().plus(Duration.ofMinutes(5)))).isTrue();
  }

  @Test
  void refusal_sharedRecordUnreachable_isRefused() {
    RequestGuard guard =
        guard(
            (signature, expiry) -> {
              throw new StoreException("DynamoDB did not answer");
            });

    assertThat(check(guard))
        .get()
        .asString()
        .contains("could not check the signature", "DynamoDB did not answer");
  }
}
