package dev.daybreak.slack;

import static dev.daybreak.slack.Fixtures.event;
import static dev.daybreak.slack.Fixtures.service;
import static dev.daybreak.slack.Fixtures.transition;
import static dev.daybreak.slack.Fixtures.wake;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.Phase;
import dev.daybreak.model.TransitionKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleNotifierTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final ConsoleNotifier console =
      new ConsoleNotifier(
          new PrintStream(bytes, true, StandardCharsets.UTF_8), Optional.of("fallback"));

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void announce_transition_printsTheCardWithEachServicesFieldsAndTheReply() {
    console.announce(
        wake(
            "seed",
            Phase.WAKING,
            1,
            List.of(transition(TransitionKind.TIER_DONE, 0, "Tier 0 is ready: a", "a")),
            service(
                "a",
                0,
                true,
                1,
                1,
                0,
                Optional.of(event("ev-1", 3, "(service a) has reached a steady state."))),
            service("bb", 1, false, 3, 0, 0, Optional.empty())));

    assertThat(printed())
        .isEqualTo(
            String.join(
                "\n",
                "┌─ Slack #dev-envs ─ Waking seed",
                "│ Waking · tier 2 of 2 · Requested by alice: standup at 9",
                "│ ✔ a   tier 0  desiredCount 1 · runningCount 1 · failedTasks 0",
                "│     latest event ev-1 at 2026-11-29T07:00:03Z: (service a) has reached a steady state.",
                "│ … bb  tier 1  desiredCount 3 · runningCount 0 · failedTasks 0",
                "└─ ↳ Tier 0 is ready: a",
                ""));
  }

  @Test
  void announce_noTransitions_printsNothing() {
    console.announce(
        wake("seed", Phase.AWAKE, -1, List.of(), service("a", 0, true, 1, 1, 0, Optional.empty())));

    assertThat(printed()).isEmpty();
  }
}
