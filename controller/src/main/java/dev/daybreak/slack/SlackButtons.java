package dev.daybreak.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import java.util.List;

/**
 * The buttons daybreak puts under its messages. Each carries the environment's name as its value;
 * chat-ops handles the clicks by these action ids.
 */
public final class SlackButtons {

  /** "Keep awake +2h": extends the wake by two hours. */
  public static final String KEEP_AWAKE = "daybreak_keep_awake";

  /** "Sleep now": puts the environment to sleep. */
  public static final String SLEEP_NOW = "daybreak_sleep_now";

  /** "Wake": wakes the environment for the default length. */
  public static final String WAKE = "daybreak_wake";

  private SlackButtons() {}

  /** The actions block for {@code environment}. */
  public static LayoutBlock actionsFor(String environment) {
    List<BlockElement> buttons =
        List.of(
            button(b -> b.actionId(WAKE).text(plainText("Wake")).value(environment)),
            button(
                b -> b.actionId(KEEP_AWAKE).text(plainText("Keep awake +2h")).value(environment)),
            button(
                b ->
                    b.actionId(SLEEP_NOW)
                        .text(plainText("Sleep now"))
                        .style("danger")
                        .value(environment)));
    return actions(a -> a.blockId("daybreak_actions_" + environment).elements(buttons));
  }
}
