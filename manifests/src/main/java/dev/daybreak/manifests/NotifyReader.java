package dev.daybreak.manifests;

import dev.daybreak.model.NotifySpec;
import java.util.List;
import java.util.Optional;

/** Reads {@code spec.notify}: where transitions are announced. */
final class NotifyReader {

  static final List<String> FIELDS = List.of("slack", "mentionOnDegraded");
  static final List<String> SLACK_FIELDS = List.of("channel");

  private NotifyReader() {}

  static Optional<NotifySpec> read(Node node) {
    Optional<Fields> mapping = node.mapping(FIELDS, false);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = mapping.get();
    Optional<Optional<String>> channel =
        fields.read("slack", NotifyReader::slack, Optional.<String>empty());
    Optional<List<String>> mentions =
        fields.read(
            "mentionOnDegraded",
            n ->
                n.uniqueListOf(
                    "a list of Slack user or user group ids, such as [U0123ABCD, S0123ABCD]",
                    NotifyReader::mention),
            List.of());
    if (channel.isEmpty() || mentions.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new NotifySpec(channel.get(), mentions.get()));
  }

  private static Optional<Optional<String>> slack(Node node) {
    return node.mapping(SLACK_FIELDS, false)
        .flatMap(
            fields -> fields.required("channel", Names.SLACK_CHANNEL_RULE).flatMap(Node::string))
        .filter(channel -> checked(node.child("channel"), channel))
        .map(Optional::of);
  }

  private static boolean checked(Node node, String channel) {
    if (!Names.isSlackChannel(channel)) {
      node.error(
          "'"
              + Node.shorten(channel)
              + "' is not a Slack channel; use "
              + Names.SLACK_CHANNEL_RULE);
      return false;
    }
    return true;
  }

  private static Optional<String> mention(Node node) {
    Optional<String> id = node.string();
    if (id.isPresent() && !Names.isSlackMention(id.get())) {
      node.error(
          "'" + Node.shorten(id.get()) + "' is not a Slack id; use " + Names.SLACK_MENTION_RULE);
      return Optional.empty();
    }
    return id;
  }
}
