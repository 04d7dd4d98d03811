package dev.daybreak.slack;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import dev.daybreak.model.Condition;
import dev.daybreak.model.InvalidDesired;
import dev.daybreak.model.Phase;
import dev.daybreak.model.ServiceEvent;
import dev.daybreak.model.Transition;
import dev.daybreak.model.TransitionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders announcements as Block Kit messages, within Slack's limits (header 150 characters,
 * section text 3000, context 10 elements, 50 blocks).
 */
final class SlackBlocks {

  static final int MAX_HEADER = 150;
  static final int MAX_SECTION_TEXT = 3000;
  static final int MAX_CONTEXT_ELEMENTS = 10;

  /** 50 blocks per message, less the header, summary, divider, two context and the buttons. */
  static final int MAX_SERVICE_SECTIONS = 44;

  private SlackBlocks() {}

  /** The operation's message: title, progress, who asked, every service, conditions. */
  static SlackMessage message(Announcement a) {
    return message(a, Optional.empty());
  }

  /**
   * The operation's message, its header and text prefixed with {@code marker} when there is one
   * (e.g. {@code [dry run]}). A marked message mentions nobody and offers no buttons: it reports
   * what did not happen, so it pages no one and invites no action on it.
   */
  static SlackMessage message(Announcement a, Optional<String> marker) {
    List<LayoutBlock> blocks = new ArrayList<>();
    String prefix = marker.map(m -> m + " ").orElse("");
    String title =
        prefix
            + (InvalidDesired.isInvalid(a.status()) ? ":warning:" : emoji(a.status().phase()))
            + " "
            + MessageText.title(a);
    blocks.add(header(h -> h.text(plainText(truncate(title, MAX_HEADER), true))));

    StringBuilder summary =
        new StringBuilder()
            .append('*')
            .append(escape(MessageText.progress(a)))
            .append("*\n")
            .append(escape(MessageText.requested(a)));
    if (a.status().phase() == Phase.DEGRADED && marker.isEmpty()) {
      mentions(a).ifPresent(m -> summary.append('\n').append(m));
    }
    blocks.add(section(s -> s.text(markdownText(truncate(summary.toString(), MAX_SECTION_TEXT)))));
    blocks.add(divider());

    List<String> services = a.services().stream().map(SlackBlocks::service).toList();
    for (String chunk :
        pack(services, MAX_SECTION_TEXT).stream().limit(MAX_SERVICE_SECTIONS).toList()) {
      blocks.add(section(s -> s.text(markdownText(chunk))));
    }

    List<ContextBlockElement> conditions =
        a.status().conditions().stream()
            .filter(c -> !c.message().isBlank())
            .limit(MAX_CONTEXT_ELEMENTS)
            .map(c -> (ContextBlockElement) markdownText(truncate(condition(c), 2000)))
            .toList();
    if (!conditions.isEmpty()) {
      blocks.add(context(conditions));
    }
    blocks.add(
        context(
            List.of(
                markdownText(
                    truncate("daybreak · operation `" + escape(a.operationId()) + "`", 2000)))));
    if (marker.isEmpty()) {
      blocks.add(SlackButtons.actionsFor(a.environment()));
    }

    String text =
        escape(
            prefix
                + MessageText.title(a)
                + " — "
                + MessageText.progress(a)
                + " — "
                + MessageText.requested(a));
    return new SlackMessage(truncate(text, MAX_SECTION_TEXT), blocks);
  }

  /** A thread reply for one transition. */
  static SlackMessage reply(Transition t, Announcement a) {
    return reply(t, a, Optional.empty());
  }

  /** A thread reply for one transition, prefixed with {@code marker}, which mentions nobody. */
  static SlackMessage reply(Transition t, Announcement a, Optional<String> marker) {
    StringBuilder text =
        new StringBuilder()
            .append(marker.map(m -> escape(m) + " ").orElse(""))
            .append(emoji(t.kind()))
            .append(' ')
            .append(escape(MessageText.transition(t, a)));
    if (t.kind() == TransitionKind.DEGRADED && marker.isEmpty()) {
      mentions(a).ifPresent(m -> text.append(' ').append(m));
    }
    return new SlackMessage(truncate(text.toString(), MAX_SECTION_TEXT), List.of());
  }

