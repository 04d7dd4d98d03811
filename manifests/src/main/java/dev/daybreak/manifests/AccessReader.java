package dev.daybreak.manifests;

import dev.daybreak.model.AccessSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Reads {@code spec.access}: who may change the environment from Slack, and for how long. */
final class AccessReader {

  static final List<String> FIELDS = List.of("slack", "maxWake");
  static final List<String> SLACK_FIELDS = List.of("users", "channels");
  static final Duration MIN_MAX_WAKE = Duration.ofMinutes(1);
  static final Duration MAX_MAX_WAKE = Duration.ofDays(7);

  private AccessReader() {}

  static Optional<AccessSpec> read(Node node) {
    Optional<Fields> mapping = node.mapping(FIELDS, false);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = mapping.get();
    Optional<AccessSpec> slack = fields.read("slack", AccessReader::slack, AccessSpec.defaults());
    Optional<Duration> maxWake =
        fields.read(
            "maxWake", n -> n.duration(MIN_MAX_WAKE, MAX_MAX_WAKE), AccessSpec.DEFAULT_MAX_WAKE);
    if (slack.isEmpty() || maxWake.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new AccessSpec(slack.get().slackUsers(), slack.get().slackChannels(), maxWake.get()));
  }

  /** The allowlists, in an AccessSpec with the default maxWake. */
  private static Optional<AccessSpec> slack(Node node) {
    Optional<Fields> mapping = node.mapping(SLACK_FIELDS, false);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = mapping.get();
    Optional<List<String>> users =
        fields.read(
            "users",
            n ->
                n.uniqueListOf(
                    "a list of Slack user ids, such as [U0123ABCD]",
                    id -> id(id, Names::isSlackUser, Names.SLACK_USER_RULE)),
            List.of());
    Optional<List<String>> channels =
        fields.read(
            "channels",
            n ->
                n.uniqueListOf(
                    "a list of Slack channel ids, such as [C0123ABCD]",
                    id -> id(id, Names::isSlackChannelId, Names.SLACK_CHANNEL_ID_RULE)),
            List.of());
    if (users.isEmpty() || channels.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new AccessSpec(users.get(), channels.get(), AccessSpec.DEFAULT_MAX_WAKE));
  }

  private static Optional<String> id(Node node, Predicate<String> valid, String rule) {
    Optional<String> id = node.string();
    if (id.isPresent() && !valid.test(id.get())) {
      node.error("'" + Node.shorten(id.get()) + "' is not valid here; use " + rule);
      return Optional.empty();
    }
    return id;
  }
}
