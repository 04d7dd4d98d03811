package dev.daybreak.chatops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.store.InMemoryStateStore;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The warm-up a front end runs before it serves: the first command after a deploy should not pay
 * for loading the whole request path, and the warm-up itself must leave no trace.
 */
class SlackWarmUpTest {

  private final Clock clock = Clock.systemUTC();
  private final InMemoryStateStore store = new InMemoryStateStore(clock);
  private final List<String> triggered = new ArrayList<>();
  private final List<String> seenSignatures = new ArrayList<>();

  @Test
  void warmUp_runsHelpThroughBolt_answersTheUsageInTheAck_andWritesOrTriggersNothing() {
    try (ChatOps chatOps =
        new ChatOps(
            new Commands(
                store,
                new ChatOpsSettings(ZoneOffset.UTC, List.of(), List.of()),
                clock,
                triggered::add))) {
      SlackEndpoint endpoint =
          SlackApp.endpoint(
              new SigningSecret("8f742231b10e8888abcd99yyyzzz85a5"),
              chatOps,
              clock,
              RequestGuard.DEFAULT_MAX_BODY_BYTES,
              (signature, expiry) -> {
                seenSignatures.add(signature);
                return true;
              });

      RawResponse response = endpoint.warmUp();

      assertThat(response.status()).as(response.body()).isEqualTo(200);
      assertThat(response.body()).contains("/daybreak wake", "/daybreak help");
    }
    assertThat(store.scanByHand()).isEmpty();
    assertThat(triggered).isEmpty();
    assertThat(seenSignatures).as("the replay ledger is not written by a warm-up").isEmpty();
  }
}
