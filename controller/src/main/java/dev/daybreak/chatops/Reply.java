package dev.daybreak.chatops;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import dev.daybreak.model.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What daybreak answers a command or click with.
 *
 * @param inChannel true when the whole channel sees it; false for an ephemeral reply
 * @param text the text (also the notification fallback)
 * @param blocks Block Kit blocks shown instead of the text, if any
 * @param watch the operation the reply's write leads to, whose thread a follow-up links
 */
record Reply(boolean inChannel, String text, List<LayoutBlock> blocks, Optional<Watch> watch) {

  Reply {
    Objects.requireNonNull(text, "text");
    blocks = List.copyOf(blocks);
    Objects.requireNonNull(watch, "watch");
  }

  /**
   * An environment driven toward a state by a write: its notification thread is worth linking.
   *
   * @param environment the environment written
   * @param target the state written
   */
  record Watch(String environment, State target) {
    Watch {
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(target, "target");
    }
  }

  /** Only the caller sees it. */
  static Reply ephemeral(String text) {
    return new Reply(false, text, List.of(), Optional.empty());
  }

  /** The channel sees it. */
  static Reply inChannel(String text) {
    return new Reply(true, text, List.of(), Optional.empty());
  }

  /**
   * The same reply, followed up with a link to {@code environment}'s thread toward {@code target}.
   */
  Reply watching(String environment, State target) {
    return new Reply(inChannel, text, blocks, Optional.of(new Watch(environment, target)));
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
    return new Reply(inChannel, text, all, watch);
  }

  String responseType() {
    return inChannel ? "in_channel" : "ephemeral";
  }
}
