package dev.daybreak.slack;

import static dev.daybreak.slack.Fixtures.event;
import static dev.daybreak.slack.Fixtures.service;
import static dev.daybreak.slack.Fixtures.transition;
import static dev.daybreak.slack.Fixtures.wake;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import dev.daybreak.model.Condition;
import dev.daybreak.model.ConditionStatus;
import dev.daybreak.model.NotifySpec;
import dev.daybreak.model.Phase;
import dev.daybreak.model.TransitionKind;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SlackBlocksTest {

  private static String sectionTexts(List<LayoutBlock> blocks) {
    StringBuilder b = new StringBuilder();
    for (LayoutBlock block : blocks) {
      if (block instanceof SectionBlock s) {
        b.append(s.getText().getText()).append('\n');
      }
    }
    return b.toString();
  }

  @Test
  void message_wakingEnvironment_headerProgressRequestAndEveryServicesFields() {
    Announcement a =
        wake(
            "seed",
            Phase.WAKING,
            1,
            List.of(),
            service(
                "a",
                0,
                true,
                1,
                1,
                0,
                Optional.of(event("ev-1", 12, "(service a) has reached a steady state."))),
            service("b", 1, false, 3, 1, 2, Optional.empty()));

    SlackMessage m = SlackBlocks.message(a);

    assertThat(m.blocks().get(0))
        .isInstanceOfSatisfying(
            HeaderBlock.class,
            h -> assertThat(h.getText().getText()).isEqualTo(":sunrise: Waking seed"));
    assertThat(sectionTexts(m.blocks()))
        .contains("*Waking · tier 2 of 2*\nRequested by alice: standup at 9")
        .contains(
            ":white_check_mark: *a* · tier 0\ndesiredCount 1 · runningCount 1 · failedTasks 0\n> latest event `ev-1` at <!date^1795935612^{date_short_pretty} {time_secs}|2026-11-29T07:00:12Z>: (service a) has reached a steady state.")
        .contains(
            ":hourglass_flowing_sand: *b* · tier 1\ndesiredCount 3 · runningCount 1 · failedTasks 2");
    assertThat(m.text())
        .isEqualTo("Waking seed — Waking · tier 2 of 2 — Requested by alice: standup at 9");
  }

  @Test
  void message_textFromEcsAndPeople_isEscapedForMrkdwn() {
    Announcement a =
        wake(
            "seed",
            Phase.WAKING,
            0,
            List.of(),
            service("a", 0, false, 1, 0, 0, Optional.of(event("ev", 0, "<b> & <!channel>"))));

    assertThat(sectionTexts(SlackBlocks.message(a).blocks()))
        .contains("&lt;b&gt; &amp; &lt;!channel&gt;")
        .doesNotContain("<!channel>");
  }

  @Test
  void message_degradedWithConditions_mentionsOnCallAndShowsTheCondition() {
    Condition degraded =
        new Condition(
            "Degraded",
            ConditionStatus.TRUE,
            "ServiceTimedOut",
            "b did not become ready within 5m",
            Fixtures.STARTED);
    Announcement a =
        wake(
            "seed",
            Phase.DEGRADED,
            1,
            List.of(transition(TransitionKind.DEGRADED, 1, "b timed out", "b")),
            new NotifySpec(Optional.empty(), List.of("U1", "S2")),
            List.of(degraded),
            service("b", 1, false, 3, 0, 4, Optional.empty()));

    SlackMessage m = SlackBlocks.message(a);

    assertThat(sectionTexts(m.blocks())).contains("<@U1> <!subteam^S2>");
    assertThat(m.blocks().toString())
        .contains("*Degraded* true (ServiceTimedOut): b did not become ready within 5m");
    assertThat(SlackBlocks.reply(a.transitions().get(0), a).text())
        .isEqualTo(
            ":warning: b timed out — b: failedTasks 4, last event: (none) <@U1> <!subteam^S2>");
  }

  @Test
  void markedMessage_degraded_beginsWithTheMarker_mentionsNobody_andOffersNoButtons() {
    Announcement a =
        wake(
            "seed",
            Phase.DEGRADED,
            1,
            List.of(transition(TransitionKind.DEGRADED, 1, "b timed out", "b")),
            new NotifySpec(Optional.empty(), List.of("U1", "S2")),
            List.of(),
            service("b", 1, false, 3, 0, 4, Optional.empty()));
    Optional<String> marker = Optional.of("[dry run]");

    SlackMessage m = SlackBlocks.message(a, marker);
    SlackMessage reply = SlackBlocks.reply(a.transitions().get(0), a, marker);
    SlackMessage note = SlackBlocks.note("would scale b to 3: a is ready", marker);

    assertThat(m.blocks().get(0))
        .isInstanceOfSatisfying(
            HeaderBlock.class,
            h ->
                assertThat(h.getText().getText())
                    .isEqualTo("[dry run] :warning: seed is degraded (wake)"));
    assertThat(m.text()).startsWith("[dry run] seed is degraded (wake)");
    assertThat(m.blocks()).noneMatch(b -> b instanceof ActionsBlock);
    assertThat(SlackBlocks.message(a).blocks()).anyMatch(b -> b instanceof ActionsBlock);
    assertThat(m.blocks().toString()).doesNotContain("<@U1>").doesNotContain("subteam");
    assertThat(reply.text())
        .isEqualTo("[dry run] :warning: b timed out — b: failedTasks 4, last event: (none)");
    assertThat(note.text()).isEqualTo("[dry run] would scale b to 3: a is ready");
  }

  @Test
  void message_hundredsOfServices_staysWithinSlacksBlockAndTextLimits() {
    ServiceReport[] services =
        IntStream.range(0, 400)
            .mapToObj(
                i ->
                    service(
                        "service-" + i,
                        i % 5,
                        false,
                        2,
                        1,
                        0,
                        Optional.of(event("ev-" + i, i, "x".repeat(300)))))
            .toArray(ServiceReport[]::new);

    SlackMessage m = SlackBlocks.message(wake("big", Phase.WAKING, 2, List.of(), services));

    assertThat(m.blocks()).hasSizeLessThanOrEqualTo(50);
    assertThat(m.blocks())
        .filteredOn(SectionBlock.class::isInstance)
        .allSatisfy(
            b -> assertThat(((SectionBlock) b).getText().getText()).hasSizeLessThanOrEqualTo(3000));
  }

  @Test
  void pack_itemsInOrder_fillsEachChunkUpToTheLimit() {
    assertThat(SlackBlocks.pack(List.of("aaaa", "bbbb", "cccc"), 10))
        .containsExactly("aaaa\n\nbbbb", "cccc");
    assertThat(SlackBlocks.pack(List.of("x".repeat(20)), 10)).containsExactly("x".repeat(9) + "…");
  }
}
