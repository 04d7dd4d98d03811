package dev.daybreak.slack;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import java.util.Objects;

/**
 * The body of one Slack message.
 *
 * @param text the notification and fallback text (mrkdwn)
 * @param blocks the Block Kit layout; empty for a text-only message
 */
record SlackMessage(String text, List<LayoutBlock> blocks) {
  SlackMessage {
    Objects.requireNonNull(text, "text");
    blocks = List.copyOf(blocks);
  }
}
