package dev.daybreak.chatops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.AccessSpec;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessTest {

  private static final ChatOpsSettings NO_DEFAULTS =
      new ChatOpsSettings(ZoneOffset.UTC, List.of(), List.of());
  private static final Caller ALICE = new Caller("U0ALICE001", "alice", "C0RANDOM01");

  @Test
  void refusal_userListed_orChannelListed_isAllowed() {
    AccessSpec users =
        new AccessSpec(List.of("U0ALICE001"), List.of(), AccessSpec.DEFAULT_MAX_WAKE);
    AccessSpec channels =
        new AccessSpec(List.of(), List.of("C0RANDOM01"), AccessSpec.DEFAULT_MAX_WAKE);
    assertThat(Access.refusal("seed", users, NO_DEFAULTS, ALICE)).isEmpty();
    assertThat(Access.refusal("seed", channels, NO_DEFAULTS, ALICE)).isEmpty();
  }

  @Test
  void refusal_notListed_namesWhoMay() {
    AccessSpec access =
        new AccessSpec(List.of("U0BOB00001"), List.of("C0OPS00001"), AccessSpec.DEFAULT_MAX_WAKE);
    assertThat(Access.refusal("seed", access, NO_DEFAULTS, ALICE))
        .get()
        .asString()
        .contains("<@U0BOB00001>")
        .contains("anyone in <#C0OPS00001>");
  }

  @Test
  void refusal_emptyAllowlist_fallsBackToTheDefaults_elseNobody() {
    ChatOpsSettings defaults =
        new ChatOpsSettings(ZoneOffset.UTC, List.of("U0ALICE001"), List.of());
    assertThat(Access.refusal("seed", AccessSpec.defaults(), defaults, ALICE)).isEmpty();
    assertThat(Access.refusal("seed", AccessSpec.defaults(), NO_DEFAULTS, ALICE))
        .get()
        .asString()
        .startsWith("Nobody may change `seed`");
  }

  @Test
  void refusal_ownAllowlist_ignoresTheDefaults() {
    ChatOpsSettings defaults =
        new ChatOpsSettings(ZoneOffset.UTC, List.of("U0ALICE001"), List.of());
    AccessSpec own = new AccessSpec(List.of("U0BOB00001"), List.of(), AccessSpec.DEFAULT_MAX_WAKE);
    assertThat(Access.refusal("seed", own, defaults, ALICE)).isPresent();
  }
}
