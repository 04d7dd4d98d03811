package dev.daybreak.manifests;

import dev.daybreak.model.NotifySpec;
import java.util.List;
import java.util.Optional;

/** Reads {@code spec.notify}: where transitions are announced. */
final class NotifyReader {

  static final List<String> FIELDS = List.of("slack", "mentionOnDegraded");
  static final List<String> SLACK_FIELDS = List.of("channel", "digest");

  /** The values {@code spec.notify.slack.digest} takes. */
  static final List<String> DIGESTS = List.of("weekly", "off");

  private record Slack(Optional<String> channel, boolean weeklyDigest) {}

  private NotifyReader() {}

  static Optional<NotifySpec> read(Node node) {
    Optional<Fields> mapping = node.mapping(FIELDS, false);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = mapping.get();
    Optional<Slack> slack =
        fields.read("slack", NotifyReader::slack, new Slack(Optional.empty(), false));
    Optional<List<String>> mentions =
        fields.read(
            "mentionOnDegraded",
            n ->
                n.uniqueListOf(
                    "a list of Slack user or user group ids, such as [U0123ABCD, S0123ABCD]",
                    NotifyReader::mention),
            List.of());
    if (slack.isEmpty() || mentions.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new NotifySpec(slack.get().channel(), mentions.get(), slack.get().weeklyDigest()));
  }

  private static Optional<Slack> slack(Node node) {
    Optional<Fields> mapping = node.mapping(SLACK_FIELDS, false);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> channel =
        mapping
            .get()
            .required("channel", Names.SLACK_CHANNEL_RULE)
            .flatMap(Node::string)
            .filter(c -> checked(node.child("channel"), c));
    Optional<Boolean> digest = mapping.get().read("digest", NotifyReader::digest, false);
    if (channel.isEmpty() || digest.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Slack(channel, digest.get()));
  }

  /** {@code weekly}, or {@code off} (YAML may read an unquoted off as false). */
  private static Optional<Boolean> digest(Node node) {
    if (node.json().isBoolean() && !node.json().booleanValue()) {
      return Optional.of(false);
    }
    return node.oneOf("savings digest", DIGESTS).map("weekly"::equals);
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
