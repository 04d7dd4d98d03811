package dev.daybreak.dryrun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybreak.model.Transition;
import dev.daybreak.model.TransitionKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WouldBeCallTest {

  private static final Instant AT = Instant.parse("2026-11-30T07:00:00Z");

  @Test
  void line_wakeWithDependents_namesTheReasonAndWhatCannotMove() {
    WouldBeCall call =
        new WouldBeCall(AT, Optional.of("seed"), "dev", "b", 3, "a is ready", List.of("c", "d"));

    assertThat(call.line())
        .isEqualTo(
            "[seed] would scale b to 3: a is ready (dry run: not done, so c, d wait for b to wake"
                + " and this dry run cannot see them move unless someone else scales it)");
  }

  @Test
  void line_sleepOfALeaf_saysOnlyThatItIsNotDone() {
    WouldBeCall call =
        new WouldBeCall(AT, Optional.of("seed"), "dev", "a", 0, "nothing depends on it", List.of());

    assertThat(call.line())
        .isEqualTo("[seed] would scale a to 0: nothing depends on it (dry run: not done)");
  }

  @Test
  void line_serviceOfNoEnvironment_namesTheCluster() {
    WouldBeCall call = new WouldBeCall(AT, Optional.empty(), "dev", "x", 2, "", List.of());

    assertThat(call.line()).isEqualTo("[cluster dev] would scale x to 2 (dry run: not done)");
  }

  @Test
  void notifierLine_degradedInTheHead_saysThatNothingWasScaled() {
    String line =
        DryRunNotifier.line(
            "seed",
            new Transition(
                TransitionKind.DEGRADED, 0, List.of("a"), "environment 'seed' is degraded: a"));

    assertThat(line)
        .isEqualTo(
            "[seed] in the dry run's head: environment 'seed' is degraded: a (a dry run scales"
                + " nothing, so a service it waits for may never become ready)");
  }
}
