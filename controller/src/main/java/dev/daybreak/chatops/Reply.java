package dev.daybreak.chatops;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What daybreak answers a command or click with.
 *
 * @param inChannel true when the whole channel sees it; false for an ephemeral reply
 * @param text the text (also the notification fallback)
 * @param blocks Block Kit blocks shown instead of the text, if any
 */
record Reply(boolean inChannel, String text, List<LayoutBlock> blocks) {

  Reply {
    Objects.requireNonNull(text, "text");
    blocks = List.copyOf(blocks);
  }

  /** Only the caller sees it. */
  static Reply ephemeral(String text) {
    return new Reply(false, text, List.of());
  }

  /** The channel sees it. */
  static Reply inChannel(String text) {
    return new Reply(true, text, List.of());
  }

  /** A usage mistake: what was wrong, then how to use the command. */
  static Reply usage(String problem) {
    return ephemeral(":warning: " + problem + "\n" + CommandParser.USAGE);
  }

  /** The same reply with {@code more} blocks under its text. */
  Reply with(List<LayoutBlock> more) {
    List<LayoutBlock> all = new ArrayList<>();
    all.add(section(s -> s.text(markdownText(text))));
    all.addAll(more);
    return new Reply(inChannel, text, all);
  }

  String responseType() {
    return inChannel ? "in_channel" : "ephemeral";
  }
}