  /** A thread reply of plain text (e.g. a call a dry run did not make), prefixed with marker. */
  static SlackMessage note(String line, Optional<String> marker) {
    String text = marker.map(m -> m + " ").orElse("") + line;
    return new SlackMessage(truncate(escape(text), MAX_SECTION_TEXT), List.of());
  }

  /** A text-only message of its own (a weekly digest), escaped, after {@code marker}. */
  static SlackMessage standalone(String text, Optional<String> marker) {
    return note(text, marker);
  }

  private static String service(ServiceReport s) {
    StringBuilder b =
        new StringBuilder()
            .append(s.ready() ? ":white_check_mark: *" : ":hourglass_flowing_sand: *")
            .append(escape(s.serviceName()))
            .append('*');
    if (s.tier() >= 0) {
      b.append(" · tier ").append(s.tier());
    }
    if (!s.ecsService().equals(s.serviceName())) {
      b.append(" · ECS `").append(escape(s.ecsService())).append('`');
    }
    b.append('\n').append(escape(MessageText.counts(s)));
    s.latestEvent().ifPresent(e -> b.append("\n> ").append(event(e)));
    return b.toString();
  }

  private static String event(ServiceEvent e) {
    // <!date^...> renders in each reader's time zone; the ISO text is the fallback.
    return "latest event `"
        + escape(e.id())
        + "` at <!date^"
        + e.createdAt().getEpochSecond()
        + "^{date_short_pretty} {time_secs}|"
        + MessageText.time(e.createdAt())
        + ">: "
        + escape(e.message());
  }

  private static String condition(Condition c) {
    return "*"
        + escape(c.type())
        + "* "
        + c.status().name().toLowerCase(Locale.ROOT)
        + " ("
        + escape(c.reason())
        + "): "
        + escape(c.message());
  }

  private static Optional<String> mentions(Announcement a) {
    List<String> ids = a.notifications().mentionOnDegraded();
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        ids.stream()
            .map(id -> id.startsWith("S") ? "<!subteam^" + id + ">" : "<@" + id + ">")
            .collect(Collectors.joining(" ")));
  }

  static String emoji(Phase phase) {
    return switch (phase) {
      case WAKING -> ":sunrise:";
      case AWAKE -> ":sunny:";
      case SLEEPING -> ":crescent_moon:";
      case ASLEEP -> ":zzz:";
      case DEGRADED -> ":warning:";
    };
  }

  static String emoji(TransitionKind kind) {
    return switch (kind) {
      case WAKE_STARTED -> ":sunrise:";
      case SLEEP_STARTED -> ":crescent_moon:";
      case TIER_DONE -> ":arrow_forward:";
      case AWAKE -> ":sunny:";
      case ASLEEP -> ":zzz:";
      case DEGRADED -> ":warning:";
      case RECOVERED -> ":white_check_mark:";
      case DRIFT_CORRECTED -> ":wrench:";
      case DESIRED_STATE_INVALID -> ":warning:";
    };
  }

  /** Escapes the three characters Slack's mrkdwn reserves. */
  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  /** Joins items into as few texts of at most {@code max} characters as possible, in order. */
  static List<String> pack(List<String> items, int max) {
    List<String> chunks = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : items) {
      String item = truncate(raw, max);
      if (current.length() > 0 && current.length() + 2 + item.length() > max) {
        chunks.add(current.toString());
        current.setLength(0);
      }
      if (current.length() > 0) {
        current.append("\n\n");
      }
      current.append(item);
    }
    if (current.length() > 0) {
      chunks.add(current.toString());
    }
    return chunks;
  }
}
