package dev.daybreak.chatops;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybreak.store.InMemoryStateStore;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What Socket Mode can show offline: a wrong token is refused before any connection. */
class SocketModeTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC);

  @Test
  void startSocketMode_botTokenInsteadOfAppToken_isRefusedBeforeConnecting() {
    try (ChatOps chatOps = chatOps()) {
      assertThatThrownBy(
              () ->
                  SlackApp.startSocketMode(
                      "xoxb-123-456", chatOps, URI.create("http://127.0.0.1:9/api/")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("xapp-")
          .hasMessageContaining("'xoxb-'")
          .hasMessageNotContaining("123-456");
    }
  }

  private ChatOps chatOps() {
    return new ChatOps(
        new Commands(
            new InMemoryStateStore(clock),
            new ChatOpsSettings(ZoneOffset.UTC, List.of(), List.of()),
            clock,
            env -> {}));
  }
}
